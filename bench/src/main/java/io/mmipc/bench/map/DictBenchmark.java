package io.mmipc.bench.map;

import io.mmipc.IpcContext;
import io.mmipc.SharedMap;
import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.Spinning;
import io.mmipc.codec.Codecs;
import org.agrona.ExpandableArrayBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code Manager().dict()} from one process: {@code get} and {@code set} of one of
 * {@value DictData#KEYS} entries (16-byte keys, 32-byte values) per operation, on the mmipc dict
 * (through codecs, and on bytes with no allocation), on a {@link ConcurrentHashMap} in this JVM,
 * and on a server-owned dict reached by Java-serialized requests over OS pipes (what a manager's
 * proxy does: every call a round trip to the server process).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DictBenchmark
{
    static final String GET = "dict get, 16 B keys, 32 B values";
    static final String SET = "dict set, 16 B keys, 32 B values";

    /** The mmipc dict, filled, opened by the benchmark thread. */
    @State(Scope.Thread)
    public static class Mmipc
    {
        IpcContext ctx;
        SharedMap<String, String> map;
        final ExpandableArrayBuffer into = new ExpandableArrayBuffer(64);
        int i;

        @Setup(Level.Trial)
        public void setup()
        {
            ctx = IpcContext.create();
            map = ctx.dict(DictData.NAME, Codecs.utf8(), Codecs.utf8(), DictData.OPTIONS);
            for (int k = 0; k < DictData.KEYS; k++)
            {
                map.set(DictData.KEY[k], DictData.VALUE[k]);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            ctx.close();
        }
    }

    /** A filled {@link ConcurrentHashMap}. */
    @State(Scope.Thread)
    public static class Jdk
    {
        final Map<String, String> map = new ConcurrentHashMap<>();
        int i;

        @Setup(Level.Trial)
        public void setup()
        {
            for (int k = 0; k < DictData.KEYS; k++)
            {
                map.put(DictData.KEY[k], DictData.VALUE[k]);
            }
        }
    }

    /** The pipe dict: a server JVM and two FIFOs. */
    @State(Scope.Thread)
    public static class Pipe
    {
        PipeDict dict;
        int i;

        @Setup(Level.Trial)
        public void setup() throws Exception
        {
            dict = PipeDict.startServer();
            for (int k = 0; k < DictData.KEYS; k++)
            {
                dict.set(DictData.KEY[k], DictData.VALUE[k]);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception
        {
            dict.close();
        }
    }

    @Benchmark
    @Contender(suite = GET, name = "mmipc dict, one process", role = Contender.Role.MMIPC, quick = true)
    @Spinning(threads = 1, note = "the benchmark thread")
    public String mmipcGet(final Mmipc s)
    {
        s.i = DictData.next(s.i);
        return s.map.get(DictData.KEY[s.i]);
    }

    @Benchmark
    @Contender(suite = GET, name = "mmipc dict on bytes (no allocation), one process", role = Contender.Role.MMIPC)
    @Spinning(threads = 1, note = "the benchmark thread")
    public int mmipcGetBytes(final Mmipc s)
    {
        s.i = DictData.next(s.i);
        return s.map.getBytes(DictData.KEY_BYTES[s.i], 0, DictData.KEY_BYTES[s.i].capacity(), s.into, 0);
    }

    @Benchmark
    @Contender(suite = GET, name = "ConcurrentHashMap, one JVM")
    @Spinning(threads = 1, note = "the benchmark thread")
    public String jdkGet(final Jdk s)
    {
        s.i = DictData.next(s.i);
        return s.map.get(DictData.KEY[s.i]);
    }

    @Benchmark
    @Contender(suite = GET, name = "Manager-style dict: server JVM, serialized requests over pipes",
        role = Contender.Role.BASELINE, quick = true)
    @Spinning(threads = 0, note = "client and server block in the kernel in turn")
    public Object pipeGet(final Pipe s) throws Exception
    {
        s.i = DictData.next(s.i);
        return s.dict.get(DictData.KEY[s.i]);
    }

    @Benchmark
    @Contender(suite = SET, name = "mmipc dict, one process", role = Contender.Role.MMIPC, quick = true)
    @Spinning(threads = 1, note = "the benchmark thread")
    public void mmipcSet(final Mmipc s)
    {
        s.i = DictData.next(s.i);
        s.map.set(DictData.KEY[s.i], DictData.VALUE[s.i]);
    }

    @Benchmark
    @Contender(suite = SET, name = "mmipc dict on bytes (no allocation), one process", role = Contender.Role.MMIPC)
    @Spinning(threads = 1, note = "the benchmark thread")
    public boolean mmipcPutBytes(final Mmipc s)
    {
        s.i = DictData.next(s.i);
        return s.map.putBytes(DictData.KEY_BYTES[s.i], 0, DictData.KEY_BYTES[s.i].capacity(),
            DictData.VALUE_BYTES[s.i], 0, DictData.VALUE_BYTES[s.i].capacity());
    }

    @Benchmark
    @Contender(suite = SET, name = "ConcurrentHashMap, one JVM")
    @Spinning(threads = 1, note = "the benchmark thread")
    public String jdkPut(final Jdk s)
    {
        s.i = DictData.next(s.i);
        return s.map.put(DictData.KEY[s.i], DictData.VALUE[s.i]);
    }

    @Benchmark
    @Contender(suite = SET, name = "Manager-style dict: server JVM, serialized requests over pipes",
        role = Contender.Role.BASELINE, quick = true)
    @Spinning(threads = 0, note = "client and server block in the kernel in turn")
    public void pipeSet(final Pipe s) throws Exception
    {
        s.i = DictData.next(s.i);
        s.dict.set(DictData.KEY[s.i], DictData.VALUE[s.i]);
    }
}
