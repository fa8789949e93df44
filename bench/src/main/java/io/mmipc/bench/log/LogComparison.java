package io.mmipc.bench.log;

import io.mmipc.spi.JvmFlags;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the durable-log benchmarks ({@link LogAppendBenchmark}, {@link LogLatencyBenchmark}) in one
 * run and prints every contender as a ratio to raw Chronicle Queue. JMH's options pass through:
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.mmipc.bench.log.LogComparison -f 3
 * </pre>
 */
public final class LogComparison
{
    private static final String BASELINE = LogContenders.CHRONICLE;

    private LogComparison()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final OptionsBuilder options = new OptionsBuilder();
        options.parent(new CommandLineOptions(args));
        options.include(LogAppendBenchmark.class.getName() + "|" + LogLatencyBenchmark.class.getName());
        options.jvmArgsAppend(JvmFlags.current().jvmOptions().toArray(String[]::new));
        final Collection<RunResult> results = new Runner(options.build()).run();

        final Map<String, Double> throughput = new TreeMap<>();
        final Map<String, Statistics> latency = new TreeMap<>();
        for (final RunResult run : results)
        {
            final String contender = run.getParams().getParam("contender");
            final Result<?> primary = run.getPrimaryResult();
            if (run.getParams().getBenchmark().endsWith("append"))
            {
                throughput.put(contender, primary.getScore());
            }
            else
            {
                latency.put(contender, primary.getStatistics());
            }
        }
        System.out.println();
        System.out.println("Durable log, 64-byte messages, ratios to raw Chronicle Queue (" + BASELINE + ")");
        System.out.printf("%-12s %14s %8s   %10s %8s %10s %8s%n", "contender", "appends/us", "ratio", "RTT p50 ns",
            "ratio", "p99 ns", "ratio");
        final Statistics baseLatency = latency.get(BASELINE);
        for (final String contender : throughput.keySet())
        {
            final Statistics stats = latency.get(contender);
            System.out.printf("%-12s %14.3f %8.2f   %10.0f %8.2f %10.0f %8.2f%n", contender,
                throughput.get(contender), throughput.get(contender) / throughput.get(BASELINE),
                stats != null ? stats.getPercentile(50) : Double.NaN,
                stats != null && baseLatency != null ? stats.getPercentile(50) / baseLatency.getPercentile(50) : Double.NaN,
                stats != null ? stats.getPercentile(99) : Double.NaN,
                stats != null && baseLatency != null ? stats.getPercentile(99) / baseLatency.getPercentile(99) : Double.NaN);
        }
        System.out.println("Targets: append throughput >= 0.90x, round-trip p50 <= 1.20x (a round trip is two " +
            "writer-to-reader hops).");
    }
}
