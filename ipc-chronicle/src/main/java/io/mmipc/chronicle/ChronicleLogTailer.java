package io.mmipc.chronicle;

import io.mmipc.internal.wait.WakeFile;
import io.mmipc.DurableLogException;
import io.mmipc.DurableLogException.Reason;
import io.mmipc.LogHandler;
import io.mmipc.LogTailer;
import io.mmipc.codec.Codec;
import io.mmipc.internal.wait.Waiter;
import io.mmipc.internal.wait.WakeWord;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.Duration;
import java.time.Instant;

/**
 * Reads through one Chronicle tailer. Holds a live-reader slot of the {@link TailerRegistry}
 * where it publishes the cycle it reads, so retention never deletes a file it still needs; a named
 * tailer also holds its name and its acknowledged index there. Blocking reads wait through the
 * log's {@link Waiter}s and sleep on its wake word ({@link LogWake}), which every append signals.
 */
final class ChronicleLogTailer implements LogTailer
{
    /** Empty polls between two checks that the current file was not truncated (one fstat). */
    private static final int EMPTY_POLLS_PER_CHECK = 4096;

    private final ChronicleDurableLog log;
    private final String name;
    private final ExcerptTailer tailer;
    private final RollCycle rollCycle;
    private final int maxMessageLength;
    private final TailerRegistry registry;
    private final long holder;
    private final int slot;
    private final LongValue slotCycle;
    private final LongValue acked;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final LogHandler decodeHandler = this::decode;
    private ExpandableArrayBuffer copy;
    private long publishedCycle = 0;
    private long lastReadIndex = -1;
    private long lastReadTime = -1;
    private int emptyPolls;
    private Object decoded;
    private Codec<?> decoder;
    private boolean closed;

    ChronicleLogTailer(final ChronicleDurableLog log, final String name)
    {
        this.log = log;
        this.name = name;
        this.rollCycle = log.queue().rollCycle();
        this.maxMessageLength = log.config().maxMessageLength();
        this.registry = log.registry();
        this.holder = registry.newHolder();
        if (name != null)
        {
            registry.claimName(name, holder);
        }
        int claimed = -1;
        ExcerptTailer created = null;
        try
        {
            claimed = registry.claimReaderSlot(holder);
            created = log.queue().createTailer();
            this.slot = claimed;
            this.slotCycle = registry.readerCycle(claimed);
            this.tailer = created;
            this.acked = name != null ? registry.acked(name) : null;
            if (acked != null)
            {
                resume();
            }
        }
        catch (final RuntimeException ex)
        {
            if (created != null)
            {
                created.close();
            }
            if (claimed >= 0)
            {
                registry.releaseReaderSlot(claimed, holder);
            }
            if (name != null)
            {
                registry.releaseName(name, holder);
            }
            throw ex;
        }
    }

