package io.mmipc.bench.sync;

import io.mmipc.bench.support.Spinning;
import io.mmipc.bench.support.Contender;
import io.mmipc.IpcContext;
import io.mmipc.SharedLock;
import io.mmipc.SharedLong;
import io.mmipc.bench.support.PeerJvm;
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

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Python's classic: four processes increment one shared counter, under a shared lock
 * ({@code with lock: shared.value += 1}) or with one atomic each. This JVM is one of the four;
 * {@value #PEERS} peer JVMs, started through {@link PeerJvm}, do the same for the whole trial.
 * The primary score is this process's increments per second; {@code allProcesses} (an
 * auxiliary counter) is the counter's growth over the iteration: the increments of all four.
 * On a two-core machine four busy processes share two cores: waiters back off through
 * {@code Idle.backoff()}, no process busy-spins.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FourProcessCounterBenchmark
{
    static final int PEERS = 3;

    @Benchmark
    @Contender(suite = "4-process shared counter (this JVM + 3 peer JVMs)", name = "mmipc SharedLock + SharedInt", role = Contender.Role.MMIPC)
    @Spinning(threads = 0, note = "waiters back off (spin, yield, park)")
    public void lockedCounter(final Counter shared)
    {
        shared.lock.lock();
        try
        {
            shared.counter.set(shared.counter.get() + 1);
        }
        finally
        {
            shared.lock.unlock();
        }
    }

    @Benchmark
    @Contender(suite = "4-process shared counter (this JVM + 3 peer JVMs)", name = "mmipc SharedInt CAS, no lock", role = Contender.Role.MMIPC)
    @Spinning(threads = 4, note = "every process increments in a loop")
    public long casCounter(final Counter shared)
    {
        return shared.counter.incrementAndGet();
    }

    /**
     * The shared lock and counter, opened by the benchmark thread, and the peers that use them.
     * Its one public field is an auxiliary counter: the increments of all four processes in an
     * iteration (from just before its warm-up to just after its warm-down, both empty with one
     * benchmark thread). One state class on purpose: JMH gives a state that other states take
     * as an argument instances of its own.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counter
    {
        public long allProcesses;
        private final List<PeerJvm> peers = new ArrayList<>();
        private IpcContext ctx;
        private SharedLock lock;
        private SharedLong counter;
        private long atStart;

        @Setup(Level.Trial)
        public void setup(final BenchmarkParams params) throws Exception
        {
            ctx = IpcContext.create();
            lock = ctx.lock("lock");
            counter = ctx.longValue("counter", 0);
            final String mode = params.getBenchmark().endsWith("casCounter") ? "cas" : "locked";
            for (int i = 0; i < PEERS; i++)
            {
                peers.add(PeerJvm.start(CounterPeer.class, ctx.directory().toString(), mode));
            }
        }

        @Setup(Level.Iteration)
        public void mark()
        {
            peers.forEach(PeerJvm::checkAlive);
            atStart = counter.get();
        }

        @TearDown(Level.Iteration)
        public void count()
        {
            allProcesses = counter.get() - atStart;
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            peers.forEach(PeerJvm::close);
            ctx.close();
        }
    }

    /**
     * A peer: the same loop, forever, until the benchmark stops it.
     */
    public static final class CounterPeer
    {
        private CounterPeer()
        {
        }

        public static void main(final String[] args)
        {
            final IpcContext ctx = IpcContext.open(Paths.get(args[0]));
            final SharedLock lock = ctx.lock("lock");
            final SharedLong counter = ctx.longValue("counter", 0);
            final boolean cas = args[1].equals("cas");
            PeerJvm.signalReady();
            while (true)
            {
                if (cas)
                {
                    counter.incrementAndGet();
                    continue;
                }
                lock.lock();
                try
                {
                    counter.set(counter.get() + 1);
                }
                finally
                {
                    lock.unlock();
                }
            }
        }
    }
}
