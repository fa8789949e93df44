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
class BarrierAndNotifyExamplesTest
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
    void theActionRunsOncePerRoundAfterEveryWorkerArrivedAndBeforeAnyGoesOn() throws Exception
    {
        final List<String> lines = run(BarrierWithAction.class);
        assertEquals("rounds: 2", lines.get(lines.size() - 1), lines.toString());
        for (int r = 1; r <= 2; r++)
        {
            final int action = lines.indexOf("--- round " + r + " complete ---");
            assertTrue(action >= 0 && action == lines.lastIndexOf(lines.get(action)), "once: " + lines);
            for (int i = 0; i < 3; i++)
            {
                final int reached = lines.indexOf("worker " + i + " reached round " + r);
                assertTrue(reached >= 0 && reached < action, "worker " + i + " arrived first: " + lines);
                final int next = lines.indexOf("worker " + i + " reached round " + (r + 1));
                assertTrue(next < 0 || next > action, "and went on after: " + lines);
            }
        }
    }

    @Test
    void notifyTwoWakesTwoThenNotifyAllTheRest() throws Exception
    {
        final List<String> lines = run(NotifySome.class);
        final int marker = lines.indexOf("notify(2) woke 2");
        assertTrue(marker >= 0, lines.toString());
        assertEquals(2, lines.subList(0, marker).stream().filter(l -> l.matches("waiter \\d woke")).count(),
            lines.toString());
        assertEquals(4, lines.stream().filter(l -> l.matches("waiter \\d woke")).count(), lines.toString());
        assertEquals("all woke", lines.get(lines.size() - 1));
    }
}
