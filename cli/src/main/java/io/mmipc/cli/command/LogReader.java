package io.mmipc.cli.command;

import io.mmipc.DurableLogConfig;
import io.mmipc.chronicle.LogMessageDescriptor;
import io.mmipc.chronicle.TimeSearch;
import io.mmipc.cli.CliException;
import io.mmipc.cli.ExitCodes;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/**
 * A durable log opened read-only through Chronicle Queue, with one unnamed tailer: it writes
 * nothing (no reader slot, no tailer name, no acknowledgement), so named tailers and retention
 * go on as if the tool were not there.
 * <p>
 * Only {@link TailCommand} loads this class, and only after mmipc's durable-log provider has
 * prepared Chronicle's settings (analytics off) before any Chronicle class loads.
 */
final class LogReader implements AutoCloseable
{
    /**
     * Chronicle maps a queue file in blocks that overlap by a fraction of a block, and a message
     * must fit the overlap: read with blocks that fit the longest message a log may have.
     */
    private static final long BLOCK_SIZE = Long.highestOneBit(DurableLogConfig.MAX_MESSAGE_LENGTH_LIMIT) << 3;

    /** One message as read. */
    record Message(long index, long timeMillis, byte[] payload)
    {
    }

    private final Path directory;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;

    private LogReader(final Path directory, final SingleChronicleQueue queue)
    {
        this.directory = directory;
        this.queue = queue;
        this.tailer = queue.createTailer();
    }

    static LogReader open(final Path directory)
    {
        final SingleChronicleQueue queue;
        try
        {
            queue = SingleChronicleQueueBuilder.binary(directory.toFile()).readOnly(true).blockSize(BLOCK_SIZE).build();
        }
        catch (final RuntimeException | InternalError ex)
        {
            throw new CliException(ExitCodes.DAMAGED, directory + ": Chronicle Queue cannot open it read-only: " + ex);
        }
        try
        {
            return new LogReader(directory, queue);
        }
        catch (final RuntimeException | InternalError ex)
        {
            queue.close();
            throw new CliException(ExitCodes.DAMAGED, directory + ": cannot read it: " + ex);
        }
    }

    /**
     * @return the read-only queue, for {@link LogStat}'s counts and metadata words.
     */
    SingleChronicleQueue queue()
    {
        return queue;
    }

    long firstIndex()
    {
        final long index = queue.firstIndex();
        return index == Long.MAX_VALUE ? -1 : index;
    }

    long lastIndex()
    {
        return queue.lastIndex();
    }

    /**
     * @return false when the log holds no message at {@code index}.
     */
    boolean moveTo(final long index)
    {
        return tailer.moveToIndex(index);
    }

    /**
     * Moves to the first message appended at or after {@code millis}, or to the end.
     */
    void moveToTime(final long millis)
    {
        final long index = TimeSearch.firstAtOrAfter(queue, tailer, millis);
        if (index < 0 || !tailer.moveToIndex(index))
        {
            tailer.toEnd();
        }
    }

    void toStart()
    {
        tailer.toStart();
    }

    void toEnd()
    {
        tailer.toEnd();
    }

    /**
     * @return the next message, or null when there is none yet.
     * @throws CliException when a document is not an mmipc message or its file is damaged.
     */
    Message next()
    {
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return null;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            final long length = bytes.readRemaining();
            final long payloadLength = length - LogMessageDescriptor.HEADER_LENGTH;
            if (payloadLength < 0 || payloadLength > DurableLogConfig.MAX_MESSAGE_LENGTH_LIMIT)
            {
                throw new CliException(ExitCodes.DAMAGED, directory + ": the document at index " + dc.index() + " is " +
                    length + " bytes, not an mmipc message (an 8-byte time, then at most " +
                    DurableLogConfig.MAX_MESSAGE_LENGTH_LIMIT + " bytes)");
            }
            final long time = bytes.readLong();
            final byte[] payload = new byte[(int)payloadLength];
            bytes.read(payload);
            return new Message(dc.index(), time, payload);
        }
        catch (final InternalError fault)
        {
            throw new CliException(ExitCodes.DAMAGED, directory + ": a file of the log was truncated under the " +
                "reader: " + fault);
        }
    }

    @Override
    public void close()
    {
        queue.close();
    }
}
