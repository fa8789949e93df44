package io.mmipc.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs the shaded jar as users do ({@code java -jar benchmarks.jar ...}), with none of the
 * build's JVM flags: the manifest must open what Agrona and Chronicle need in this JVM, and
 * BenchMain must pass the flags to JMH's forks, once.
 */
class BenchmarksJarIT
{
    private static final Path JAR = Paths.get(System.getProperty("mmipc.benchmarks.jar", "target/benchmarks.jar"));
    private static final String EXPORT = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    /** These runs check behaviour, not speed: another JMH run on the machine (another build) must not fail them. */
    private static final String IGNORE_LOCK = "-Djmh.ignoreLock=true";

    /**
     * Runs {@code java [jvmOptions] -jar benchmarks.jar args}, killing it and its forks after the timeout.
     */
    private static String run(final List<String> jvmOptions, final int timeoutSeconds, final String... args)
        throws IOException, InterruptedException
    {
        assertTrue(Files.exists(JAR), JAR + " is built before integration tests");
        final List<String> command = new ArrayList<>(List.of(
            Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JDK_JAVA_OPTIONS");
        final Process process = builder.start();
        process.getOutputStream().close();
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final Thread reader = new Thread(() -> copy(process.getInputStream(), output));
        reader.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            reader.join();
            fail("still running after " + timeoutSeconds + " s: " + command + "\n" + output);
        }
        reader.join();
        final String out = output.toString(StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    private static void copy(final InputStream in, final ByteArrayOutputStream out)
    {
        try
        {
            in.transferTo(out);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void assertNothingRan(final String out)
    {
        for (final String jmhRunning : List.of("# Run progress", "# Fork:", "# Warmup", "# Benchmark:"))
        {
            assertFalse(out.contains(jmhRunning), "no benchmark starts: " + out);
        }
    }

    @Test
    @Timeout(120)
    void listsEverySuite() throws Exception
    {
        final String out = run(List.of(), 100, "-l");
        assertTrue(out.contains("io.mmipc.bench.SharedMemoryBenchmark.sharedMemoryGetAndAdd"), out);
        assertTrue(out.contains("io.mmipc.bench.process.StartupBenchmark.processStartRunJoin"), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-h", "--help"})
    @Timeout(120)
    void helpPrintsTheUsageAndRunsNothing(final String help) throws Exception
    {
        final String out = run(List.of(), 60, help);
        assertTrue(out.startsWith("Usage: java -jar benchmarks.jar"), out);
        assertNothingRan(out);

        final String report = run(List.of(), 60, "report", help);
        assertTrue(report.startsWith("Usage: java -jar benchmarks.jar report"), report);
        assertTrue(report.contains("--quiet"), report);
        assertNothingRan(report);
    }

    @Test
    @Timeout(300)
    void aSuiteRunsInAForkedJvmWithTheFlags() throws Exception
    {
        final String out = run(List.of(IGNORE_LOCK), 280, "SharedMemoryBenchmark.sharedMemoryGetAndAdd", "-f", "1",
            "-wi", "0", "-i", "1", "-r", "200ms");
        assertEquals(1, countInVmOptions(out, EXPORT), "the fork got the flag, once:\n" + out);
        assertTrue(out.contains("SharedMemoryBenchmark.sharedMemoryGetAndAdd"), out);
        assertFalse(out.contains("<failure>"), out);
    }

    @Test
    @Timeout(300)
    void aJvmStartedWithTheFlagsPassesThemOnOnce() throws Exception
    {
        // As mmipc's launcher starts the examples' demo: the flags on the command line, which JMH's forks inherit.
        final String out = run(List.of(IGNORE_LOCK, EXPORT), 280, "SharedMemoryBenchmark.sharedMemoryGetAndAdd", "-f",
            "1", "-wi", "0", "-i", "1", "-r", "200ms");
        assertEquals(1, countInVmOptions(out, EXPORT), "once, not inherited and appended:\n" + out);
    }

    private static int countInVmOptions(final String out, final String flag)
    {
        final Matcher line = Pattern.compile("^# VM options: (.*)$", Pattern.MULTILINE).matcher(out);
        assertTrue(line.find(), out);
        return line.group(1).split(Pattern.quote(flag), -1).length - 1;
    }
}
