package io.mmipc.examples.manager;

import io.mmipc.examples.ExampleRun;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(180)
class ProcessManagerTest
{
    @TempDir
    Path root;

    @Test
    void workersProcessEveryTask() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, ProcessManager.class);
        assertTrue(lines.contains("Processed 20 tasks"), lines.toString());
        final String results = lines.stream().filter(l -> l.startsWith("Results: ")).findFirst().orElseThrow();
        final List<Integer> got = List.of(results.substring("Results: [".length(), results.length() - 1).split(", "))
            .stream().map(Integer::parseInt).sorted().collect(Collectors.toList());
        assertEquals(IntStream.range(0, 20).map(t -> t * 2).boxed().collect(Collectors.toList()), got);
        // As in Python, shutdown() may terminate a worker before it prints a line: on a loaded
        // machine a worker JVM can still be starting when the others have done all 20 tasks.
        final List<String> started = lines.stream().filter(l -> l.matches("Process \\d+ started")).collect(Collectors.toList());
        assertFalse(started.isEmpty(), lines.toString());
        assertTrue(started.stream().allMatch(l -> l.matches("Process [012] started")), lines.toString());
    }

    @Test
    void sigtermStopsEveryChildAndLeavesNothing() throws Exception
    {
        try (ChildJvm manager = ExampleRun.start(root, ProcessManager.class, "3000"))
        {
            for (int i = 0; i < 3; i++)
            {
                Children.awaitLine(manager, "Process " + i + " started", Duration.ofSeconds(120));
            }
            final List<ProcessHandle> children = manager.process().toHandle().descendants().collect(Collectors.toList());
            // The three workers, and once (under load) a fourth descendant that was gone again at once:
            // what matters is that every one of them is gone after the SIGTERM.
            assertTrue(children.size() >= 3, children.toString());

            manager.terminate(); // SIGTERM
            assertTrue(manager.waitFor(Duration.ofSeconds(60)), "the manager ends");
            assertTrue(manager.stdout().contains("Received a termination signal. Terminating processes..."),
                "exit " + manager.exitCode() + "\n" + manager.stdout() + "\nstderr:\n" + manager.stderr());
            Children.await("every worker to be gone", Duration.ofSeconds(20),
                () -> children.stream().noneMatch(ProcessHandle::isAlive));
        }
        ExampleRun.assertNothingLeft(root);
    }
}
