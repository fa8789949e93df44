package io.mmipc.bench.report;

import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.Variant;
import io.mmipc.bench.BenchMain;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
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
 * {@code java -jar benchmarks.jar report [--quick] [--out DIR] [--from jmh.json] [--note TEXT] [JMH options]}:
 * runs the suites (all benchmarks with a {@link Contender}; with {@code --quick} the headline ones,
 * briefly), writes JMH's JSON, and turns it into {@code report.md}, {@code summary.json} and
 * {@code chart.svg}. The Markdown table is printed at the end too.
 */
public final class ReportMain
{
    private ReportMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        boolean quick = false;
        Path out = null;
        Path from = null;
        String note = null;
        final List<String> jmhArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--quick" -> quick = true;
                case "--out" -> out = Paths.get(args[++i]);
                case "--from" -> from = Paths.get(args[++i]);
                case "--note" -> note = args[++i];
                default -> jmhArgs.add(args[i]);
            }
        }
        final boolean temporary = out == null && quick;
        if (out == null)
        {
            out = quick ? Files.createTempDirectory("bench-quick-") : Paths.get("bench", "results");
        }
        Files.createDirectories(out);
        final Path json = from != null ? from : out.resolve("jmh.json");
        try
        {
            if (from == null)
            {
                runSuites(quick, jmhArgs, json);
            }
            final List<Result> results = ResultReader.read(Files.readString(json, StandardCharsets.UTF_8));
            final Map<String, String> context = context(quick);
            if (note != null)
            {
                context.put("note", note);
            }
            final String heading = quick ? "mmipc benchmarks (quick mode: indicative only)" : "mmipc benchmarks";
            final String markdown = ReportWriter.markdown(results, heading, context);
            if (!temporary)
            {
                Files.writeString(out.resolve("report.md"), markdown);
                Files.writeString(out.resolve("summary.json"), Json.write(ReportWriter.summary(results, context)));
                Files.writeString(out.resolve("chart.svg"), ChartWriter.svg(results, heading));
            }
            System.out.println();
            System.out.println(markdown);
            if (!temporary)
            {
                System.out.println("Wrote " + out.resolve("report.md") + ", " + out.resolve("summary.json") + ", " +
                    out.resolve("chart.svg") + " and " + json);
            }
        }
        finally
        {
            if (temporary)
            {
                try (Stream<Path> files = Files.list(out))
                {
                    for (final Path f : (Iterable<Path>)files::iterator)
                    {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(out);
            }
        }
    }

    private static void runSuites(final boolean quick, final List<String> jmhArgs, final Path json) throws Exception
    {
        final CommandLineOptions cmd = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        final OptionsBuilder options = new OptionsBuilder();
        options.parent(cmd);
        options.jvmArgsAppend(BenchMain.forkFlags(cmd));
        options.resultFormat(ResultFormatType.JSON);
        options.result(json.toString());
        if (cmd.getIncludes().isEmpty())
        {
            final List<String> selected = contenders(quick);
            System.out.println("[report] " + (quick ? "quick mode: " : "") + selected.size() + " benchmark methods");
            for (final String name : selected)
            {
                options.include("^" + Pattern.quote(name) + "$");
            }
        }
        if (quick)
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
        new Runner(options.build()).run();
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
     * @return for each contender parameter, the values the quick mode runs.
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
