package io.mmipc.bench.list;

import io.mmipc.bench.support.PeerJvm;

import java.nio.file.Paths;

/**
 * The other JVM of the list benchmarks: {@code server REQUEST_FIFO REPLY_FIFO} serves the pipe list.
 */
public final class ListPeer
{
    private ListPeer()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (!args[0].equals("server"))
        {
            throw new IllegalArgumentException("no role " + args[0]);
        }
        PipeList.serve(Paths.get(args[1]), Paths.get(args[2]), PeerJvm::signalReady);
    }
}
