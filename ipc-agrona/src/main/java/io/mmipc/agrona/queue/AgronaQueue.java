package io.mmipc.agrona.queue;

import io.mmipc.codec.CodecRef;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.spi.Handles;
import io.mmipc.MessageHandler;
import io.mmipc.MessageQueue;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codec;
import io.mmipc.internal.file.SharedFile;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

import static io.mmipc.agrona.queue.ChannelDescriptor.DATA_MSG_TYPE_ID;
import static io.mmipc.agrona.queue.QueueDescriptor.*;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH;

/**
 * A queue over one channel of a queue file; the subclasses decide who may produce and consume
 * and how consumers take turns. Every access to the mapping runs between the file's
 * {@code enter()} and {@code exit()}, so a concurrent {@link #close()} never unmaps under it.
 */
abstract class AgronaQueue<T> extends RingEndpoint<T> implements MessageQueue<T>, Serializable
{
    private static final long serialVersionUID = 1L;

    final transient TransportContext ctx;
    final transient SharedFile file;
    final transient AtomicBuffer body;
    final transient RingReader reader;
    final transient QueueOptions options;
    final transient long token;
    final transient long deadProcessTimeoutNanos;
    private final transient SpillFiles spill;
    private final transient int slots;
    private transient boolean closed;

    AgronaQueue(final TransportContext ctx, final SharedFile file, final Codec<T> codec, final QueueOptions options,
        final int capacity, final int maxMessageLength, final int slots, final boolean zeroConsumed)
    {
        super(codec, maxMessageLength, ChannelDescriptor.maxInlineLength(capacity, maxMessageLength), options.idle());
        this.ctx = ctx;
        this.file = file;
        this.body = file.body();
        this.options = options;
        this.slots = slots;
        this.deadProcessTimeoutNanos = options.deadProcessTimeout().toNanos();
        this.spill = new SpillFiles(file.path(), maxMessageLength);
        this.reader = new RingReader(file.path(), new UnsafeBuffer(body, CHANNEL_OFFSET, ChannelDescriptor.length(capacity)),
            io.mmipc.internal.file.SharedFileDescriptor.HEADER_LENGTH + CHANNEL_OFFSET, capacity, maxInlineLength, zeroConsumed,
            spill);
        this.token = ProcessToken.acquire();
    }

    /**
     * @return the Agrona ring producers write with.
     */
    abstract RingBuffer ring();

    /**
     * Registers this object as a producer if it is not one yet.
     */
    abstract void ensureProducer();

    /**
     * Counts a committed message.
     */
    abstract void countProduced();

    /**
     * Withdraws this object's registrations; runs inside enter/exit.
     */
    abstract void deregister();

