package io.mmipc.internal.counters;

import io.mmipc.internal.file.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static io.mmipc.internal.counters.CounterSet.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Counts kept in fields reach the counters file in steps of the period and in full on publish,
 * read back as {@code mmipc stat} reads them.
 */
class MessageCountsTest
{
    @TempDir
    Path dir;

    private long read(final int counter) throws IOException
    {
        return CountersReader.read(dir).get(0).of("q").get(counter);
    }

    @Test
    void countsArePublishedEveryPeriodAndInFullOnPublish() throws IOException
    {
        final Counters counters = ProcessCounters.open(dir, SharedFiles.OWNER_ONLY, QUEUE, "q");
        final MessageCounts out = new MessageCounts(counters, MESSAGES_OUT, BYTES_OUT, 4);
        for (int i = 1; i <= 3; i++)
        {
            out.add(1, 10 * i);
        }
        assertEquals(0, read(MESSAGES_OUT), "fewer than a period: nothing published yet");
        assertEquals(3, out.pendingMessages());
        out.add(1, 40);
        assertEquals(4, read(MESSAGES_OUT));
        assertEquals(100, read(BYTES_OUT));
        assertEquals(0, out.pendingMessages());

        out.add(3, 7); // a batch of three, as a receiver counts one read
        out.add(2, 5); // crosses the period: published, the whole batch
        assertEquals(9, read(MESSAGES_OUT));
        assertEquals(112, read(BYTES_OUT));

        out.add(1, 8);
        out.publish();
        out.publish(); // nothing left: adds nothing
        assertEquals(10, read(MESSAGES_OUT));
        assertEquals(120, read(BYTES_OUT));
        assertEquals(0, read(MESSAGES_IN), "the other side's counters are not touched");
    }

    @Test
    void aPeriodOfOnePublishesEveryMessage() throws IOException
    {
        final Counters counters = ProcessCounters.open(dir, SharedFiles.OWNER_ONLY, QUEUE, "q");
        final MessageCounts in = new MessageCounts(counters, MESSAGES_IN, BYTES_IN, 1);
        in.add(1, 64);
        assertEquals(1, read(MESSAGES_IN));
        assertEquals(64, read(BYTES_IN));
        assertEquals(0, in.pendingMessages());
    }

    @Test
    void aPeriodBelowOneIsRefused()
    {
        final Counters counters = Counters.uncounted(QUEUE, "q");
        final IllegalArgumentException refused =
            assertThrows(IllegalArgumentException.class, () -> new MessageCounts(counters, MESSAGES_OUT, BYTES_OUT, 0));
        assertTrue(refused.getMessage().contains("0"), refused::getMessage);
    }
}