    /**
     * Moves past the last acknowledged message: reads it again and checks it is the one.
     */
    private void resume()
    {
        long index = acked.getVolatileValue();
        if (index == TailerRegistry.REMOVED)
        {
            acked.setVolatileValue(TailerRegistry.NONE);
            index = TailerRegistry.NONE;
        }
        if (index == TailerRegistry.NONE)
        {
            return;
        }
        publish(rollCycle.toCycle(index));
        if (!tailer.moveToIndex(index))
        {
            throw new DurableLogException(log.directory(), Reason.CORRUPT, "named tailer \"" + name +
                "\" acknowledged index " + Long.toHexString(index) + ", which is no longer in the log", null);
        }
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent() || dc.index() != index)
            {
                throw new DurableLogException(log.directory(), Reason.CORRUPT, "named tailer \"" + name +
                    "\" cannot read its acknowledged message " + Long.toHexString(index), null);
            }
        }
        lastReadIndex = index;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public boolean poll(final LogHandler handler)
    {
        return read(handler, false);
    }

    @Override
    public boolean poll(final LogHandler handler, final Duration timeout) throws InterruptedException
    {
        return await(handler, false, Math.max(0, timeout.toNanos()));
    }

    @Override
    public void take(final LogHandler handler) throws InterruptedException
    {
        await(handler, false, Waiter.FOREVER);
    }

    @Override
    public <T> T poll(final Codec<T> codec)
    {
        return read(decoding(codec), false) ? takeDecoded() : null;
    }

    @Override
    public <T> T poll(final Codec<T> codec, final Duration timeout) throws InterruptedException
    {
        return poll(decoding(codec), timeout) ? takeDecoded() : null;
    }

    @Override
    public <T> T take(final Codec<T> codec) throws InterruptedException
    {
        take(decoding(codec));
        return takeDecoded();
    }

    @Override
    public boolean consume(final LogHandler handler, final Duration timeout) throws InterruptedException
    {
        checkNamed();
        if (!await(handler, true, Math.max(0, timeout.toNanos())))
        {
            return false;
        }
        ack();
        return true;
    }

    /**
     * Reads one message, waiting up to {@code timeoutNanos} ({@link Waiter#FOREVER}: as long as it takes).
     *
     * @return false when the time ran out first.
     * @throws InterruptedException when the thread is interrupted while it waits.
     */
    private boolean await(final LogHandler handler, final boolean rollbackOnThrow, final long timeoutNanos)
        throws InterruptedException
    {
        if (read(handler, rollbackOnThrow))
        {
            return true;
        }
        final WakeFile wake = log.wake();
        final WakeWord word = wake.enterWait();
        try
        {
            final Waiter waiter = log.waiter().begin(timeoutNanos, true, word);
            try
            {
                do
                {
                    final int state = waiter.idle();
                    if (state == Waiter.TIMED_OUT)
                    {
                        return false;
                    }
                    if (state == Waiter.INTERRUPTED)
                    {
                        throw new InterruptedException();
                    }
                }
                while (!read(handler, rollbackOnThrow));
                return true;
            }
            finally
            {
                waiter.end();
            }
        }
        finally
        {
            wake.exitWait();
        }
    }

    /**
     * Reads one message into {@code handler}. With {@code rollbackOnThrow}, a throwing handler
     * leaves the tailer on the message.
     */
    private boolean read(final LogHandler handler, final boolean rollbackOnThrow)
    {
        checkOpen();
        final DocumentContext dc;
        try
        {
            dc = tailer.readingDocument();
        }
        catch (final InternalError fault)
        {
            throw Faults.translate(log, tailer.currentFile(), fault);
        }
        try
        {
            if (!dc.isPresent())
            {
                if (++emptyPolls >= EMPTY_POLLS_PER_CHECK)
                {
                    emptyPolls = 0;
                    Faults.checkBacked(log, tailer.currentFile());
                }
                return false;
            }
            emptyPolls = 0;
            final long index = dc.index();
            final Bytes<?> bytes = dc.wire().bytes();
            final long length = bytes.readRemaining() - LogMessageDescriptor.HEADER_LENGTH;
            if (length < 0 || length > maxMessageLength)
            {
                throw new DurableLogException(log.directory(), Reason.CORRUPT, "message " + Long.toHexString(index) +
                    " has " + bytes.readRemaining() + " bytes, outside [" + LogMessageDescriptor.HEADER_LENGTH + ", " +
                    (maxMessageLength + LogMessageDescriptor.HEADER_LENGTH) + "]: not written by mmipc", null);
            }
            final long time = bytes.readLong();
            final int payload = (int)length;
            final DirectBuffer message = wrap(bytes, payload);
            final long cycle = rollCycle.toCycle(index);
            if (cycle != publishedCycle)
            {
                publish(cycle);
            }
            final long previousIndex = lastReadIndex;
            final long previousTime = lastReadTime;
            lastReadIndex = index;
            lastReadTime = time;
            try
            {
                handler.onMessage(message, 0, payload, index);
            }
            catch (final RuntimeException | Error ex)
            {
                if (rollbackOnThrow)
                {
                    dc.rollbackOnClose();
                    lastReadIndex = previousIndex;
                    lastReadTime = previousTime;
                }
                throw ex;
            }
            return true;
        }
        catch (final InternalError fault)
        {
            throw Faults.translate(log, tailer.currentFile(), fault);
        }
        finally
        {
            dc.close();
        }
    }

    private DirectBuffer wrap(final Bytes<?> bytes, final int payload)
    {
        if (payload == 0)
        {
            view.wrap(0, 0);
            return view;
        }
        if (bytes.isDirectMemory())
        {
            view.wrap(bytes.addressForRead(bytes.readPosition(), payload), payload);
            return view;
        }
        if (copy == null)
        {
            copy = new ExpandableArrayBuffer(payload);
        }
        copy.checkLimit(payload);
        bytes.read(copy.byteArray(), 0, payload);
        return copy;
    }

    private <T> LogHandler decoding(final Codec<T> codec)
    {
        decoder = codec;
        return decodeHandler;
    }

    private void decode(final DirectBuffer buffer, final int offset, final int length, final long index)
    {
        decoded = decoder.decode(buffer, offset, length);
    }

    @SuppressWarnings("unchecked")
    private <T> T takeDecoded()
    {
        final T value = (T)decoded;
        decoded = null;
        return value;
    }

    private void publish(final long cycle)
    {
        publishedCycle = cycle;
        slotCycle.setVolatileValue(cycle);
    }

    @Override
    public void ack()
    {
        checkNamed();
        checkOpen();
        if (lastReadIndex >= 0)
        {
            acked.setVolatileValue(lastReadIndex);
        }
    }

    @Override
    public long ackedIndex()
    {
        checkNamed();
        final long value = acked.getVolatileValue();
        return value < 0 ? -1 : value;
    }

    @Override
    public long lastReadIndex()
    {
        return lastReadIndex;
    }

    @Override
    public long lastReadTimeMillis()
    {
        return lastReadTime;
    }

    @Override
    public LogTailer toStart()
    {
        checkOpen();
        publish(0);
        tailer.toStart();
        return this;
    }

    @Override
    public LogTailer toEnd()
    {
        checkOpen();
        tailer.toEnd();
        publish(Math.max(0, tailer.cycle()));
        return this;
    }

    @Override
    public boolean moveTo(final long index)
    {
        checkOpen();
        final long last = log.queue().lastIndex();
        if (index < 0 || last < 0 || index > last || index < log.queue().firstIndex())
        {
            return false;
        }
        final long beforeCycle = publishedCycle;
        final long beforeIndex = tailer.index();
        publish(Math.min(beforeCycle, rollCycle.toCycle(index)));
        if (tailer.moveToIndex(index))
        {
            publish(rollCycle.toCycle(index));
            return true;
        }
        // Chronicle moves even when it fails: go back to where the tailer was.
        tailer.moveToIndex(beforeIndex);
        publish(beforeCycle);
        return false;
    }

    @Override
    public LogTailer moveTo(final Instant time)
    {
        checkOpen();
        publish(0);
        final long found = TimeSearch.firstAtOrAfter(log.queue(), tailer, time.toEpochMilli());
        if (found < 0 || !tailer.moveToIndex(found))
        {
            tailer.toEnd();
            publish(Math.max(0, tailer.cycle()));
        }
        else
        {
            publish(rollCycle.toCycle(found));
        }
        return this;
    }

    private void checkNamed()
    {
        if (name == null)
        {
            throw new IllegalStateException("an anonymous tailer of " + log + " has no position to acknowledge; " +
                "use DurableLog.tailer(name)");
        }
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException((name != null ? "tailer \"" + name + "\"" : "tailer") + " of " + log +
                " is closed");
        }
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            tailer.close();
        }
        finally
        {
            registry.releaseReaderSlot(slot, holder);
            if (name != null)
            {
                registry.releaseName(name, holder);
            }
            log.forget(this);
        }
    }

    @Override
    public String toString()
    {
        return "LogTailer(" + (name != null ? name + ", " : "") + log.directory() + ")";
    }
}
