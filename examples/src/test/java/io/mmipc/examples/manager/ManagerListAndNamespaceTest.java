package io.mmipc.examples.manager;

import io.mmipc.examples.ExampleRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs the list and namespace example as its own JVM (its workers are JVMs too) and checks what it printed.
 */
@Timeout(180)
class ManagerListAndNamespaceTest
{
    @TempDir
    Path root;

    @Test
    void fourProcessesAppendToOneListAndCountInOneNamespace() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, ManagerListAndNamespace.class);
        assertEquals(List.of(
            "squares: 4 workers finished",
            "worker 0: 0 squared is 0",
            "worker 1: 1 squared is 1",
            "worker 2: 2 squared is 4",
            "worker 3: 3 squared is 9"), lines.subList(0, 5), lines.toString());
        assertEquals(6, lines.size(), lines.toString());
        assertTrue(lines.get(5).matches("first: worker \\d\\.\\.\\., popped: worker \\d\\.\\.\\., left: 3"),
            lines.get(5));
    }
}
