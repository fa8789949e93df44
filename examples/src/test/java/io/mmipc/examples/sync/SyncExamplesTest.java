package io.mmipc.examples.sync;

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

@Timeout(120)
class SyncExamplesTest
{
    @TempDir
    Path root;

    private List<String> run(final Class<?> example) throws Exception
    {
        final String out = Children.finish(Children.launcher(example).systemProperty("mmipc.root", root.toString())
            .start(), Duration.ofSeconds(100));
        try (var left = Files.list(root))
        {
            assertEquals(0, left.count(), "the example leaves no shared file behind");
        }
        return Arrays.asList(out.split("\n"));
    }

    @Test
    void lockedPrintPrintsEveryItemOnItsOwnLine() throws Exception
    {
        final List<String> lines = run(LockedPrint.class);
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.containsAll(List.of("tango", "foxtrot", "10")), lines.toString());
    }

    @Test
    void fourLockedWorkersEndAtTheExactTotal() throws Exception
    {
        final List<String> lines = run(LockAndValue.class);
        assertEquals("Final value: 12", lines.get(lines.size() - 1));
        assertEquals(12, lines.stream().filter(l -> l.endsWith("gained access to the resource")).count());
        for (int v = 1; v <= 12; v++)
        {
            final String suffix = "increased the value to " + v;
            assertEquals(1, lines.stream().filter(l -> l.endsWith(suffix)).count(), suffix + " once in " + lines);
        }
    }

    @Test
    void theLockedCounterIsExact() throws Exception
    {
        final List<String> lines = run(CounterWithAndWithoutLock.class);
        // The unlocked counter may or may not lose updates on a given run: only the locked one is checked.
        assertTrue(lines.get(0).startsWith("Without a lock: "), lines.toString());
        assertEquals("With a lock: 80000 (expected 80000)", lines.get(1));
    }
}
