package io.mmipc.aeron;

import io.mmipc.MessageHandler;
import io.mmipc.MessageQueue;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codec;
import io.mmipc.codec.CodecRef;
import io.mmipc.internal.spi.Handle;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * A {@link MessageQueue} between nodes. Its messages gather on the queue's home node: one Aeron
 * stream into the home, on which producers anywhere (this node included) each hold their own
 * authenticated session, so messages of one producer arrive in order and those of different
 * producers interleave. Consumers on the home take from that stream; consumers on other nodes
 * compete through the home's {@link Dispatcher} (each message to one consumer, at-most-once). Back-pressure is Aeron's: a producer's {@code offer} is false when the
 * home's receive window (1 MiB per producer) is full or nobody is connected; nothing buffers
 * without bound. On a one-to-one queue, the consumer sees end-of-stream once every producer that
 * connected has closed or fallen silent for the peer timeout.
 */
final class AeronQueue<T> implements MessageQueue<T>, Serializable
{
    private static final long serialVersionUID = 1L;
    private static final long FOREVER = Long.MAX_VALUE / 4;

    private final transient AeronNode node;
    private final transient Path directory;
    private final String name;
    private final transient Codec<T> codec;
    private final transient QueueOptions options;
    private final transient NetChannel consumer;
    private final transient Dispatcher dispatcher;
    private final transient UnsafeBuffer credit = new UnsafeBuffer(new byte[4]);
    private transient NetChannel remoteConsumer;
    private transient boolean creditOut;
    private final transient ExpandableArrayBuffer encoded = new ExpandableArrayBuffer(256);
    private final transient UnsafeBuffer claim = new UnsafeBuffer(new byte[FrameDescriptor.MAX_CHUNK]);
    private transient NetChannel producer;
    private transient int claimedLength = -1;
    private transient T received;
    private transient volatile boolean closed;

    AeronQueue(final AeronNode node, final Path directory, final String name, final Codec<T> codec,
        final QueueOptions options)
    {
        this.node = node;
        this.directory = directory;
        this.name = name;
        this.codec = codec;
        this.options = options;
        this.consumer = node.isHome() ? new NetChannel(new NetEndpoint(node, true, name, StreamIds.QUEUE, codec.id(),
            0, options.maxProcesses(), options.maxMessageLength()), options.oneToOne()) : null;
        this.dispatcher = node.isHome() ? new Dispatcher(new NetEndpoint(node, true, name, StreamIds.DISPATCH,
            codec.id(), 1, options.oneToOne() ? 1 : options.maxProcesses(), 4), consumer) : null;
        credit.putInt(0, 1);
    }

    private synchronized NetChannel producer()
    {
        checkOpen();
        if (producer == null)
        {
            producer = new NetChannel(new NetEndpoint(node, false, name, StreamIds.QUEUE, codec.id(), 0, 1,
                options.maxMessageLength()), false);
        }
        return producer;
    }

    private NetChannel consumer()
    {
        checkOpen();
        if (consumer != null)
        {
            return consumer;
        }
        if (remoteConsumer == null)
        {
            remoteConsumer = new NetChannel(new NetEndpoint(node, false, name, StreamIds.DISPATCH, codec.id(), 1, 1,
                options.maxMessageLength()), false);
        }
        return remoteConsumer;
    }

