package io.mmipc.examples;

import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The README's main job, run as users run it: the tour of ports and the benchmark quick mode,
 * within two minutes, leaving no file and no process behind.
 */
class MainDemoTest
{
    @TempDir
    Path root;

    @Test
    @Timeout(240)
    void theDemoRunsThePortsAndPrintsTheRatioTableAndLeavesNothing() throws Exception
    {
        final String jar = System.getProperty(Main.BENCHMARKS_JAR);
        assertNotNull(jar, "the build names the benchmarks jar");
        assertTrue(Files.isRegularFile(Paths.get(jar)), jar + " is built before the examples");
        try (ChildJvm demo = Children.launcher(Main.class)
            .systemProperty(Main.BENCHMARKS_JAR, jar)
            .systemProperty("mmipc.root", root.toString())
            .systemProperty("java.io.tmpdir", root.toString())
            .start())
        {
            final List<ProcessHandle> seen = new java.util.ArrayList<>();
            final long deadline = System.nanoTime() + Duration.ofSeconds(220).toNanos();
            while (demo.isAlive() && System.nanoTime() < deadline)
            {
                demo.process().toHandle().descendants().forEach(seen::add);
                Thread.sleep(200);
            }
            final String out = Children.finish(demo, Duration.ofSeconds(10));
            assertTrue(out.contains("Worker 2 has finished."), out);
            assertTrue(out.contains("Final value: 12"), out);
            assertTrue(out.contains("Received: Message 3"), out);
            assertTrue(out.contains("[1, 4, 9, 16, 25]"), out);
            assertTrue(out.contains("process_2_item_2: Value from process 2"), out);
            assertTrue(out.contains("Size of the resulting matrix: (1000, 1000)"), out);
            assertTrue(out.contains("sum of squares 333338333350000 (correct)"), out);
            assertTrue(out.contains("## throughput 64 B, two JVMs"), out);
            assertTrue(out.contains("| mmipc Queue, zero-copy |"), out);
            assertTrue(out.contains("| OS pipe + Java serialization |"), out);
            assertTrue(out.contains("## round trip 64 B, two JVMs"), out);
            assertTrue(out.contains("Demo done in"), out);

            assertFalse(seen.isEmpty(), "the demo started child JVMs");
            Children.await("every child JVM of the demo to be gone", Duration.ofSeconds(20),
                () -> seen.stream().noneMatch(ProcessHandle::isAlive));
            try (var left = Files.list(root))
            {
                assertEquals(List.of(), left.map(Path::toString).collect(Collectors.toList()), "no file left");
            }
        }
    }
}
