package io.mmipc.bench.topic;

import io.mmipc.Idle;
import io.mmipc.IpcContext;
import io.mmipc.Topic;
import io.mmipc.TopicOptions;
import io.mmipc.TopicPolicy;
import io.mmipc.bench.queue.Transport;
import io.mmipc.codec.Codecs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The contenders of the topic suites. The benchmark JVM {@link #prepare}s a contender's files (or
 * driver) and opens its {@link #publisher} side before the subscriber peers start; each peer opens
 * a {@link #subscriber} side and announces it is ready once it is subscribed.
 */
public enum FanOut
{
    /** mmipc Topic, BLOCK policy (the slowest subscriber governs), zero-copy on both sides. */
    MMIPC_ZERO_COPY
    {
        @Override
        FanOutLink open(final Path dir, final int size, final boolean publisher)
        {
            return mmipc(dir, size, publisher, TopicPolicy.BLOCK, false);
        }
    },
    /** mmipc Topic, BLOCK policy, {@code byte[]} objects through {@code Codecs.bytes()}. */
    MMIPC_CODEC
    {
        @Override
        FanOutLink open(final Path dir, final int size, final boolean publisher)
        {
            return mmipc(dir, size, publisher, TopicPolicy.BLOCK, true);
        }
    },
    /** mmipc Topic, LAP policy (publishers never wait, subscribers copy then check), zero-copy. */
    MMIPC_LAP
    {
        @Override
        FanOutLink open(final Path dir, final int size, final boolean publisher)
        {
            return mmipc(dir, size, publisher, TopicPolicy.LAP, false);
        }
    },
    /** Agrona's BroadcastTransmitter / CopyBroadcastReceiver over a mapped file, used directly. */
    AGRONA_BROADCAST
    {
        @Override
        AutoCloseable prepare(final Path dir, final int size) throws IOException
        {
            AgronaBroadcastLink.create(dir, Transport.ringCapacity(size));
            return () -> { };
        }

        @Override
        FanOutLink open(final Path dir, final int size, final boolean publisher)
        {
            return new AgronaBroadcastLink(dir, size, publisher);
        }
    },
    /** Aeron IPC with an embedded media driver in the benchmark JVM. */
    AERON_IPC
    {
        @Override
        AutoCloseable prepare(final Path dir, final int size)
        {
            return AeronIpcLink.launchDriver(dir);
        }

        @Override
        FanOutLink open(final Path dir, final int size, final boolean publisher)
        {
            return new AeronIpcLink(dir, size, publisher);
        }
    };

    /** Messages each mmipc topic ring holds. */
    static final int TOPIC_CAPACITY = 4096;

    /**
     * Makes what the contender needs in the benchmark JVM before any side opens.
     *
     * @return what to close at tear-down, after both sides.
     */
    AutoCloseable prepare(final Path dir, final int size) throws IOException
    {
        return () -> { };
    }

    /**
     * Opens one side: the publisher of requests (and subscriber of replies) in the benchmark JVM,
     * or a subscriber of requests (and publisher of replies) in a peer.
     */
    abstract FanOutLink open(Path dir, int size, boolean publisher);

    private static FanOutLink mmipc(final Path dir, final int size, final boolean publisher, final TopicPolicy policy,
        final boolean codec)
    {
        final IpcContext ctx = IpcContext.joined(dir);
        final Topic<byte[]> requests = ctx.topic("requests", Codecs.bytes(), options(size).policy(policy));
        final Topic<byte[]> replies = ctx.topic("replies", Codecs.bytes(), options(size));
        return publisher ? new MmipcTopicLink(requests, replies, size, codec) :
            new MmipcTopicLink(replies, requests, size, codec);
    }

    private static TopicOptions options(final int size)
    {
        return TopicOptions.defaults().capacity(TOPIC_CAPACITY).maxMessageLength(size).idle(Idle.busySpin());
    }
}
