package io.mmipc.bench.report;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.SampleTimeResult;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.results.ThroughputResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.SampleBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JMH's result objects built by hand, as an in-process run returns them, for the report's tests.
 */
public final class JmhFixtures
{
    private static final IterationParams WARMUP = new IterationParams(IterationType.WARMUP, 1, TimeValue.seconds(1), 1);
    private static final IterationParams MEASUREMENT =
        new IterationParams(IterationType.MEASUREMENT, 2, TimeValue.seconds(1), 1);

    private JmhFixtures()
    {
    }

    public static BenchmarkParams params(
        final String benchmark, final Mode mode, final TimeUnit unit, final Map<String, String> values)
    {
        final WorkloadParams workload = new WorkloadParams();
        int order = 0;
        for (final Map.Entry<String, String> v : values.entrySet())
        {
            workload.put(v.getKey(), v.getValue(), order++);
        }
        return new BenchmarkParams(benchmark, benchmark + "_jmhTest", true, 1, new int[] {1}, List.of(), 1, 0,
            WARMUP, MEASUREMENT, mode, workload, unit, 1, "java", List.of(), "17", "OpenJDK", "17", "1.37",
            TimeValue.minutes(10));
    }

    /**
     * @return a throughput result: {@code opsPerIteration} operations in each one-second iteration.
     */
    public static RunResult throughput(
        final BenchmarkParams params, final double allocBytes, final double... opsPerIteration)
    {
        final List<IterationResult> iterations = new ArrayList<>();
        for (final double ops : opsPerIteration)
        {
            final IterationResult it = new IterationResult(params, MEASUREMENT, new IterationResultMetaData(1, 1));
            it.addResults(List.of(new ThroughputResult(ResultRole.PRIMARY, "x", ops, 1_000_000_000L,
                params.getTimeUnit())));
            if (!Double.isNaN(allocBytes))
            {
                it.addResults(List.of(new ScalarResult("gc.alloc.rate.norm", allocBytes, "B/op", AggregationPolicy.AVG)));
            }
            iterations.add(it);
        }
        return new RunResult(params, List.of(new BenchmarkResult(params, iterations)));
    }

    /**
     * @return a sample-mode result of these round-trip times, in nanoseconds.
     */
    public static RunResult sampled(final BenchmarkParams params, final long... nanos)
    {
        final SampleBuffer buffer = new SampleBuffer();
        for (final long n : nanos)
        {
            buffer.add(n);
        }
        final IterationResult it = new IterationResult(params, MEASUREMENT, new IterationResultMetaData(1, 1));
        it.addResults(List.of(new SampleTimeResult(ResultRole.PRIMARY, "x", buffer, params.getTimeUnit())));
        return new RunResult(params, List.of(new BenchmarkResult(params, List.of(it))));
    }
}
