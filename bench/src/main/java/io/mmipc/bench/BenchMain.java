package io.mmipc.bench;

import io.mmipc.bench.report.ReportMain;
import io.mmipc.internal.spi.JvmFlags;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmarks jar's main class: JMH's own command line, plus the JVM flags every provider on
 * the class path declares, appended to every forked JVM; {@code report ...} runs the suites and
 * writes the side-by-side report ({@link ReportMain}). A jar manifest's {@code Add-Exports}
 * reaches only the JVM that {@code java -jar} starts, never JMH's forks.
 */
public final class BenchMain
{
    private BenchMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length > 0 && args[0].equals("report"))
        {
            ReportMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        final CommandLineOptions cmd = new CommandLineOptions(args);
        if (cmd.shouldHelp() || cmd.shouldList() || cmd.shouldListWithParams() || cmd.shouldListProfilers() ||
            cmd.shouldListResultFormats())
        {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        final OptionsBuilder options = new OptionsBuilder();
        options.parent(cmd);
        options.jvmArgsAppend(forkFlags(cmd));
        new Runner(options.build()).run();
    }

    /**
     * @return the declared flags, then the user's own {@code -jvmArgsAppend} (setting them on the
     *         builder replaces the parent's value, so both are passed together).
     */
    public static String[] forkFlags(final CommandLineOptions cmd)
    {
        final List<String> flags = new ArrayList<>(JvmFlags.current().jvmOptions());
        if (cmd.getJvmArgsAppend().hasValue())
        {
            flags.addAll(cmd.getJvmArgsAppend().get());
        }
        return flags.toArray(String[]::new);
    }
}
