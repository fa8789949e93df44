package io.mmipc.bench.sync;

import io.mmipc.bench.support.Spinning;
import io.mmipc.bench.support.Contender;
import io.mmipc.IpcContext;
import io.mmipc.SharedLock;
import io.mmipc.SharedLong;
import io.mmipc.SharedRLock;
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

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One thread, no contention: a shared value's increment beside {@link AtomicLong}'s, and a shared
 * lock's lock+unlock beside {@link ReentrantLock}'s. The state is per thread and set up by the
 * benchmark thread, so that thread opened the objects and pays no atomic for the files' close
 * guard (the way an application opens what a thread uses). Report each pair as a ratio.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class UncontendedSyncBenchmark
{
    /** The suite shared with {@link PipeCounterBenchmark}. */
    static final String INCREMENT = "counter increment (Python's Value)";

    private final AtomicLong atomicLong = new AtomicLong();
    private final ReentrantLock reentrantLock = new ReentrantLock();
    private IpcContext ctx;
    private SharedLong sharedLong;
    private SharedLock sharedLock;
    private SharedRLock sharedRLock;

    @Setup(Level.Trial)
    public void setup()
    {
        ctx = IpcContext.create();
        sharedLong = ctx.longValue("counter", 0);
        sharedLock = ctx.lock("lock");
        sharedRLock = ctx.rlock("rlock");
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        ctx.close();
    }

    @Benchmark
    @Contender(suite = INCREMENT, name = "AtomicLong.incrementAndGet", role = Contender.Role.REFERENCE)
    @Spinning(threads = 1)
    public long atomicLongIncrementAndGet()
    {
        return atomicLong.incrementAndGet();
    }

    @Benchmark
    @Contender(suite = INCREMENT, name = "mmipc SharedLong.incrementAndGet", role = Contender.Role.MMIPC)
    @Spinning(threads = 1)
    public long sharedLongIncrementAndGet()
    {
        return sharedLong.incrementAndGet();
    }

    @Benchmark
    @Contender(suite = "uncontended lock + unlock, one process", name = "ReentrantLock", role = Contender.Role.REFERENCE)
    @Spinning(threads = 1)
    public void reentrantLockUnlock()
    {
        reentrantLock.lock();
        reentrantLock.unlock();
    }

    @Benchmark
    @Contender(suite = "uncontended lock + unlock, one process", name = "mmipc SharedLock", role = Contender.Role.MMIPC)
    @Spinning(threads = 1)
    public void sharedLockUnlock()
    {
        sharedLock.lock();
        sharedLock.unlock();
    }

    @Benchmark
    @Contender(suite = "uncontended lock + unlock, one process", name = "mmipc SharedRLock", role = Contender.Role.MMIPC)
    @Spinning(threads = 1)
    public void sharedRLockUnlock()
    {
        sharedRLock.lock();
        sharedRLock.unlock();
    }
}
