package io.mmipc.agrona.queue;

import io.mmipc.MessageHandler;
import io.mmipc.MessageQueue;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codec;
import io.mmipc.codec.CodecRef;
import io.mmipc.internal.counters.CounterSet;
import io.mmipc.internal.counters.Counters;
import io.mmipc.internal.counters.MessageCounts;
import io.mmipc.internal.counters.ProcessCounters;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.wait.Waitable;
import io.mmipc.internal.wait.Waiter;
import io.mmipc.internal.wait.WakeWord;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

import static io.mmipc.agrona.queue.QueueDescriptor.*;

/**
 * A queue: one channel of a queue file, a {@link RingSender} and a {@link RingReceiver} over it,
 * and its {@link QueueMembers}. One-to-one: the members are two {@link Role}s, the receiver holds
 * the consumer side for good and reports end-of-stream when the producer died. Many-to-many: the
 * members are process slots, and the receiver takes a {@link ConsumerTurn} around each read.
 * Every access to the mapping runs between the file's {@code enter()} and {@code exit()}, so a
 * concurrent {@link #close()} never unmaps under it.
 */
final class AgronaQueue<T> implements MessageQueue<T>, Waitable, Serializable
{
    /** The kind of a queue's {@link Handle}; its parameter is the dead-process timeout in ms. */
    static final String HANDLE_KIND = "queue";
    private static final long serialVersionUID = 1L;

    private final transient TransportContext ctx;
    private final transient SharedFile file;
    private final transient AtomicBuffer body;
    private final transient QueueOptions options;
    private final transient boolean oneToOne;
    private final transient int slots;
    private final transient Participant participant;
    private final transient RingChannel channel;
    private final transient QueueMembers members;
    private final transient ConsumerTurn turn;
    private final transient RingSender sender;
    private final transient RingReceiver receiver;
    private final transient ObjectCodec<T> objects;
    private final transient Counters counters;
    private transient boolean closed;

