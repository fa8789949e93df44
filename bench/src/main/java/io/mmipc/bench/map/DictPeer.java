package io.mmipc.bench.map;

import io.mmipc.IpcContext;
import io.mmipc.SharedLong;
import io.mmipc.SharedMap;
import io.mmipc.bench.support.PeerJvm;
import io.mmipc.codec.Codecs;

import java.nio.file.Paths;

/**
 * The other JVM of the dict benchmarks: {@code server REQUEST_FIFO REPLY_FIFO} serves the pipe
 * dict; {@code get DIR} and {@code set DIR} use the mmipc dict in {@code DIR} in the benchmark's
 * loop, forever, counting their operations in the shared long {@code peer-ops} every 1,024.
 */
public final class DictPeer
{
    private DictPeer()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args[0].equals("server"))
        {
            PipeDict.serve(Paths.get(args[1]), Paths.get(args[2]), PeerJvm::signalReady);
            return;
        }
        final IpcContext ctx = IpcContext.open(Paths.get(args[1]));
        final SharedMap<String, String> map = ctx.dict(DictData.NAME, Codecs.utf8(), Codecs.utf8(), DictData.OPTIONS);
        final SharedLong ops = ctx.longValue("peer-ops", 0);
        final boolean set = args[0].equals("set");
        PeerJvm.signalReady();
        for (int i = 0, n = 1; ; i = DictData.next(i), n++)
        {
            if (set)
            {
                map.set(DictData.KEY[i], DictData.VALUE[i]);
            }
            else if (map.get(DictData.KEY[i]) == null)
            {
                throw new IllegalStateException(DictData.KEY[i] + " is missing");
            }
            if ((n & 1023) == 0)
            {
                ops.getAndAdd(1024);
            }
        }
    }
}
