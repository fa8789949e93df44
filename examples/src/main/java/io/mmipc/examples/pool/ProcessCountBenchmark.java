package io.mmipc.examples.pool;

import io.mmipc.IpcContext;
import io.mmipc.Pool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark of process counts (1, 2, 4, cpu_count, 2 x cpu_count) on a CPU-bound task (seed
 * 002, "Choosing the Optimal Number of Processes"), with the timings printed. The original divides
 * a list by a number to print the acceleration; this port prints what it meant, the time with one
 * process divided by the time with n. The task size is 50 times Python's: the JVM runs the loop
 * about that much faster, and the point is to see the work spread over processes.
 * <p>
 * What is timed differs from Python in one way, on purpose. Python's workers are forks of a warm
 * interpreter and start in milliseconds; a worker JVM starts in about 0.1 s (far more on a busy
 * machine) and then runs the task's loop interpreted until the JIT compiles it. Timed together with
 * the work, as Python times its pool, that start-up made two workers slower than one process (0.5
 * to 0.7x here, where Python's pool gets 1.2x). So each pool is started and warmed (one task per
 * worker) before the clock starts, and the start-up is printed beside the timing; the parent warms
 * its own JIT with one task before the sequential baseline the same way.
 */
public final class ProcessCountBenchmark
{
    /** CPU-intensive task. */
    static long cpuIntensiveTask(final int n)
    {
        long result = 0;
        for (long i = 0; i < n; i++)
        {
            result += i * i ^ (result >>> 7);
        }
        return result;
    }

    static void benchmarkMultiprocessing(final IpcContext ctx) throws Exception
    {
        final int taskSize = 50_000_000;
        final List<Integer> tasks = Collections.nCopies(20, taskSize);

        final int cpuCount = Runtime.getRuntime().availableProcessors();
        System.out.println("Number of CPU cores: " + cpuCount);
        cpuIntensiveTask(taskSize); // the parent's JIT warm-up, as each pool's below

        final Map<Integer, Double> times = new LinkedHashMap<>();
        for (final int numProcesses : new int[] {1, 2, 4, cpuCount, cpuCount * 2})
        {
            System.out.println();
            System.out.println("Testing with " + numProcesses + " processes:");
            final List<Long> results;
            final double executionTime;
            if (numProcesses == 1)
            {
                // Sequential execution
                final long startTime = System.nanoTime();
                results = tasks.stream().map(ProcessCountBenchmark::cpuIntensiveTask).toList();
                executionTime = (System.nanoTime() - startTime) / 1e9;
            }
            else
            {
                // Parallel execution
                final long poolStart = System.nanoTime();
                try (Pool pool = ctx.pool(numProcesses))
                {
                    // One task per worker: the JVMs are up and their JIT has compiled the loop.
                    pool.map(ProcessCountBenchmark::cpuIntensiveTask, Collections.nCopies(numProcesses, taskSize), 1);
                    final long startTime = System.nanoTime();
                    System.out.printf("Worker JVMs started and warmed in %.2f seconds (not timed)%n",
                        (startTime - poolStart) / 1e9);
                    results = pool.map(ProcessCountBenchmark::cpuIntensiveTask, tasks);
                    executionTime = (System.nanoTime() - startTime) / 1e9;
                }
            }
            times.put(numProcesses, executionTime);
            System.out.printf("Execution time: %.2f seconds (%d results)%n", executionTime, results.size());
            System.out.println(numProcesses > 1 ?
                String.format("Acceleration: %.2fx", times.get(1) / executionTime) : "Baseline time");
        }
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            benchmarkMultiprocessing(ctx);
        }
    }
}
