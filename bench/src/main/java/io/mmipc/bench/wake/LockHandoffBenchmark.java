package io.mmipc.bench.wake;

import io.mmipc.Idle;
import io.mmipc.IpcContext;
import io.mmipc.SharedLock;
import io.mmipc.SharedLong;
import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.PeerJvm;
import io.mmipc.bench.support.Spinning;
import io.mmipc.bench.support.Variant;
import io.mmipc.internal.wait.Futex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The hand-off of a {@link SharedLock} to a waiter in another JVM that has gone to sleep in
 * {@code lock()}, and its answer: the benchmark thread holds lock {@code handoff}, the peer waits
 * for it; after a gap (1 ms by default, outside the measurement) the benchmark unlocks it and
 * measures until the peer has taken it and released lock {@code ack}, which the benchmark waits
 * for in turn. So one sample is two cross-process lock hand-offs, the first to a sleeper.
 * <p>
 * Between samples (unmeasured) the two swap back: the peer releases {@code handoff} and waits
 * until the benchmark, holding both locks, publishes the round in {@code taken} (so that the peer
 * cannot take {@code ack} back before the benchmark had it: the lock is not fair); the peer then
 * waits for {@code ack}, which the benchmark releases; holding it, the peer publishes the next
 * round in {@code armed} and blocks in {@code handoff.lock()}. {@link CpuShare} adds each side's
 * CPU time.
 * <ul>
 *   <li>{@code KERNEL_SLEEP}: default options: spin, yield, then a futex sleep until the unlock's signal;</li>
 *   <li>{@code BACKOFF}: {@code -Dmmipc.wait.futex=false} in both JVMs (set by each for itself):
 *   spin, yield, parks growing to 1 ms, as before issue 13;</li>
 *   <li>{@code BUSY_SPIN}: both locks with {@link Idle#busySpin()} in both JVMs.</li>
 * </ul>
 * <pre>
 * java -jar bench/target/benchmarks.jar LockHandoffBenchmark
 * java -jar bench/target/benchmarks.jar LockHandoffBenchmark -p mode=KERNEL_SLEEP -p gapMicros=0,1000,10000
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class LockHandoffBenchmark
{
    private static final long ARM_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    /**
     * How both JVMs wait for a lock. JMH forks a JVM per parameter value, so each JVM sets its
     * mode before it first waits ({@link #apply()}, ahead of anything that loads {@link Futex}).
     */
    public enum WaitMode
    {
        KERNEL_SLEEP,
        BACKOFF,
        BUSY_SPIN;

        void apply()
        {
            if (this == BACKOFF)
            {
                System.setProperty(Futex.PROPERTY, "false");
                if (Futex.sleepsAllowed())
                {
                    throw new IllegalStateException(this + ": futex sleeps were enabled before " + Futex.PROPERTY +
                        " could be set to false");
                }
            }
            else if (this == KERNEL_SLEEP && !(Futex.loadNow() && Futex.sleepsAllowed()))
            {
                throw new IllegalStateException(this + ": no futex sleeps here: " + Futex.status());
            }
        }

        SharedLock lock(final IpcContext ctx, final String name)
        {
            final SharedLock lock = ctx.lock(name);
            return this == BUSY_SPIN ? lock.idle(Idle.busySpin()) : lock;
        }
    }

    @Param({"KERNEL_SLEEP", "BACKOFF", "BUSY_SPIN"})
    public WaitMode mode;

    /** Pause before each unlock, outside the measured time, so that the waiting peer sleeps. */
    @Param({"1000"})
    public long gapMicros;

    private IpcContext ctx;
    private PeerJvm peer;
    private SharedLock handoff;
    private SharedLock ack;
    private SharedLong armed;
    private SharedLong taken;
    private long round;

    @Setup(Level.Trial)
    public void setup() throws Exception
    {
        mode.apply();
        ctx = IpcContext.create();
        handoff = mode.lock(ctx, "handoff");
        ack = mode.lock(ctx, "ack");
        armed = ctx.longValue("armed", 0);
        taken = ctx.longValue("taken", 0);
        handoff.lock();
        round = 0;
        final Path dir = ctx.directory();
        peer = PeerJvm.start(Peer.class, mode.name(), dir.toString());
        CpuShare.watch(mode.name(), peer.pid());
    }

    /**
     * Swaps back after the last sample (see the class comment), waits until the peer announces
     * that it is about to block on {@code handoff} for the next round, then lets it fall asleep.
     */
    @Setup(Level.Invocation)
    public void arm()
    {
        if (round > 0)
        {
            handoff.lock();
            taken.setRelease(round);
            ack.unlock();
        }
        round++;
        final long deadline = System.nanoTime() + ARM_TIMEOUT_NANOS;
        while (armed.getAcquire() != round)
        {
            if (System.nanoTime() - deadline > 0)
            {
                peer.checkAlive();
                throw new IllegalStateException("peer did not arm round " + round + ": armed=" + armed.get());
            }
            Thread.yield();
        }
        if (gapMicros > 0)
        {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(gapMicros));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        try
        {
            peer.checkAlive();
            System.out.println(mode + ": " + Futex.status() + ", " + round + " hand-offs");
        }
        finally
        {
            peer.close();
            ctx.close();
        }
    }

    @Benchmark
    @Contender(suite = "lock hand-off to a sleeping waiter and back, {gapMicros} us apart, two JVMs", param = "mode",
        variants = {
            @Variant(value = "KERNEL_SLEEP", name = "mmipc Lock, default (futex sleep, woken by unlock)",
                role = Contender.Role.MMIPC),
            @Variant(value = "BACKOFF", name = "mmipc Lock, mmipc.wait.futex=false (parks up to 1 ms)",
                role = Contender.Role.MMIPC),
            @Variant(value = "BUSY_SPIN", name = "mmipc Lock, Idle.busySpin() (both sides spin)",
                role = Contender.Role.CEILING)})
    @Spinning(threads = 0, note = "waiters sleep in the kernel or park; BUSY_SPIN alone spins both sides (2)")
    public long handOff(final CpuShare cpu)
    {
        handoff.unlock();
        ack.lock();
        return round;
    }

    /**
     * The peer JVM: holds {@code ack}, then for rounds 1, 2, 3... announces the round, takes
     * {@code handoff}, releases {@code ack}, releases {@code handoff}, waits until the benchmark
     * has taken both, and takes {@code ack} again. Args: mode, directory.
     */
    public static final class Peer
    {
        private Peer()
        {
        }

        public static void main(final String[] args)
        {
            final WaitMode mode = WaitMode.valueOf(args[0]);
            mode.apply();
            try (IpcContext ctx = IpcContext.open(Paths.get(args[1])))
            {
                final SharedLock handoff = mode.lock(ctx, "handoff");
                final SharedLock ack = mode.lock(ctx, "ack");
                final SharedLong armed = ctx.longValue("armed", 0);
                final SharedLong taken = ctx.longValue("taken", 0);
                ack.lock();
                PeerJvm.signalReady();
                for (long round = 1; ; round++)
                {
                    armed.setRelease(round);
                    handoff.lock();
                    ack.unlock();
                    handoff.unlock();
                    while (taken.getAcquire() != round)
                    {
                        Thread.yield(); // unmeasured: the benchmark takes both locks right after its sample
                    }
                    ack.lock();
                }
            }
        }
    }
}
