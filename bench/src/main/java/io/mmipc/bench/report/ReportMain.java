package io.mmipc.bench.report;

import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.Variant;
import io.mmipc.bench.BenchMain;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code java -jar benchmarks.jar report [--quick] [--quiet] [--out DIR] [--from jmh.json] [--note TEXT] [JMH options]}:
 * runs the suites (all benchmarks with a {@link Contender}; with {@code --quick} the headline ones,
 * briefly) in this JVM's JMH runner and turns its {@link RunResult}s into {@code report.md},
 * {@code summary.json} and {@code chart.svg}, beside JMH's own {@code jmh.json};
 * {@code --from jmh.json} rebuilds them from a saved run. The table is printed at the end too:
 * the whole Markdown, or in quiet mode ({@link ReportOptions}) only the ratio tables, after one
 * progress line per benchmark.
 */
public final class ReportMain
{
    private ReportMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int code = run(args, System.out, System.err, BenchMain.JMH);
        if (code != 0)
        {
            System.exit(code);
        }
    }

    /**
     * @return the exit code: 0, 1 when a benchmark or the run failed, 2 for a wrong command line.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err, final BenchMain.Jmh jmh)
        throws Exception
    {
        final ReportOptions o;
        final CommandLineOptions cmd;
        try
        {
            o = ReportOptions.parse(args);
            if (o.help)
            {
                out.print(ReportOptions.USAGE);
                out.flush();
                return 0;
            }
            cmd = new CommandLineOptions(o.jmhArgs.toArray(String[]::new));
        }
        catch (final IllegalArgumentException | CommandLineOptionException ex)
        {
            return BenchMain.usageError(err, "report: " + ex.getMessage(), "report --help");
        }
        if (cmd.shouldList() || cmd.shouldListWithParams() || cmd.shouldListProfilers() || cmd.shouldListResultFormats())
        {
            org.openjdk.jmh.Main.main(o.jmhArgs.toArray(String[]::new)); // lists, runs nothing
            return 0;
        }
        final boolean quiet = o.quietOutput(System.console() != null, cmd.verbosity().hasValue());
        final Path dir = o.outputDirectory();
        final Run run = o.from != null ?
            new Run(ResultReader.read(Files.readString(o.from, StandardCharsets.UTF_8)), 0) :
            measure(o, cmd, quiet, out, err, jmh);
        if (run == null)
        {
            return 1;
        }
        final List<Result> results = run.results();
        final Map<String, String> context = o.from != null ? rebuiltContext(o.from) : context(o.quick);
        if (o.note != null)
        {
            context.put("note", o.note);
        }
        final String heading = o.quick ? "mmipc benchmarks (quick mode: indicative only)" : "mmipc benchmarks";
        final String markdown = ReportWriter.markdown(results, heading, context);
        out.println();
        out.print(quiet ? ReportWriter.ratioTables(results) : markdown);
        if (o.writesFiles())
        {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.md"), markdown);
            Files.writeString(dir.resolve("summary.json"), Json.write(ReportWriter.summary(results, context)));
            Files.writeString(dir.resolve("chart.svg"), ChartWriter.svg(results, heading));
            out.println("Wrote " + dir.resolve("report.md") + ", " + dir.resolve("summary.json") + " and " +
                dir.resolve("chart.svg") + (o.from == null ? " (JMH's results: " + dir.resolve("jmh.json") + ")" : ""));
        }
        if (run.failures() > 0)
        {
            err.println("report: " + run.failures() + " benchmark(s) failed; their output is above");
            return 1;
        }
        return 0;
    }

    /** What a run measured, and how many benchmarks failed in it. */
    private record Run(List<Result> results, int failures)
    {
    }

    /**
     * Runs the suites through {@code jmh}; in quiet mode JMH's output, and what its forks print,
     * goes to a {@link QuietOutput}.
     *
     * @return the results, or null when the run failed as a whole (the reason is printed).
     */
    private static Run measure(
        final ReportOptions o, final CommandLineOptions cmd, final boolean quiet, final PrintStream out,
        final PrintStream err, final BenchMain.Jmh jmh) throws IOException
    {
        final Path dir = o.outputDirectory();
        if (o.writesFiles())
        {
            Files.createDirectories(dir);
        }
        final Options options = options(o, cmd, o.writesFiles() ? dir.resolve("jmh.json") : null, out, !quiet);
        QuietOutput format = null;
        if (quiet)
        {
            final int planned = plannedRuns(options);
            format = new QuietOutput(out, planned);
            out.println("[report] " + (o.quick ? "quick mode: " : "") + planned + " benchmark runs, one line each; " +
                "JMH's own output only for a run that fails (--verbose shows it all)");
        }
        final PrintStream stdout = System.out;
        final PrintStream stderr = System.err;
        if (format != null)
        {
            // What forks print over JMH's link, the host writes to System.out and System.err.
            System.setOut(format.sink());
            System.setErr(format.sink());
        }
        try
        {
            final List<Result> results = ResultReader.read(jmh.run(options, format));
            if (format != null)
            {
                format.finish();
            }
            return new Run(results, format == null ? 0 : format.failures());
        }
        catch (final RunnerException ex)
        {
            if (format != null)
            {
                format.finish();
                err.print(format.kept());
            }
            err.println("report: the run failed: " + ex.getMessage());
            return null;
        }
        finally
        {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    private static Options options(
        final ReportOptions o, final CommandLineOptions cmd, final Path json, final PrintStream out, final boolean announce)
    {
        final OptionsBuilder options = new OptionsBuilder();
        options.parent(cmd);
        options.jvmArgsAppend(BenchMain.forkFlags(cmd));
        if (json != null)
        {
            options.resultFormat(ResultFormatType.JSON);
            options.result(json.toString());
        }
        if (cmd.getIncludes().isEmpty())
        {
            final List<String> selected = contenders(o.quick);
            if (announce)
            {
                out.println("[report] " + (o.quick ? "quick mode: " : "") + selected.size() + " benchmark methods");
            }
            for (final String name : selected)
            {
                options.include("^" + Pattern.quote(name) + "$");
            }
        }
        if (o.quick)
        {
            // Only the headline variants, at 64 bytes: JMH applies a parameter override to every benchmark that has it.
            quickParameters().forEach((param, values) ->
            {
                if (!values.isEmpty())
                {
                    options.param(param, values.toArray(String[]::new));
                }
            });
            options.param("size", "64");
            options.forks(1).warmupIterations(1).warmupTime(TimeValue.seconds(1))
                .measurementIterations(1).measurementTime(TimeValue.seconds(2));
            if (!cmd.verbosity().hasValue())
            {
                options.verbosity(VerboseMode.NORMAL);
            }
        }
        return options.build();
    }

    /**
     * @return how many benchmark runs JMH will make of these options (for "[3/7]"): each selected
     *         benchmark once per combination of its parameters' values.
     */
    static int plannedRuns(final Options options)
    {
        int runs = 0;
        for (final BenchmarkListEntry entry : BenchmarkList.defaultList()
            .find(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), options.getIncludes(),
                options.getExcludes()))
        {
            int combinations = 1;
            if (entry.getParams().hasValue())
            {
                for (final Map.Entry<String, String[]> p : entry.getParams().get().entrySet())
                {
                    combinations *= options.getParameter(p.getKey()).hasValue() ?
                        options.getParameter(p.getKey()).get().size() : p.getValue().length;
                }
            }
            runs += combinations * Math.max(1, options.getBenchModes().size());
        }
        return runs;
    }

    /**
     * @return the benchmarks that carry a {@link Contender} (only the quick ones in quick mode), by JMH name.
     */
    static List<String> contenders(final boolean quick)
    {
        final TreeSet<String> names = new TreeSet<>();
        for (final BenchmarkListEntry entry : BenchmarkList.defaultList()
            .getAll(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of()))
        {
            final Method method = ResultReader.findMethod(entry.getUsername());
            final Contender contender = method == null ? null : method.getAnnotation(Contender.class);
            if (contender != null && (!quick || contender.quick() || hasQuickVariant(contender)))
            {
                names.add(entry.getUsername());
            }
        }
        return new ArrayList<>(names);
    }

    private static boolean hasQuickVariant(final Contender contender)
    {
        for (final Variant v : contender.variants())
        {
            if (v.quick())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return for each contender parameter, the values the quick mode runs. JMH's {@code -p} is
     *         global, so two quick suites must not share a parameter name with other values:
     *         {@code ReportTest} checks that every value is a constant of every quick suite using it.
     */
    static Map<String, List<String>> quickParameters()
    {
        final Map<String, List<String>> params = new LinkedHashMap<>();
        for (final BenchmarkListEntry entry : BenchmarkList.defaultList()
            .getAll(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of()))
        {
            final Method method = ResultReader.findMethod(entry.getUsername());
            final Contender contender = method == null ? null : method.getAnnotation(Contender.class);
            if (contender == null || contender.param().isEmpty())
            {
                continue;
            }
            for (final Variant v : contender.variants())
            {
                final List<String> values = params.computeIfAbsent(contender.param(), k -> new ArrayList<>());
                if (v.quick() && !values.contains(v.value()))
                {
                    values.add(v.value());
                }
            }
        }
        return params;
    }

    /**
     * @return the header of a report rebuilt from saved results: the JVM JMH recorded; the run's
     *         date and machine are not in its JSON ({@code --note} can say them).
     */
    private static Map<String, String> rebuiltContext(final Path from) throws IOException
    {
        final Map<String, String> context = new LinkedHashMap<>();
        context.put("rebuilt", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " from " + from);
        if (Json.parse(Files.readString(from, StandardCharsets.UTF_8)) instanceof List<?> entries && !entries.isEmpty() &&
            entries.get(0) instanceof Map<?, ?> first && first.get("vmName") != null)
        {
            context.put("jvm", first.get("vmName") + " " + first.get("vmVersion"));
        }
        return context;
    }

    private static Map<String, String> context(final boolean quick)
    {
        final Map<String, String> context = new LinkedHashMap<>();
        context.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        context.put("mode", quick ? "quick (1 fork, 1 s warm-up, 2 s measurement)" : "full");
        context.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        context.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        context.put("machine", machine());
        return context;
    }

    private static String machine()
    {
        String cpu = System.getProperty("os.arch");
        try (Stream<String> lines = Files.lines(Paths.get("/proc/cpuinfo")))
        {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        }
        catch (final IOException | RuntimeException ignore)
        {
            // not Linux: the architecture will do
        }
        String host = "unknown host";
        try
        {
            host = InetAddress.getLocalHost().getHostName();
        }
        catch (final IOException ignore)
        {
            // keep "unknown host"
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + ", " + cpu + ", " + host;
    }
}
