package io.mmipc.examples;

import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedMemoryDemoTest
{
    @TempDir
    Path root;

    @Test
    @Timeout(180)
    void theDemoComputesTheSumOfSquaresAcrossTwoJvmsAndLeavesNothing() throws Exception
    {
        final String out = Children.finish(Children.launcher(SharedMemoryDemo.class)
            .systemProperty("mmipc.root", root.toString()).start(), Duration.ofSeconds(170));
        assertTrue(out.contains("sum of squares 333338333350000 (correct)"), out);
        assertTrue(out.contains("[squarer] child answered 100000 requests"), out);
        try (var left = Files.list(root))
        {
            assertEquals(0, left.count(), "the context directory is removed");
        }
    }
}
