package io.mmipc.bench.process;

import io.mmipc.IpcContext;
import io.mmipc.Pool;
import io.mmipc.PoolOptions;
import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.Spinning;
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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code map} of 10,000 small tasks: mmipc's Pool of two worker JVMs beside one thread and a Java
 * thread pool of two threads, in one JVM. Tasks this small measure the cost of shipping work
 * between processes; a JVM pool pays it so that work can run in separate processes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PoolBenchmark
{
    /** Nanoseconds of arithmetic per task: a tiny task, and one of about 20 microseconds. */
    @Param({"0", "20000"})
    public int work;

    private List<Integer> items;
    private IpcContext ctx;
    private Pool pool;
    private ExecutorService threads;

    @Setup(Level.Trial)
    public void setup()
    {
        items = IntStream.range(0, 10_000).boxed().collect(Collectors.toList());
        ctx = IpcContext.create();
        pool = ctx.pool(PoolOptions.defaults().processes(2));
        pool.map(PoolBenchmark::noop, List.of(1, 2)); // workers up and running before measuring
        threads = Executors.newFixedThreadPool(2);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        threads.shutdownNow();
        pool.terminate();
        ctx.close();
    }

    static int noop(final int x)
    {
        return x;
    }

    static long task(final int x, final int work)
    {
        long acc = x;
        for (int i = 0; i < work; i++)
        {
            acc = acc * 6364136223846793005L + 1442695040888963407L;
        }
        return acc ^ ((long)x * x);
    }

    @Benchmark
    @Contender(suite = "Pool.map of 10,000 tasks [work={work}]", name = "mmipc Pool (2 worker JVMs)",
        role = Contender.Role.MMIPC)
    @Spinning(threads = 0, note = "workers block on their pipes with backoff")
    public List<Long> mmipcPool()
    {
        final int w = work;
        return pool.map(x -> task(x, w), items);
    }

    @Benchmark
    @Contender(suite = "Pool.map of 10,000 tasks [work={work}]", name = "one thread", role = Contender.Role.REFERENCE)
    @Spinning(threads = 1)
    public List<Long> singleThread()
    {
        final List<Long> out = new ArrayList<>(items.size());
        for (final int x : items)
        {
            out.add(task(x, work));
        }
        return out;
    }

    @Benchmark
    @Contender(suite = "Pool.map of 10,000 tasks [work={work}]", name = "Java thread pool (2 threads, same chunks)")
    @Spinning(threads = 2)
    public List<Long> javaThreadPool() throws InterruptedException, ExecutionException
    {
        final int chunk = Math.max(1, (items.size() + 7) / 8);
        final List<Future<List<Long>>> parts = new ArrayList<>();
        for (int start = 0; start < items.size(); start += chunk)
        {
            final List<Integer> slice = items.subList(start, Math.min(items.size(), start + chunk));
            parts.add(threads.submit(() ->
            {
                final List<Long> out = new ArrayList<>(slice.size());
                for (final int x : slice)
                {
                    out.add(task(x, work));
                }
                return out;
            }));
        }
        final List<Long> out = new ArrayList<>(items.size());
        for (final Future<List<Long>> part : parts)
        {
            out.addAll(part.get());
        }
        return out;
    }
}