    /**
     * @param participant this object's lease, given back on close.
     */
    AgronaQueue(final TransportContext ctx, final SharedFile file, final Participant participant, final Codec<T> codec,
        final QueueOptions options, final boolean oneToOne, final int capacity, final int maxMessageLength,
        final int slots)
    {
        this.ctx = ctx;
        this.file = file;
        this.body = file.body();
        this.options = options;
        this.oneToOne = oneToOne;
        this.slots = slots;
        this.participant = participant;
        this.objects = new ObjectCodec<>(codec);
        final String what = "queue " + file.path();
        this.channel = RingChannel.inBody(file.path(), body, CHANNEL_OFFSET, SharedFileDescriptor.HEADER_LENGTH,
            capacity, maxMessageLength, !oneToOne);
        final SpillFiles spill = new SpillFiles(file.path(), maxMessageLength);
        final long me = participant.id();
        this.counters = ProcessCounters.open(ctx.directory(), ctx.filePermissions(), CounterSet.QUEUE, file.name());
        final PeerWatch producerWatch;
        if (oneToOne)
        {
            final Role producer = new Role(participant.word(file, slotOffset(capacity, 0) + SLOT_HOLDER_OFFSET,
                what + " producer"), me, what + " is one-to-one and its producer is ", ", still alive; close it there first");
            final Role consumer = new Role(participant.word(file, CONSUMER_WORD_OFFSET, what + " consumer"), me,
                what + " is one-to-one and its consumer is ", ", still alive; close it there first");
            this.members = new OneToOneRoles(file, channel, producer, consumer, slotOffset(capacity, 0));
            this.turn = null;
            producerWatch = PeerWatch.producer(producer.word(), "its producer");
        }
        else
        {
            final ProcessSlots processSlots = new ProcessSlots(file, participant, slotsOffset(capacity), slots, what);
            this.members = processSlots;
            this.turn = new ConsumerTurn(participant.word(file, CONSUMER_WORD_OFFSET, what + " consumer turn"), me,
                channel, processSlots, options.deadProcessTimeout().toNanos(), counters);
            producerWatch = null;
        }
        // A one-to-one queue is a stream: its message counts are published in steps, exact once a
        // side idles or closes. Many-to-many, the threads of several objects take turns (a read that
        // finds the ring empty takes no turn), so each batch is published, as each send is.
        final int publishEvery = oneToOne ? MessageCounts.QUEUE_PUBLISH_EVERY : 1;
        this.sender = new RingSender(file, channel, spill, me, maxMessageLength, null, members::attachProducer,
            options.idle(), what, counters, publishEvery);
        this.receiver = new RingReceiver(file, new RingReader(channel, spill, counters, publishEvery), turn,
            producerWatch, this::attachConsumer, options.idle(), what, counters);
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
    public boolean isOneToOne()
    {
        return oneToOne;
    }

    @Override
    public int capacity()
    {
        return channel.capacity();
    }

    @Override
    public int maxMessageLength()
    {
        return sender.maxMessageLength();
    }

    @Override
    public int maxInlineLength()
    {
        return sender.maxInlineLength();
    }

    // ---- objects

    @Override
    public void put(final T value) throws InterruptedException
    {
        objects.send(sender, value, Waiter.FOREVER);
    }

    @Override
    public boolean offer(final T value)
    {
        return objects.offer(sender, value);
    }

    @Override
    public boolean offer(final T value, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return objects.send(sender, value, Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public T take() throws InterruptedException
    {
        return objects.receive(receiver, Waiter.FOREVER);
    }

    @Override
    public T poll()
    {
        return objects.poll(receiver);
    }

    @Override
    public T poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return objects.receive(receiver, Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public int drainTo(final Collection<? super T> target, final int maxElements)
    {
        return objects.drainTo(receiver, target, maxElements);
    }

    /**
     * Waits up to {@code timeoutNanos} ({@link Waiter#FOREVER}, or 0) until a receive would not
     * wait, without receiving: a joinable queue waits here and then polls, so that it holds no
     * task reservation while it waits.
     */
    boolean awaitReadable(final long timeoutNanos) throws InterruptedException
    {
        return receiver.awaitReady(timeoutNanos);
    }

    // ---- zero-copy

    @Override
    public void put(final DirectBuffer buffer, final int offset, final int length) throws InterruptedException
    {
        sender.send(buffer, offset, length, Waiter.FOREVER);
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return sender.offer(buffer, offset, length);
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length, final long timeout,
        final TimeUnit unit) throws InterruptedException
    {
        return sender.send(buffer, offset, length, Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public int tryClaim(final int length)
    {
        return sender.tryClaim(length);
    }

    @Override
    public MutableDirectBuffer claimBuffer()
    {
        return sender.claimBuffer();
    }

    @Override
    public void commit(final int offset)
    {
        sender.commit(offset);
    }

    @Override
    public void abort(final int offset)
    {
        sender.abort(offset);
    }

    @Override
    public void take(final MessageHandler handler) throws InterruptedException
    {
        receiver.receive(handler, Waiter.FOREVER);
    }

    @Override
    public boolean poll(final MessageHandler handler)
    {
        return receiver.poll(handler, 1) > 0;
    }

    @Override
    public boolean poll(final MessageHandler handler, final long timeout, final TimeUnit unit)
        throws InterruptedException
    {
        return receiver.receive(handler, Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public int drain(final MessageHandler handler, final int limit)
    {
        // One read: it continues at the ring's start after the end, so it sees all that waits.
        // Asking again would only probe the line the producer writes next.
        return limit <= 0 ? 0 : receiver.poll(handler, limit);
    }

    // ---- state

    @Override
    public int size()
    {
        file.enter();
        try
        {
            long produced = body.getLongVolatile(RETIRED_COUNT_OFFSET);
            for (int i = 0; i < slots; i++)
            {
                produced += body.getLongVolatile(slotOffset(channel.capacity(), i) + SLOT_PRODUCED_OFFSET);
            }
            final long waiting = produced - channel.consumed();
            return waiting <= 0 ? (channel.isEmpty() ? 0 : 1) : (int)Math.min(Integer.MAX_VALUE, waiting);
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
            return channel.isEmpty();
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
            return channel.capacity() - channel.usedBytes();
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * @return the channel's wake words, for tests and tools that read their counters.
     */
    ChannelWakes wakes()
    {
        return channel.wakes();
    }

    @Override
    public long skippedMessages()
    {
        file.enter();
        try
        {
            return channel.skipped();
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
            file.enter();
            try
            {
                members.leave();
                if (turn != null)
                {
                    turn.leave();
                }
            }
            finally
            {
                file.exit();
            }
        }
        catch (final IllegalStateException closedMeanwhile)
        {
            // the context closed the file first: the words name this process until it ends
        }
        finally
        {
            sender.publishCounts();
            receiver.publishCounts();
            participant.leave();
            counters.release();
            file.close();
        }
    }

    private void attachConsumer()
    {
        if (members.attachConsumer())
        {
            counters.getAndAdd(CounterSet.CONSUMER_TAKEOVERS, 1);
        }
    }

    /**
     * Serialized as a small handle that re-opens the queue in the receiving JVM.
     */
    Object writeReplace() throws ObjectStreamException
    {
        return new Handle(ctx.transport(), ctx.directory().toString(), name(), HANDLE_KIND,
            options.deadProcessTimeout().toMillis(), CodecRef.of(objects.codec(), this), null);
    }


    // ---- waits on several objects (Connection.wait)

    @Override
    public WakeWord enterWait(final boolean maySleep)
    {
        return receiver.enterWait(maySleep);
    }

    @Override
    public int readiness(final boolean check)
    {
        return receiver.readiness(check);
    }

    @Override
    public void exitWait()
    {
        receiver.exitWait();
    }

    @Override
    public String toString()
    {
        return (oneToOne ? "one-to-one " : "") + "queue " + file.path() + " (" + objects.codec().id() + ")";
    }
}
