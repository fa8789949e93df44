package io.mmipc.chronicle;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Finds the first message appended at or after a time: skips the cycles that ended before it,
 * then binary-searches the append times ({@link LogMessageDescriptor}) within a cycle. Times are
 * taken under the queue's write lock, so they rise with the index.
 */
public final class TimeSearch
{
    private TimeSearch()
    {
    }

    /**
     * @return the index found, or -1 when every message is older; moves {@code tailer}.
     */
    public static long firstAtOrAfter(final SingleChronicleQueue queue, final ExcerptTailer tailer, final long millis)
    {
        if (queue.lastIndex() < 0)
        {
            return -1;
        }
        final RollCycle rollCycle = queue.rollCycle();
        for (final Long boxed : queue.listCyclesBetween(queue.firstCycle(), queue.lastCycle()))
        {
            final int cycle = boxed.intValue();
            final long cycleEnd = (cycle + 1L) * rollCycle.lengthInMillis() + queue.epoch();
            if (cycleEnd <= millis)
            {
                continue;
            }
            final long count = tailer.excerptsInCycle(cycle);
            long low = 0;
            long high = count;
            while (low < high)
            {
                final long mid = (low + high) >>> 1;
                if (timeAt(tailer, rollCycle.toIndex(cycle, mid)) < millis)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }
            if (low < count)
            {
                return rollCycle.toIndex(cycle, low);
            }
        }
        return -1;
    }

    private static long timeAt(final ExcerptTailer tailer, final long index)
    {
        if (!tailer.moveToIndex(index))
        {
            return Long.MAX_VALUE;
        }
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return Long.MAX_VALUE;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            return bytes.readRemaining() >= LogMessageDescriptor.HEADER_LENGTH ? bytes.readLong() : Long.MAX_VALUE;
        }
    }
}