    @Override
    final boolean tryWrite(final DirectBuffer buffer, final int offset, final int length, final int kind)
    {
        ensureProducer();
        file.enter();
        try
        {
            if (ring().write(ChannelDescriptor.typeId(kind, length + HEADER_LENGTH), buffer, offset, length))
            {
                countProduced();
                return true;
            }
            return false;
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    @Override
    final SpillFiles spill()
    {
        return spill;
    }

    @Override
    final long token()
    {
        return token;
    }

    @Override
    final String describe()
    {
        return "queue " + file.path();
    }

    @Override
    public String name()
    {
        return file.name();
    }

    @Override
    public Path path()
    {
        return file.path();
    }

    @Override
    public int capacity()
    {
        return reader.capacity();
    }

    @Override
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    @Override
    public int maxInlineLength()
    {
        return maxInlineLength;
    }

    @Override
    public void put(final T value) throws InterruptedException
    {
        sendObject(value, FOREVER);
    }

    @Override
    public boolean offer(final T value)
    {
        return sendObjectNow(value);
    }

    @Override
    public boolean offer(final T value, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return sendObject(value, Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public T take() throws InterruptedException
    {
        return receiveObject(FOREVER);
    }

    @Override
    public T poll()
    {
        return receiveObjectNow();
    }

    @Override
    public T poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return receiveObject(Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public int drainTo(final Collection<? super T> target, final int maxElements)
    {
        if (target == null)
        {
            throw new NullPointerException("target");
        }
        return drain((buffer, offset, length) -> target.add(codec.decode(buffer, offset, length)), maxElements);
    }

    @Override
    public void put(final DirectBuffer buffer, final int offset, final int length) throws InterruptedException
    {
        send(buffer, offset, length, FOREVER);
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return sendNow(buffer, offset, length);
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length, final long timeout,
        final TimeUnit unit) throws InterruptedException
    {
        return send(buffer, offset, length, Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public int tryClaim(final int length)
    {
        if (length > maxInlineLength || length < 0)
        {
            checkLength(length);
            throw new IllegalArgumentException(describe() + ": a claim of " + length +
                " bytes exceeds the inline limit of " + maxInlineLength + " bytes (larger messages must be sent)");
        }
        ensureProducer();
        file.enter(); // left in flight until commit or abort: the ring must stay mapped meanwhile
        try
        {
            final int index = ring().tryClaim(ChannelDescriptor.typeId(DATA_MSG_TYPE_ID, length + HEADER_LENGTH), length);
            if (index < 0)
            {
                file.exit();
                return -1;
            }
            return index;
        }
        catch (final InternalError fault)
        {
            file.exit();
            throw file.translateFault(fault);
        }
    }

    @Override
    public MutableDirectBuffer claimBuffer()
    {
        return reader.ring();
    }

    @Override
    public void commit(final int offset)
    {
        try
        {
            ring().commit(offset);
            countProduced();
        }
        finally
        {
            file.exit();
        }
    }

    @Override
    public void abort(final int offset)
    {
        try
        {
            ring().abort(offset);
        }
        finally
        {
            file.exit();
        }
    }

    @Override
    public void take(final MessageHandler handler) throws InterruptedException
    {
        receive(handler, FOREVER);
    }

    @Override
    public boolean poll(final MessageHandler handler)
    {
        return tryRead(handler, 1) > 0;
    }

    @Override
    public boolean poll(final MessageHandler handler, final long timeout, final TimeUnit unit)
        throws InterruptedException
    {
        return receive(handler, Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public int drain(final MessageHandler handler, final int limit)
    {
        // One read: it continues at the ring's start after the end, so it sees all that waits.
        // Asking again would only probe the line the producer writes next.
        return limit <= 0 ? 0 : tryRead(handler, limit);
    }

    @Override
    public int size()
    {
        file.enter();
        try
        {
            long produced = body.getLongVolatile(RETIRED_COUNT_OFFSET);
            for (int i = 0; i < slots; i++)
            {
                produced += body.getLongVolatile(slotOffset(capacity(), i) + SLOT_PRODUCED_OFFSET);
            }
            final long waiting = produced - reader.consumed();
            return waiting <= 0 ? (reader.isEmpty() ? 0 : 1) : (int)Math.min(Integer.MAX_VALUE, waiting);
        }
        finally
        {
            file.exit();
        }
    }

    @Override
    public boolean isEmpty()
    {
        file.enter();
        try
        {
            return reader.isEmpty();
        }
        finally
        {
            file.exit();
        }
    }

    @Override
    public int remainingCapacity()
    {
        file.enter();
        try
        {
            return capacity() - reader.usedBytes();
        }
        finally
        {
            file.exit();
        }
    }

    @Override
    public long skippedMessages()
    {
        file.enter();
        try
        {
            return reader.skipped();
        }
        finally
        {
            file.exit();
        }
    }

    @Override
    public synchronized boolean isClosed()
    {
        return closed || file.isClosed();
    }

    @Override
    public void close()
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
        }
        try
        {
            if (!file.isClosed())
            {
                file.enter();
                try
                {
                    deregister();
                }
                finally
                {
                    file.exit();
                }
            }
        }
        catch (final IllegalStateException closedMeanwhile)
        {
            // the context closed the file first: the registrations go with this process
        }
        finally
        {
            ProcessToken.release(token);
            file.close();
        }
    }

    /**
     * Takes a slot word for this object: free, already ours, or held by a dead process.
     *
     * @return the previous holder: 0 when it was free, {@link #token} when ours, else a dead token.
     * @throws IllegalStateException when a live process holds it.
     */
    final long claimExclusive(final int index, final String role)
    {
        while (true)
        {
            final long current = body.getLongVolatile(index);
            if (current == token)
            {
                return token;
            }
            if (current == 0)
            {
                if (body.compareAndSetLong(index, 0, token))
                {
                    return 0;
                }
                continue;
            }
            if (ProcessToken.isAlive(current))
            {
                throw new IllegalStateException(describe() + " is one-to-one and its " + role + " is " +
                    ProcessToken.describe(current) + ", still alive; close it there first");
            }
            if (body.compareAndSetLong(index, current, token))
            {
                return current;
            }
        }
    }

    /**
     * Serialized as a small handle that re-opens the queue in the receiving JVM.
     */
    final Object writeReplace() throws ObjectStreamException
    {
        return new QueueHandle(ctx.directory(), name(), CodecRef.of(codec, describe()),
            options.deadProcessTimeout().toMillis());
    }

    @Override
    public String toString()
    {
        return (isOneToOne() ? "one-to-one " : "") + "queue " + file.path() + " (" + codec.id() + ")";
    }
}
