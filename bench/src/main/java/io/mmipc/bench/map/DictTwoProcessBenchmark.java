package io.mmipc.bench.map;

import io.mmipc.IpcContext;
import io.mmipc.SharedLong;
import io.mmipc.SharedMap;
import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.PeerJvm;
import io.mmipc.bench.support.Spinning;
import io.mmipc.codec.Codecs;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.concurrent.TimeUnit;

/**
 * The mmipc dict from two processes at once: a peer JVM, started through {@link PeerJvm}, runs
 * the same loop ({@code get}s, or {@code set}s of the same keys, so writers meet on stripes) for
 * the whole trial. The primary score is this process's operations per second, comparable with
 * {@link DictBenchmark}'s one-process figures; {@code peerOps} (an auxiliary counter) is the
 * peer's, so the two add up to what the dict served.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DictTwoProcessBenchmark
{
    /**
     * The dict, the peer that uses it, and the peer's operations in an iteration. One state class
     * on purpose: JMH gives a state that other states take as an argument instances of its own.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Shared
    {
        public long peerOps;
        private IpcContext ctx;
        private SharedMap<String, String> map;
        private SharedLong ops;
        private PeerJvm peer;
        private long atStart;
        private int i;

        @Setup(Level.Trial)
        public void setup(final BenchmarkParams params) throws Exception
        {
            ctx = IpcContext.create();
            map = ctx.dict(DictData.NAME, Codecs.utf8(), Codecs.utf8(), DictData.OPTIONS);
            for (int k = 0; k < DictData.KEYS; k++)
            {
                map.set(DictData.KEY[k], DictData.VALUE[k]);
            }
            ops = ctx.longValue("peer-ops", 0);
            peer = PeerJvm.start(DictPeer.class, params.getBenchmark().endsWith("Set") ? "set" : "get",
                ctx.directory().toString());
        }

        @Setup(Level.Iteration)
        public void mark()
        {
            peer.checkAlive();
            atStart = ops.get();
        }

        @TearDown(Level.Iteration)
        public void count()
        {
            peerOps = ops.get() - atStart;
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            peer.close();
            ctx.close();
        }
    }

    @Benchmark
    @Contender(suite = DictBenchmark.GET, name = "mmipc dict, per process, while a second process reads",
        role = Contender.Role.MMIPC)
    @Spinning(threads = 2, note = "the benchmark thread + the peer's loop")
    public String mmipcGet(final Shared s)
    {
        s.i = DictData.next(s.i);
        return s.map.get(DictData.KEY[s.i]);
    }

    @Benchmark
    @Contender(suite = DictBenchmark.SET, name = "mmipc dict, per process, while a second process writes",
        role = Contender.Role.MMIPC)
    @Spinning(threads = 2, note = "the benchmark thread + the peer's loop")
    public void mmipcSet(final Shared s)
    {
        s.i = DictData.next(s.i);
        s.map.set(DictData.KEY[s.i], DictData.VALUE[s.i]);
    }
}
