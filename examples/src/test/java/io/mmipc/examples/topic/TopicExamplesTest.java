package io.mmipc.examples.topic;

import io.mmipc.examples.ExampleRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(180)
class TopicExamplesTest
{
    @TempDir
    Path root;

    @Test
    void everyScreenGetsEveryTickInOrder() throws Exception
    {
        final List<String> lines = ExampleRun.run(root, PriceTicker.class);
        final List<String> ticks = IntStream.range(0, PriceTicker.TICKS).mapToObj(PriceTicker::tick)
            .collect(Collectors.toList());
        assertEquals("ACME 100.00", ticks.get(0));
        for (int screen = 1; screen <= 3; screen++)
        {
            final String prefix = "Screen " + screen + " got ";
            assertEquals(ticks, lines.stream().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length())).collect(Collectors.toList()), "screen " + screen);
            assertTrue(lines.contains("Screen " + screen + " saw " + (PriceTicker.TICKS + 1) + " messages, missed 0"),
                String.join("\n", lines));
        }
    }
}