    /**
     * Receives one message: at the home straight from the stream; elsewhere from the home's
     * dispatcher, asking for one with a credit first (once: an unused credit stays asked).
     */
    private boolean receive(final MessageHandler handler)
    {
        final NetChannel channel = consumer();
        if (channel == consumer)
        {
            return channel.poll(handler);
        }
        if (!creditOut)
        {
            try
            {
                creditOut = channel.send(credit, 0, credit.capacity(), System.nanoTime(), idle());
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (channel.poll(handler))
        {
            creditOut = false;
            return true;
        }
        return false;
    }

    private boolean await(final MessageHandler handler, final long deadlineNs) throws InterruptedException
    {
        final NetChannel channel = consumer();
        if (channel == consumer)
        {
            return channel.await(handler, deadlineNs, idle());
        }
        final IdleStrategy idle = idle();
        while (!receive(handler))
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                return false;
            }
            if (Thread.interrupted())
            {
                throw new InterruptedException();
            }
            idle.idle();
        }
        return true;
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private IdleStrategy idle()
    {
        return options.idle().get();
    }

    private static long deadline(final long timeout, final TimeUnit unit)
    {
        return System.nanoTime() + Math.max(0, Math.min(unit.toNanos(timeout), FOREVER));
    }

    String codecId()
    {
        return codec.id();
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public Path path()
    {
        return directory.resolve(name);
    }

    @Override
    public boolean isOneToOne()
    {
        return options.oneToOne();
    }

    /**
     * @return the receive window of one producer's stream at the home (a term of Aeron's log).
     */
    @Override
    public int capacity()
    {
        return AeronNode.TERM_LENGTH;
    }

    @Override
    public int maxMessageLength()
    {
        return options.maxMessageLength();
    }

    // ---- producing

    @Override
    public void put(final T value) throws InterruptedException
    {
        offer(value, FOREVER, TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean offer(final T value)
    {
        try
        {
            return offer(value, 0, TimeUnit.NANOSECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized boolean offer(final T value, final long timeout, final TimeUnit unit)
        throws InterruptedException
    {
        final int length = codec.encode(value, encoded, 0);
        return offer(encoded, 0, length, timeout, unit);
    }

    @Override
    public void put(final DirectBuffer buffer, final int offset, final int length) throws InterruptedException
    {
        offer(buffer, offset, length, FOREVER, TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            return offer(buffer, offset, length, 0, TimeUnit.NANOSECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length, final long timeout,
        final TimeUnit unit) throws InterruptedException
    {
        if (length > options.maxMessageLength())
        {
            throw new IllegalArgumentException("message of " + length + " bytes exceeds the largest message of " +
                this + ", " + options.maxMessageLength() + " bytes");
        }
        return producer().send(buffer, offset, length, deadline(timeout, unit), idle());
    }

    /**
     * Claims room in a local buffer of {@link #maxInlineLength()} bytes; {@link #commit} sends it.
     */
    @Override
    public synchronized int tryClaim(final int length)
    {
        if (length < 0 || length > maxInlineLength())
        {
            throw new IllegalArgumentException("claim of " + length + " bytes: must be in [0, " + maxInlineLength() +
                "] on " + this);
        }
        if (claimedLength >= 0 || producer().endpoint().liveSession() == null)
        {
            producer().endpoint().connect();
            return -1;
        }
        claimedLength = length;
        return 0;
    }

    @Override
    public MutableDirectBuffer claimBuffer()
    {
        return claim;
    }

    @Override
    public synchronized void commit(final int offset)
    {
        if (claimedLength < 0 || offset != 0)
        {
            throw new IllegalStateException("no claim at offset " + offset + " on " + this);
        }
        final int length = claimedLength;
        claimedLength = -1;
        try
        {
            if (!producer().send(claim, 0, length, System.nanoTime() + node.peerTimeoutNs(), idle()))
            {
                throw new IllegalStateException(this + ": the home took no claimed message within the peer timeout");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while committing a claim on " + this, ex);
        }
    }

    @Override
    public synchronized void abort(final int offset)
    {
        if (claimedLength < 0 || offset != 0)
        {
            throw new IllegalStateException("no claim at offset " + offset + " on " + this);
        }
        claimedLength = -1;
    }

    /**
     * @return the largest claim (64 KiB, a receiver's largest chunk); a claimed message goes like a
     *         sent one, in chunks of {@link FrameDescriptor#SEND_CHUNK}, reassembled at the home.
     */
    @Override
    public int maxInlineLength()
    {
        return Math.min(FrameDescriptor.MAX_CHUNK, options.maxMessageLength());
    }

    // ---- consuming, on the home node

    @Override
    public T take() throws InterruptedException
    {
        final T value = poll(FOREVER, TimeUnit.NANOSECONDS);
        if (value == null)
        {
            throw new IllegalStateException(this + " waited forever");
        }
        return value;
    }

    @Override
    public synchronized T poll()
    {
        received = null;
        return receive(this::decode) ? takeReceived() : null;
    }

    @Override
    public synchronized T poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        received = null;
        return await(this::decode, deadline(timeout, unit)) ? takeReceived() : null;
    }

    private void decode(final DirectBuffer buffer, final int offset, final int length)
    {
        received = codec.decode(buffer, offset, length);
    }

    private T takeReceived()
    {
        final T value = received;
        received = null;
        return value;
    }

    @Override
    public synchronized int drainTo(final Collection<? super T> target, final int maxElements)
    {
        int count = 0;
        while (count < maxElements && receive(this::decode))
        {
            target.add(takeReceived());
            count++;
        }
        return count;
    }

    @Override
    public synchronized void take(final MessageHandler handler) throws InterruptedException
    {
        await(handler, deadline(FOREVER, TimeUnit.NANOSECONDS));
    }

    @Override
    public synchronized boolean poll(final MessageHandler handler)
    {
        return receive(handler);
    }

    @Override
    public synchronized boolean poll(final MessageHandler handler, final long timeout, final TimeUnit unit)
        throws InterruptedException
    {
        return await(handler, deadline(timeout, unit));
    }

    @Override
    public synchronized int drain(final MessageHandler handler, final int limit)
    {
        int count = 0;
        while (count < limit && receive(handler))
        {
            count++;
        }
        return count;
    }

    // ---- state

    /**
     * @return 1 when the home holds a message taken from the network for the next receive, else 0:
     *         what is in flight on the network cannot be counted.
     */
    @Override
    public synchronized int size()
    {
        final NetChannel channel = consumer != null ? consumer : remoteConsumer;
        return channel != null && channel.isHolding() ? 1 : 0;
    }

    /**
     * @return false when a message is ready at the home (this polls the network once).
     */
    @Override
    public synchronized boolean isEmpty()
    {
        final NetChannel channel = consumer();
        return !(channel.peek() && channel.isHolding());
    }

    /**
     * @return the receive window of one producer: the network hides how much of it is in flight.
     */
    @Override
    public int remainingCapacity()
    {
        return capacity();
    }

    /**
     * @return frames the home refused (unauthenticated, forged, replayed): a message is whole or absent here.
     */
    @Override
    public long skippedMessages()
    {
        return consumer != null ? consumer.endpoint().refusedFrames() : 0;
    }

    @Override
    public boolean isClosed()
    {
        return closed;
    }

    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (producer != null)
        {
            producer.close();
        }
        if (remoteConsumer != null)
        {
            remoteConsumer.close();
        }
        if (dispatcher != null)
        {
            dispatcher.close();
        }
        if (consumer != null)
        {
            consumer.close();
        }
        node.forget(AeronMessaging.QUEUE_KIND, name, this);
    }

    Object writeReplace() throws ObjectStreamException
    {
        return new Handle(AeronMessaging.TRANSPORT, directory.toString(), name, AeronMessaging.QUEUE_KIND, 0,
            CodecRef.of(codec, this), AeronMessaging.ref(node, options.maxMessageLength(), options.oneToOne()));
    }

    @Override
    public String toString()
    {
        return "network queue " + name + " (home " + node.homeHost() + ":" + node.homePort() + ")";
    }
}
