package io.mmipc.agrona.topic;

import io.mmipc.MessageHandler;
import io.mmipc.Topic;
import io.mmipc.TopicOptions;
import io.mmipc.agrona.queue.DecodingHandler;
import io.mmipc.codec.Codec;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.wait.Waiter;

import java.util.concurrent.TimeUnit;

/**
 * A subscription: one subscriber slot, a {@link TopicReader} over it and its own {@link Waiter},
 * which sleeps on the topic's data-arrived word. After a failed re-check that sees a claim past
 * the cursor it stays awake (that claim's publisher may have read the sleepers flag before it was
 * set, {@link io.mmipc.agrona.queue.ChannelWakes}), which also lets the reader pass a dead
 * publisher's claim once the dead-process timeout has run.
 */
final class AgronaSubscription<T> implements Topic.Subscription<T>
{
    private final AgronaTopic<T> topic;
    private final SharedFile file;
    private final TopicRing ring;
    private final TopicMembers members;
    private final int index;
    private final TopicReader reader;
    private final DecodingHandler<T> decoder;
    private final Waiter waiter;
    private volatile boolean closed;

    AgronaSubscription(final AgronaTopic<T> topic, final SharedFile file, final TopicRing ring,
        final TopicMembers members, final int index, final TopicReader reader, final Codec<T> codec,
        final TopicOptions options)
    {
        this.topic = topic;
        this.file = file;
        this.ring = ring;
        this.members = members;
        this.index = index;
        this.reader = reader;
        this.decoder = new DecodingHandler<>(codec);
        this.waiter = new Waiter(options.idle().get());
    }

    @Override
    public int poll(final MessageHandler handler, final int limit)
    {
        if (closed)
        {
            throw new IllegalStateException(this + " is closed");
        }
        file.enter();
        try
        {
            return reader.read(handler, limit);
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
    public boolean take(final MessageHandler handler, final long timeout, final TimeUnit unit)
        throws InterruptedException
    {
        return receive(handler, unit.toNanos(timeout));
    }

    @Override
    public T poll()
    {
        return poll(decoder, 1) > 0 ? decoder.take() : null;
    }

    @Override
    public T take() throws InterruptedException
    {
        receive(decoder, Waiter.FOREVER);
        return decoder.take();
    }

    @Override
    public T take(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return receive(decoder, unit.toNanos(timeout)) ? decoder.take() : null;
    }

    private boolean receive(final MessageHandler handler, final long timeoutNanos) throws InterruptedException
    {
        if (poll(handler, 1) > 0)
        {
            return true;
        }
        if (timeoutNanos == 0)
        {
            return false;
        }
        final Waiter w = waiter.begin(timeoutNanos, true, ring.wakes().dataArrived());
        try
        {
            if (w.sleepsOnWord())
            {
                file.enter();
                try
                {
                    ring.wakes().receiverMaySleep();
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
                    throw new InterruptedException(this + ": interrupted while waiting for a message");
                }
                if (poll(handler, 1) > 0)
                {
                    return true;
                }
                file.enter();
                try
                {
                    if (reader.claimedPastCursor())
                    {
                        w.stayAwake();
                    }
                }
                finally
                {
                    file.exit();
                }
            }
        }
        finally
        {
            w.end();
        }
    }

    @Override
    public long received()
    {
        return reader.received();
    }

    @Override
    public long missed()
    {
        return reader.missed();
    }

    @Override
    public long lag()
    {
        file.enter();
        try
        {
            return reader.lag();
        }
        finally
        {
            file.exit();
        }
    }

    @Override
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * Gives the slot back and wakes publishers that this subscription may have held back.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        topic.closed(this);
        file.enter();
        try
        {
            members.releaseSubscriber(index);
            ring.wakes().roomFreed().signal();
        }
        finally
        {
            file.exit();
        }
    }

    @Override
    public String toString()
    {
        return "subscription " + index + " of " + topic;
    }
}
