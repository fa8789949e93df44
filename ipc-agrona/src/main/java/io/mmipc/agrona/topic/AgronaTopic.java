package io.mmipc.agrona.topic;

import io.mmipc.Topic;
import io.mmipc.TopicOptions;
import io.mmipc.TopicPolicy;
import io.mmipc.agrona.queue.Participant;
import io.mmipc.codec.Codec;
import io.mmipc.codec.CodecRef;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;

import java.io.ObjectStreamException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A topic as this process maps it: the file, its {@link TopicRing}, this object's participant lease
 * and its {@link TopicMembers}. Publishers and subscriptions are made here and closed with it;
 * each holds one slot and runs between the file's {@code enter()} and {@code exit()}, so a
 * concurrent {@link #close()} never unmaps under it.
 */
final class AgronaTopic<T> implements Topic<T>
{
    /** The kind of a topic's {@link Handle}; its parameter is the dead-process timeout in ms. */
    static final String HANDLE_KIND = "topic";
    private static final long serialVersionUID = 1L;

    private final transient TransportContext ctx;
    private final transient String name;
    private final transient SharedFile file;
    private final transient TopicRing ring;
    private final transient Participant participant;
    private final transient TopicMembers members;
    private final transient Codec<T> codec;
    private final transient TopicOptions options;
    private final transient List<AutoCloseable> open = new ArrayList<>(); // guarded by this
    private transient boolean closed;

    AgronaTopic(final TransportContext ctx, final String name, final SharedFile file, final TopicRing ring,
        final Participant participant, final Codec<T> codec, final TopicOptions options)
    {
        this.ctx = ctx;
        this.name = name;
        this.file = file;
        this.ring = ring;
        this.participant = participant;
        this.codec = codec;
        this.options = options;
        this.members = new TopicMembers(ring, participant.registry(), participant.id());
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public Path path()
    {
        return file.path();
    }

    @Override
    public TopicPolicy policy()
    {
        return ring.policy();
    }

    @Override
    public int capacity()
    {
        return ring.capacity();
    }

    @Override
    public int maxMessageLength()
    {
        return ring.maxMessageLength();
    }

    @Override
    public Publisher<T> publisher()
    {
        file.enter();
        try
        {
            final int index = members.claimPublisher();
            return register(new AgronaTopicPublisher<>(this, file, ring, members, index, codec, options));
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
    public Subscription<T> subscribe()
    {
        file.enter();
        try
        {
            final int index = members.claimSubscriber();
            final TopicReader reader;
            try
            {
                reader = new TopicReader(ring, members, index, options.deadProcessTimeout().toNanos());
            }
            catch (final RuntimeException ex)
            {
                members.releaseSubscriber(index);
                throw ex;
            }
            return register(new AgronaSubscription<>(this, file, ring, members, index, reader, codec, options));
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

    /**
     * @return the next sequence publishers will claim: how many messages were ever claimed.
     */
    long tail()
    {
        file.enter();
        try
        {
            return ring.tailVolatile();
        }
        finally
        {
            file.exit();
        }
    }

    private synchronized <C extends AutoCloseable> C register(final C member)
    {
        if (closed)
        {
            throw new IllegalStateException(this + " is closed");
        }
        open.add(member);
        return member;
    }

    synchronized void closed(final AutoCloseable member)
    {
        open.remove(member);
    }

    @Override
    public synchronized boolean isClosed()
    {
        return closed || file.isClosed();
    }

    /**
     * Closes this object's publishers and subscriptions (giving their slots back), then unmaps.
     */
    @Override
    public void close()
    {
        final List<AutoCloseable> members;
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            members = new ArrayList<>(open);
        }
        try
        {
            for (final AutoCloseable member : members)
            {
                try
                {
                    member.close();
                }
                catch (final Exception ex)
                {
                    // the file was closed first: the slots name this process until it ends
                }
            }
        }
        finally
        {
            participant.leave();
            file.close();
        }
    }

    /**
     * Serialized as a small handle that re-opens the topic in the receiving JVM.
     */
    Object writeReplace() throws ObjectStreamException
    {
        return new Handle(ctx.transport(), ctx.directory().toString(), name, HANDLE_KIND,
            options.deadProcessTimeout().toMillis(), CodecRef.of(codec, this), null);
    }

    @Override
    public String toString()
    {
        return ring + " (" + codec.id() + ")";
    }
}
