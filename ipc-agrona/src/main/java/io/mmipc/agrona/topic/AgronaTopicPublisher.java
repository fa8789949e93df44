package io.mmipc.agrona.topic;

import io.mmipc.Topic;
import io.mmipc.TopicOptions;
import io.mmipc.codec.Codec;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.wait.Waiter;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.concurrent.TimeUnit;

import static io.mmipc.agrona.topic.TopicDescriptor.ABORTED;
import static io.mmipc.agrona.topic.TopicDescriptor.DATA;

/**
 * A publisher: one publisher slot, a {@link TopicWriter} over it, the codec's scratch buffer and
 * its own {@link Waiter}. A BLOCK publisher held back by the slowest subscriber sleeps on the
 * topic's room-freed word, and every check period frees the slots of subscribers that hold it
 * back and whose process died ({@link TopicMembers#freeDeadSubscribers}); a non-blocking
 * {@code offer} that finds no room does the same at most once per check period.
 */
final class AgronaTopicPublisher<T> implements Topic.Publisher<T>
{
    private final AgronaTopic<T> topic;
    private final SharedFile file;
    private final TopicRing ring;
    private final TopicMembers members;
    private final int index;
    private final TopicWriter writer;
    private final Codec<T> codec;
    private final ExpandableDirectByteBuffer scratch = new ExpandableDirectByteBuffer(256);
    private final Waiter waiter;
    private final long deadNanos;
    private long nextDeadCheck = System.nanoTime();
    private long claimed = TopicWriter.FULL;
    private int claimedLength;
    private volatile boolean closed;

    AgronaTopicPublisher(final AgronaTopic<T> topic, final SharedFile file, final TopicRing ring,
        final TopicMembers members, final int index, final Codec<T> codec, final TopicOptions options)
    {
        this.topic = topic;
        this.file = file;
        this.ring = ring;
        this.members = members;
        this.index = index;
        this.writer = new TopicWriter(ring, index);
        this.codec = codec;
        this.waiter = new Waiter(options.idle().get());
        this.deadNanos = options.deadProcessTimeout().toNanos();
    }

    @Override
    public void put(final T value) throws InterruptedException
    {
        final int length = codec.encode(value, scratch, 0);
        send(scratch, 0, length, Waiter.FOREVER);
    }

    @Override
    public boolean offer(final T value)
    {
        final int length = codec.encode(value, scratch, 0);
        return offer(scratch, 0, length);
    }

    @Override
    public boolean offer(final T value, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        final int length = codec.encode(value, scratch, 0);
        return send(scratch, 0, length, unit.toNanos(timeout));
    }

    @Override
    public void put(final DirectBuffer buffer, final int offset, final int length) throws InterruptedException
    {
        send(buffer, offset, length, Waiter.FOREVER);
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        checkOpen();
        file.enter();
        try
        {
            return attempt(buffer, offset, length);
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

    private boolean attempt(final DirectBuffer buffer, final int offset, final int length)
    {
        if (writer.offer(buffer, offset, length))
        {
            return true;
        }
        checkDeadSubscribers();
        return false;
    }

    /**
     * Held back: at most once per check period, frees the slots of dead subscribers that govern.
     */
    private void checkDeadSubscribers()
    {
        final long now = System.nanoTime();
        if (now - nextDeadCheck >= 0)
        {
            nextDeadCheck = now + Waiter.DEFAULT_CHECK_NANOS;
            members.freeDeadSubscribers(writer.governing(), deadNanos);
        }
    }

    private boolean send(final DirectBuffer buffer, final int offset, final int length, final long timeoutNanos)
        throws InterruptedException
    {
        writer.checkLength(length);
        if (offer(buffer, offset, length))
        {
            return true;
        }
        if (timeoutNanos == 0)
        {
            return false;
        }
        final Waiter w = waiter.begin(timeoutNanos, true, ring.wakes().roomFreed());
        try
        {
            if (w.sleepsOnWord())
            {
                file.enter();
                try
                {
                    ring.wakes().senderMaySleep();
                }
                finally
                {
                    file.exit();
                }
            }
            while (true)
            {
                final int state = w.idle();
                if (state == Waiter.TIMED_OUT)
                {
                    return false;
                }
                if (state == Waiter.INTERRUPTED)
                {
                    throw new InterruptedException(topic + ": interrupted while waiting for the slowest subscriber");
                }
                if (offer(buffer, offset, length))
                {
                    return true;
                }
            }
        }
        finally
        {
            w.end();
        }
    }

    /**
     * Keeps the file entered until {@link #commit} or {@link #abort}: the mapping stays while the
     * caller writes into it.
     */
    @Override
    public int tryClaim(final int length)
    {
        checkOpen();
        writer.checkLength(length);
        if (claimed != TopicWriter.FULL)
        {
            throw new IllegalStateException(topic + ": this publisher has a claim open; commit or abort it first");
        }
        file.enter();
        boolean keep = false;
        try
        {
            final long sequence = writer.claim();
            if (sequence == TopicWriter.FULL)
            {
                checkDeadSubscribers();
                return -1;
            }
            claimed = sequence;
            claimedLength = length;
            keep = true;
            return writer.messageOffset(sequence);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            if (!keep)
            {
                file.exit();
            }
        }
    }

    @Override
    public MutableDirectBuffer claimBuffer()
    {
        return ring.body();
    }

    @Override
    public void commit(final int offset)
    {
        finish(offset, DATA);
    }

    @Override
    public void abort(final int offset)
    {
        finish(offset, ABORTED);
    }

    private void finish(final int offset, final int kind)
    {
        if (claimed == TopicWriter.FULL || offset != writer.messageOffset(claimed))
        {
            throw new IllegalArgumentException(topic + ": offset " + offset + " is not this publisher's open claim" +
                (claimed == TopicWriter.FULL ? " (none is open)" : " (" + writer.messageOffset(claimed) + ")"));
        }
        try
        {
            writer.commit(claimed, kind, kind == DATA ? claimedLength : 0);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            claimed = TopicWriter.FULL;
            file.exit();
        }
    }

    @Override
    public long published()
    {
        return writer.published();
    }

    @Override
    public boolean isClosed()
    {
        return closed;
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("publisher of " + topic + " is closed");
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
        topic.closed(this);
        if (claimed != TopicWriter.FULL)
        {
            abort(writer.messageOffset(claimed));
        }
        file.enter();
        try
        {
            members.releasePublisher(index);
        }
        finally
        {
            file.exit();
        }
    }

    @Override
    public String toString()
    {
        return "publisher " + index + " of " + topic;
    }
}
