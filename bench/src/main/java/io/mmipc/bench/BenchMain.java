package io.mmipc.bench;

import io.mmipc.bench.report.ReportMain;
import io.mmipc.internal.spi.JvmFlags;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The benchmarks jar's main class: JMH's own command line, plus the JVM flags every provider on
 * the class path declares, given to every forked JVM that would not have them; {@code report ...}
 * runs the suites and writes the side-by-side report ({@link ReportMain}). A jar manifest's
 * {@code Add-Exports} reaches only the JVM that {@code java -jar} starts, never JMH's forks.
 * {@code -h} or {@code --help} anywhere prints the usage and runs nothing.
 */
public final class BenchMain
{
    static final String USAGE = String.join(System.lineSeparator(),
        "Usage: java -jar benchmarks.jar [JMH OPTIONS] [BENCHMARK REGEX...]",
        "       java -jar benchmarks.jar report [--quick] [--quiet] [--out DIR] [--from FILE] [JMH OPTIONS]",
        "       java -cp benchmarks.jar io.mmipc.bench.log.LogComparison [-rounds N] [JMH OPTIONS]",
        "",
        "Runs mmipc's JMH benchmarks beside pipes, TCP, raw Agrona, Aeron IPC and Chronicle Queue. Forked",
        "JVMs get the JVM flags mmipc needs (--add-exports, --add-opens) automatically.",
        "",
        "  report         every contender side by side: report.md, summary.json, chart.svg",
        "                 ('report --help' for its options; 'report --quick' takes about a minute)",
        "  LogComparison  the durable log against raw Chronicle Queue, in alternating rounds",
        "",
        "Examples:",
        "  java -jar bench/target/benchmarks.jar -l",
        "  java -jar bench/target/benchmarks.jar QueueRoundTripBenchmark -p size=64 -prof gc",
        "  java -jar bench/target/benchmarks.jar report --quick",
        "",
        "JMH's options follow.",
        "");

    /** Runs JMH; tests stand in for it to see that nothing runs. */
    @FunctionalInterface
    public interface Jmh
    {
        /**
         * @param format JMH's output, or null for its own.
         */
        Collection<RunResult> run(Options options, OutputFormat format) throws RunnerException;
    }

    /** The real JMH runner. */
    public static final Jmh JMH = (options, format) ->
        format == null ? new Runner(options).run() : new Runner(options, format).run();

    private BenchMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int code = run(args, System.out, System.err, JMH);
        if (code != 0)
        {
            System.exit(code);
        }
    }

    /**
     * @return the exit code: 0, 1 when the run failed, 2 for a wrong command line.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err, final Jmh jmh)
        throws Exception
    {
        if (args.length > 0 && args[0].equals("report"))
        {
            return ReportMain.run(Arrays.copyOfRange(args, 1, args.length), out, err, jmh);
        }
        if (wantsHelp(args))
        {
            out.print(USAGE);
            out.flush();
            showJmhHelp();
            return 0;
        }
        final CommandLineOptions cmd;
        try
        {
            cmd = new CommandLineOptions(args);
        }
        catch (final CommandLineOptionException ex)
        {
            return usageError(err, ex.getMessage(), "--help");
        }
        if (cmd.shouldList() || cmd.shouldListWithParams() || cmd.shouldListProfilers() || cmd.shouldListResultFormats())
        {
            org.openjdk.jmh.Main.main(args);
            return 0;
        }
        final OptionsBuilder options = new OptionsBuilder();
        options.parent(cmd);
        options.jvmArgsAppend(forkFlags(cmd));
        try
        {
            jmh.run(options.build(), null);
            return 0;
        }
        catch (final NoBenchmarksException ex)
        {
            err.println("No benchmark matches " + cmd.getIncludes() + "; 'java -jar benchmarks.jar -l' lists them.");
            return 1;
        }
        catch (final RunnerException ex)
        {
            err.println("The run failed: " + ex.getMessage());
            ex.printStackTrace(err);
            return 1;
        }
    }

    /**
     * @return true when {@code args} ask for help: JMH's {@code -h}, or {@code --help}, which
     *         JMH's parser would reject with a stack trace.
     */
    public static boolean wantsHelp(final String... args)
    {
        return Arrays.asList(args).contains("-h") || Arrays.asList(args).contains("--help");
    }

    /**
     * Prints a command-line error and where the usage is.
     *
     * @return the exit code for a wrong command line.
     */
    public static int usageError(final PrintStream err, final String message, final String helpCommand)
    {
        err.println("error: " + message);
        err.println("Run 'java -jar benchmarks.jar " + helpCommand + "' for usage.");
        return 2;
    }

    /**
     * Prints JMH's own option list (to standard output, where JMH writes it).
     */
    public static void showJmhHelp() throws IOException
    {
        try
        {
            new CommandLineOptions().showHelp();
        }
        catch (final CommandLineOptionException ex)
        {
            throw new IllegalStateException("JMH rejects an empty command line", ex);
        }
    }

    /**
     * JMH starts a fork with {@code -jvmArgsPrepend}, then {@code -jvmArgs} when given, else this
     * JVM's own input arguments, then {@code -jvmArgsAppend}. When this JVM was started with the declared flags on its command
     * line (mmipc's launcher, as the examples' demo does; an IDE; JDK_JAVA_OPTIONS) appending them
     * again passed each twice, so only the missing ones are appended. (A benchmark's own
     * {@code @Fork(jvmArgs)} would replace the input arguments; none here sets one.)
     *
     * @return the declared flags the forks would not get, then the user's own {@code -jvmArgsAppend}
     *         (setting them on the builder replaces the parent's value, so both are passed together).
     */
    public static String[] forkFlags(final CommandLineOptions cmd)
    {
        final List<String> inherited = new ArrayList<>(cmd.getJvmArgs().hasValue() ?
            cmd.getJvmArgs().get() : ManagementFactory.getRuntimeMXBean().getInputArguments());
        if (cmd.getJvmArgsPrepend().hasValue())
        {
            inherited.addAll(cmd.getJvmArgsPrepend().get());
        }
        final List<String> user = cmd.getJvmArgsAppend().hasValue() ? List.copyOf(cmd.getJvmArgsAppend().get()) : List.of();
        final Set<String> flags = new LinkedHashSet<>();
        for (final String flag : JvmFlags.current().jvmOptions())
        {
            if (!inherited.contains(flag) && !user.contains(flag))
            {
                flags.add(flag);
            }
        }
        final List<String> all = new ArrayList<>(flags);
        all.addAll(user);
        return all.toArray(String[]::new);
    }
}
