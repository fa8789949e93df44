package io.mmipc.chronicle;

import io.mmipc.LogAppender;
import io.mmipc.codec.Codec;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;


/**
 * Appends through one Chronicle appender. Zero-copy: the payload is copied once, from the caller's
 * buffer into the mapped file, inside Chronicle's document (which holds the queue's write lock).
 */
final class ChronicleLogAppender implements LogAppender
{
    private final ChronicleDurableLog log;
    private final ExcerptAppender appender;
    private final int maxMessageLength;
    private final boolean syncEveryAppend;
    private final boolean retains;
    private final AppendClock clock;
    private ExpandableDirectByteBuffer scratch;
    private long lastIndex = -1;
    private int lastCycle = Integer.MIN_VALUE;
    private boolean closed;

    ChronicleLogAppender(final ChronicleDurableLog log)
    {
        this.log = log;
        this.appender = log.queue().createAppender();
        this.maxMessageLength = log.config().maxMessageLength();
        this.syncEveryAppend = log.config().syncEveryAppend();
        this.retains = !log.config().retention().keepsAll();
        this.clock = log.clock();
    }

    @Override
    public long append(final DirectBuffer buffer, final int offset, final int length)
    {
        checkLength(length);
        buffer.boundsCheck(offset, length);
        checkOpen();
        try
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                final Bytes<?> bytes = dc.wire().bytes();
                bytes.writeLong(clock.lastMillis()); // read by writingDocument(), under the write lock
                final byte[] array = buffer.byteArray();
                if (array != null)
                {
                    bytes.unsafeWriteObject(array, Math.toIntExact(buffer.addressOffset() + offset), length);
                }
                else
                {
                    bytes.unsafeWrite(buffer.addressOffset() + offset, length);
                }
            }
            log.wake().signal(); // after Chronicle's write is complete: a woken reader finds the message
            return appended();
        }
        catch (final InternalError fault)
        {
            throw Faults.translate(log, appender.currentFile(), fault);
        }
    }

    @Override
    public <T> long append(final T value, final Codec<T> codec)
    {
        if (scratch == null)
        {
            scratch = new ExpandableDirectByteBuffer(256);
        }
        final int length = codec.encode(value, scratch, 0);
        return append(scratch, 0, length);
    }

    private long appended()
    {
        lastIndex = appender.lastIndexAppended();
        if (syncEveryAppend)
        {
            appender.sync();
        }
        final int cycle = appender.cycle();
        if (cycle != lastCycle)
        {
            lastCycle = cycle;
            // A new cycle may be a new file, made with Chronicle's modes.
            log.permissions().restrict(appender.currentFile().toPath());
            if (retains)
            {
                log.retention().apply();
            }
        }
        return lastIndex;
    }

    private void checkLength(final int length)
    {
        if (length < 0 || length > maxMessageLength)
        {
            throw new IllegalArgumentException("message of " + length + " bytes for log " + log.directory() +
                ": the maximum message length is " + maxMessageLength + " (DurableLogConfig.maxMessageLength)");
        }
    }

    @Override
    public long lastAppendedIndex()
    {
        return lastIndex;
    }

    @Override
    public void sync()
    {
        checkOpen();
        appender.sync();
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("appender of " + log + " is closed");
        }
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            appender.close();
            log.forget(this);
        }
    }

    @Override
    public String toString()
    {
        return "LogAppender(" + log.directory() + ")";
    }
}
