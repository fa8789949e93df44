package io.mmipc.bench.log;

import io.mmipc.bench.BenchMain;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the durable-log benchmarks ({@link LogAppendBenchmark}, {@link LogLatencyBenchmark}) for every
 * contender and prints each as a ratio to raw Chronicle Queue. On a shared, noisy machine the
 * contenders run in alternating rounds (one fork each per round), so a burst of load elsewhere
 * falls on both; the ratio of each round is printed, then the median. JMH's options pass through:
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.mmipc.bench.log.LogComparison -rounds 5
 * </pre>
 */
public final class LogComparison
{
    private static final String USAGE = String.join(System.lineSeparator(),
        "Usage: java -cp benchmarks.jar io.mmipc.bench.log.LogComparison [-rounds N] [JMH OPTIONS]",
        "",
        "Runs the durable-log benchmarks for mmipc's DurableLog and raw Chronicle Queue in N alternating",
        "rounds (default 3; one fork each per round, unless -f says otherwise) and prints each round's",
        "ratios to Chronicle, then their medians. Other options go to JMH ('java -jar benchmarks.jar -h').",
        "");
    private static final String BASELINE = LogContenders.CHRONICLE;
    private static final String[] CONTENDERS = {LogContenders.MMIPC_LOG, LogContenders.CHRONICLE};

    private LogComparison()
    {
    }

    /** One contender's figures in one round. */
    private static final class Figures
    {
        double appendsPerMicro;
        Statistics roundTrip;
    }

    public static void main(final String[] args) throws Exception
    {
        if (BenchMain.wantsHelp(args))
        {
            System.out.print(USAGE);
            return;
        }
        int rounds = 3;
        final List<String> jmhArgs = new ArrayList<>(Arrays.asList(args));
        final CommandLineOptions cmd;
        try
        {
            final int at = jmhArgs.indexOf("-rounds");
            if (at >= 0)
            {
                if (at + 1 >= jmhArgs.size())
                {
                    throw new IllegalArgumentException("-rounds needs a number");
                }
                rounds = Integer.parseInt(jmhArgs.get(at + 1));
                jmhArgs.subList(at, at + 2).clear();
            }
            cmd = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        }
        catch (final IllegalArgumentException | CommandLineOptionException ex)
        {
            System.err.println("error: " + ex.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        final List<Map<String, Figures>> results = new ArrayList<>();
        for (int round = 0; round < rounds; round++)
        {
            final Map<String, Figures> figures = new LinkedHashMap<>();
            for (final String contender : CONTENDERS)
            {
                final OptionsBuilder options = new OptionsBuilder();
                options.parent(cmd);
                options.include(LogAppendBenchmark.class.getName() + "|" + LogLatencyBenchmark.class.getName());
                options.param("contender", contender);
                if (!cmd.getForkCount().hasValue())
                {
                    options.forks(1);
                }
                options.jvmArgsAppend(BenchMain.forkFlags(cmd));
                final Figures f = new Figures();
                for (final RunResult run : new Runner(options.build()).run())
                {
                    if (run.getParams().getBenchmark().endsWith("append"))
                    {
                        f.appendsPerMicro = run.getPrimaryResult().getScore();
                    }
                    else
                    {
                        f.roundTrip = run.getPrimaryResult().getStatistics();
                    }
                }
                figures.put(contender, f);
            }
            results.add(figures);
        }
        print(results);
    }

    private static void print(final List<Map<String, Figures>> results)
    {
        System.out.println();
        System.out.println("Durable log, 64-byte messages; ratios to raw Chronicle Queue, one line per round");
        System.out.printf("%-6s %-10s %11s %7s %11s %7s %9s %7s%n", "round", "contender", "appends/us", "ratio",
            "RTT p50 ns", "ratio", "p99 ns", "ratio");
        final Map<String, List<double[]>> ratios = new LinkedHashMap<>();
        for (int round = 0; round < results.size(); round++)
        {
            final Map<String, Figures> figures = results.get(round);
            final Figures base = figures.get(BASELINE);
            for (final Map.Entry<String, Figures> entry : figures.entrySet())
            {
                final Figures f = entry.getValue();
                final double[] r = {
                    f.appendsPerMicro / base.appendsPerMicro,
                    f.roundTrip.getPercentile(50) / base.roundTrip.getPercentile(50),
                    f.roundTrip.getPercentile(99) / base.roundTrip.getPercentile(99)};
                ratios.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(r);
                System.out.printf("%-6d %-10s %11.3f %7.2f %11.0f %7.2f %9.0f %7.2f%n", round + 1, entry.getKey(),
                    f.appendsPerMicro, r[0], f.roundTrip.getPercentile(50), r[1], f.roundTrip.getPercentile(99), r[2]);
            }
        }
        System.out.println("Median ratios over " + results.size() + " rounds:");
        ratios.forEach((contender, list) -> System.out.printf("  %-10s append throughput %.2fx, round-trip p50 %.2fx, p99 %.2fx%n",
            contender, median(list, 0), median(list, 1), median(list, 2)));
        System.out.println("Targets: append throughput >= 0.90x, round-trip p50 <= 1.20x (a round trip is two " +
            "writer-to-reader hops).");
    }

    private static double median(final List<double[]> values, final int column)
    {
        final double[] sorted = values.stream().mapToDouble(v -> v[column]).sorted().toArray();
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
