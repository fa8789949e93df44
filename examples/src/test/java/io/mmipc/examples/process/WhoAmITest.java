package io.mmipc.examples.process;

import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class WhoAmITest
{
    @TempDir
    Path root;

    @Test
    @Timeout(120)
    void workersNameThemselvesAndTheirParentAndActiveChildrenCountsThem() throws Exception
    {
        final String out;
        final long pid;
        try (var child = Children.launcher(WhoAmI.class).systemProperty("mmipc.root", root.toString()).start())
        {
            pid = child.pid();
            out = Children.finish(child, Duration.ofSeconds(100));
        }
        final List<String> lines = Arrays.asList(out.split("\n"));
        assertEquals("MainProcess", lines.get(0), out);
        assertTrue(lines.contains("active children: 3"), out);
        assertEquals("active children: 0", lines.get(lines.size() - 1), out);
        for (int i = 0; i < 3; i++)
        {
            final String prefix = "worker-" + i + " (pid ";
            final String suffix = "), child of MainProcess (pid " + pid + ")";
            assertEquals(1, lines.stream().filter(l -> l.startsWith(prefix) && l.endsWith(suffix)).count(), out);
        }
        try (var left = Files.list(root))
        {
            assertEquals(0, left.count(), "the example leaves no shared file behind");
        }
    }
}
