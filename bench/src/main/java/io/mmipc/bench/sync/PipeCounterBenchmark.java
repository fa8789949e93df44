package io.mmipc.bench.sync;

import io.mmipc.bench.map.PipeDict;
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

/**
 * The Python-style baseline of the shared-state suites: a counter owned by a server JVM, each
 * increment a Java-serialized request and reply over OS pipes, as a {@code Manager().Value}'s
 * proxy makes one round trip per operation. Reported in the same suite as
 * {@code SharedLong.incrementAndGet} and {@code AtomicLong}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PipeCounterBenchmark
{
    private PipeDict counter;

    @Setup(Level.Trial)
    public void setup() throws Exception
    {
        counter = PipeDict.startServer();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception
    {
        counter.close();
    }

    @Benchmark
    @Contender(suite = UncontendedSyncBenchmark.INCREMENT, name = "Manager-style Value: server JVM, serialized requests over pipes",
        role = Contender.Role.BASELINE)
    @Spinning(threads = 0, note = "client and server block in the kernel")
    public long pipeIncrement() throws Exception
    {
        return counter.increment("counter");
    }
}
