package io.mmipc.bench;

import io.mmipc.internal.spi.JvmFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The benchmarks jar's command line, parsed in this JVM with JMH stood in for: help runs nothing.
 */
class BenchMainTest
{
    private static final BenchMain.Jmh NOTHING_RUNS = (options, format) -> fail("a benchmark started");

    private static String[] run(final int expectedCode, final String... args) throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream stdout = System.out;
        try
        {
            // JMH prints its option list on System.out.
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            final int code = BenchMain.run(args, System.out, new PrintStream(err, true, StandardCharsets.UTF_8),
                NOTHING_RUNS);
            assertEquals(expectedCode, code, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setOut(stdout);
        }
        return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @ParameterizedTest
    @ValueSource(strings = {"-h", "--help"})
    @Timeout(30)
    void helpPrintsTheUsageAndJmhsOptions(final String help) throws Exception
    {
        final String out = run(0, help)[0];
        assertTrue(out.startsWith("Usage: java -jar benchmarks.jar"), out);
        assertTrue(out.contains("report --help"), out);
        assertTrue(out.contains("-jvmArgsAppend"), "JMH's options follow: " + out);
        assertEquals(out, run(0, "QueueRoundTripBenchmark", "-f", "1", help)[0], "help anywhere");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-h", "--help"})
    @Timeout(30)
    void reportHelpPrintsTheReportsUsage(final String help) throws Exception
    {
        final String out = run(0, "report", help)[0];
        assertTrue(out.startsWith("Usage: java -jar benchmarks.jar report"), out);
        assertTrue(out.contains("--quick") && out.contains("--quiet") && out.contains("--from"), out);
        assertEquals(out, run(0, "report", "--quick", "-prof", "gc", help)[0], "help anywhere");
    }

    @Test
    @Timeout(30)
    void aWrongCommandLineSaysSoWithoutAStackTrace() throws Exception
    {
        for (final String[] args : List.of(new String[] {"--bogus"}, new String[] {"report", "--bogus"},
            new String[] {"report", "--out"}, new String[] {"report", "-f"},
            new String[] {"report", "--from", "no-such.json"}))
        {
            final String[] streams = run(2, args);
            assertTrue(streams[1].startsWith("error: "), Arrays.toString(args) + ": " + streams[1]);
            assertTrue(streams[1].contains("--help' for usage"), streams[1]);
            assertFalse(streams[1].contains("\tat "), streams[1]);
        }
    }

    @Test
    @Timeout(60)
    void reportListsWithoutRunning() throws Exception
    {
        final String out = run(0, "report", "-l")[0];
        assertTrue(out.contains("io.mmipc.bench.queue.QueueThroughputBenchmark.send"), out);
    }

    @Test
    @Timeout(30)
    void forksGetEachDeclaredFlagOnce() throws Exception
    {
        final List<String> declared = JvmFlags.current().jvmOptions();
        assertFalse(declared.isEmpty());
        // This JVM may have the flags already (surefire's argfile): JMH's forks inherit its input arguments.
        final List<String> inherited = ManagementFactory.getRuntimeMXBean().getInputArguments();
        final List<String> fork = new ArrayList<>(inherited);
        fork.addAll(List.of(BenchMain.forkFlags(new CommandLineOptions("-jvmArgsAppend", "-Dx=1"))));
        for (final String flag : declared)
        {
            assertEquals(Math.max(1, Collections.frequency(inherited, flag)), Collections.frequency(fork, flag), flag);
        }
        assertEquals(1, Collections.frequency(fork, "-Dx=1"), "the user's own flags are kept");

        // With -jvmArgs the forks get those instead of the input arguments: all declared flags go on.
        final List<String> explicit = List.of(BenchMain.forkFlags(new CommandLineOptions("-jvmArgs", declared.get(0))));
        assertFalse(explicit.contains(declared.get(0)), explicit.toString());
        assertEquals(declared.subList(1, declared.size()), explicit);
    }
}
