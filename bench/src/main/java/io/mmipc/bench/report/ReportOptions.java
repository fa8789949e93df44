package io.mmipc.bench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code report}: its own options, and the rest for JMH.
 */
final class ReportOptions
{
    static final String USAGE = String.join(System.lineSeparator(),
        "Usage: java -jar benchmarks.jar report [OPTIONS] [JMH OPTIONS]",
        "",
        "Runs every benchmark that has a place in the report, each contender beside the others, and writes",
        "report.md (a table per suite: ratios to an OS pipe with Java serialization, to the raw library and",
        "to one JVM; latency percentiles), summary.json, chart.svg and JMH's jmh.json. The full run takes",
        "about 15 minutes on 2 cores; --quick about a minute.",
        "",
        "Options:",
        "  --quick        the headline contenders only, at 64 bytes: 1 fork, 1 s warm-up, 2 s measurement;",
        "                 writes nothing unless --out is given (the figures are indicative only)",
        "  --quiet        one progress line per benchmark, then the ratio tables; JMH's own output only",
        "                 for a benchmark that fails. The default for --quick when output is not a terminal",
        "  --verbose      JMH's full output, also where --quiet would be the default",
        "  --out DIR      where to write the files (default: bench/results)",
        "  --from FILE    rebuild the files from a JMH JSON result file (jmh.json); runs nothing",
        "  --note TEXT    a line for the report's header: how and why it was run",
        "  -h, --help     this help; runs nothing",
        "",
        "Any other argument goes to JMH: a benchmark regex (only those run), -f 3 (forks), -prof gc",
        "(bytes allocated per operation), -p size=64, -jvmArgsAppend ... ('java -jar benchmarks.jar -h'",
        "lists JMH's options).",
        "",
        "Examples:",
        "  java -jar bench/target/benchmarks.jar report --quick --quiet",
        "  java -jar bench/target/benchmarks.jar report -prof gc",
        "  java -jar bench/target/benchmarks.jar report --from bench/results/jmh.json --out bench/results",
        "");

    boolean help;
    boolean quick;
    boolean quiet;
    boolean verbose;
    Path out;
    Path from;
    String note;
    final List<String> jmhArgs = new ArrayList<>();

    private ReportOptions()
    {
    }

    /**
     * @throws IllegalArgumentException with a message for the user when the command line is wrong.
     */
    static ReportOptions parse(final String... args)
    {
        final ReportOptions o = new ReportOptions();
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            switch (arg)
            {
                case "-h", "--help" -> o.help = true;
                case "--quick" -> o.quick = true;
                case "--quiet" -> o.quiet = true;
                case "--verbose" -> o.verbose = true;
                case "--out" -> o.out = Paths.get(value(args, i++));
                case "--from" -> o.from = Paths.get(value(args, i++));
                case "--note" -> o.note = value(args, i++);
                default -> o.jmhArgs.add(arg);
            }
        }
        if (o.help)
        {
            return o;
        }
        if (o.quiet && o.verbose)
        {
            throw new IllegalArgumentException("--quiet and --verbose contradict each other");
        }
        if (o.from != null && !Files.isRegularFile(o.from))
        {
            throw new IllegalArgumentException("--from " + o.from + ": no such file");
        }
        if (o.from != null && (o.quick || !o.jmhArgs.isEmpty()))
        {
            throw new IllegalArgumentException("--from runs nothing, so " +
                (o.quick ? "--quick" : "the JMH options " + o.jmhArgs) + " would be ignored");
        }
        return o;
    }

    private static String value(final String[] args, final int at)
    {
        if (at + 1 >= args.length || args[at + 1].startsWith("--"))
        {
            throw new IllegalArgumentException(args[at] + " needs a value");
        }
        return args[at + 1];
    }

    /**
     * @param console     whether standard output is a terminal.
     * @param jmhVerbosity whether JMH's {@code -v} was given, which asks for JMH's own output.
     * @return true when JMH's output is reduced to one line per benchmark.
     */
    boolean quietOutput(final boolean console, final boolean jmhVerbosity)
    {
        return quiet || (quick && !verbose && !jmhVerbosity && !console);
    }

    /**
     * @return true when the files are written (a full run, or wherever {@code --out} says).
     */
    boolean writesFiles()
    {
        return !quick || out != null;
    }

    Path outputDirectory()
    {
        return out != null ? out : Paths.get("bench", "results");
    }
}
