package io.mmipc.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs the shaded jar as users do ({@code java -jar benchmarks.jar ...}), with none of the
 * build's JVM flags: the manifest must open what Agrona and Chronicle need in this JVM, and
 * BenchMain must pass the flags to JMH's forks.
 */
class BenchmarksJarIT
{
    private static final Path JAR = Paths.get(System.getProperty("mmipc.benchmarks.jar", "target/benchmarks.jar"));

    private static String run(final String... args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of(
            Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JDK_JAVA_OPTIONS");
        final Process process = builder.start();
        process.getOutputStream().close();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    @Test
    @Timeout(120)
    void listsEverySuite() throws Exception
    {
        assertTrue(Files.exists(JAR), JAR + " is built before integration tests");
        final String out = run("-l");
        assertTrue(out.contains("io.mmipc.bench.SharedMemoryBenchmark.sharedMemoryGetAndAdd"), out);
        assertTrue(out.contains("io.mmipc.bench.process.StartupBenchmark.processStartRunJoin"), out);
    }

    @Test
    @Timeout(300)
    void aSuiteRunsInAForkedJvmWithTheFlags() throws Exception
    {
        final String out = run("SharedMemoryBenchmark.sharedMemoryGetAndAdd", "-f", "1", "-wi", "0", "-i", "1",
            "-r", "200ms");
        assertTrue(out.contains("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"), "the fork got the flag:\n" + out);
        assertTrue(out.contains("SharedMemoryBenchmark.sharedMemoryGetAndAdd"), out);
        assertFalse(out.contains("<failure>"), out);
    }
}
