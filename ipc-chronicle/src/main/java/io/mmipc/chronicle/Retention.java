package io.mmipc.chronicle;

import io.mmipc.DurableLogException;
import io.mmipc.DurableLogException.Reason;
import io.mmipc.LogRetention;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes rolled files by the log's {@link LogRetention} rule, never the newest file and never
 * one at or after the lowest cycle that a tailer still needs ({@link TailerRegistry}). Deleting a
 * file another process still maps is safe on Linux (the mapping keeps the inode), and the
 * directory listing every process shares is refreshed afterwards.
 */
final class Retention
{
    private final ChronicleDurableLog log;

    Retention(final ChronicleDurableLog log)
    {
        this.log = log;
    }

    synchronized int apply()
    {
        final LogRetention rule = log.config().retention();
        if (rule.keepsAll())
        {
            return 0;
        }
        final SingleChronicleQueue queue = log.queue();
        queue.refreshDirectoryListing();
        final int lastCycle = queue.lastCycle();
        if (lastCycle == Integer.MIN_VALUE || queue.firstCycle() == Integer.MAX_VALUE)
        {
            return 0;
        }
        final List<Long> rolled = new ArrayList<>(queue.listCyclesBetween(queue.firstCycle(), lastCycle));
        rolled.removeIf(cycle -> cycle >= Math.max(lastCycle, queue.cycle()));
        final RollCycle rollCycle = queue.rollCycle();
        final long needed = log.registry().lowestCycleNeeded(rollCycle::toCycle);
        final long now = log.config().clock().millis();
        int deleted = 0;
        for (int i = 0; i < rolled.size(); i++)
        {
            final long cycle = rolled.get(i);
            final boolean expired = rule.rolledFiles() >= 0 ? i < rolled.size() - rule.rolledFiles() :
                (cycle + 1) * rollCycle.lengthInMillis() + queue.epoch() <= now - rule.age().toMillis();
            if (!expired || cycle >= needed)
            {
                continue;
            }
            final Path file = fileFor(queue, cycle);
            try
            {
                if (Files.deleteIfExists(file))
                {
                    deleted++;
                }
            }
            catch (final IOException ex)
            {
                throw new DurableLogException(file, Reason.IO, "retention cannot delete it: " + ex, ex);
            }
        }
        if (deleted > 0)
        {
            queue.refreshDirectoryListing();
        }
        return deleted;
    }

    /**
     * Chronicle names a cycle's file by formatting the cycle's start in UTC with the roll cycle's pattern.
     */
    static Path fileFor(final SingleChronicleQueue queue, final long cycle)
    {
        final RollCycle rollCycle = queue.rollCycle();
        final Instant start = Instant.ofEpochMilli(cycle * rollCycle.lengthInMillis() + queue.epoch());
        final String name = DateTimeFormatter.ofPattern(rollCycle.format()).withZone(ZoneOffset.UTC).format(start);
        return queue.file().toPath().resolve(name + QueueDirectory.QUEUE_SUFFIX);
    }
}
