package io.mmipc.bench;

import io.mmipc.IpcContext;
import io.mmipc.SharedMemory;
import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.Spinning;
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

/**
 * The cost of one guarded atomic add on a mapped file, beside {@link AtomicLong} on the heap.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SharedMemoryBenchmark
{
    private IpcContext ctx;
    private SharedMemory memory;
    private final AtomicLong heap = new AtomicLong();

    @Setup(Level.Trial)
    public void setup()
    {
        ctx = IpcContext.create();
        memory = ctx.sharedMemory("bench", 4096);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        ctx.close();
    }

    @Benchmark
    @Contender(suite = "atomic add, one process", name = "mmipc SharedMemory.getAndAddLong", role = Contender.Role.MMIPC)
    @Spinning(threads = 1, note = "the benchmark thread")
    public long sharedMemoryGetAndAdd()
    {
        return memory.getAndAddLong(0, 1);
    }

    @Benchmark
    @Contender(suite = "atomic add, one process", name = "java.util.concurrent AtomicLong.getAndAdd", role = Contender.Role.REFERENCE)
    @Spinning(threads = 1, note = "the benchmark thread")
    public long atomicLongGetAndAdd()
    {
        return heap.getAndAdd(1);
    }
}
