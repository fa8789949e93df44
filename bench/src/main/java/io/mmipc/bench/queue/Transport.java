package io.mmipc.bench.queue;

import io.mmipc.Idle;
import io.mmipc.IpcContext;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.counters.Counters;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The contenders of the queue benchmarks. Each names its channel by directory and name: the
 * benchmark JVM {@link #prepare}s it before its peer starts; both JVMs then {@link #open} their
 * side (an OS pipe's open waits for the other side, so both open their channels in the same order).
 */
public enum Transport
{
    /** mmipc one-to-one queue, zero-copy: offer from a buffer, poll through a handler. */
    MMIPC_ZERO_COPY
    {
        @Override
        public Link open(final Path dir, final String name, final int size, final boolean send)
        {
            return new MmipcZeroCopyLink(IpcContext.joined(dir).queue(name, Codecs.bytes(), queueOptions(size)), size);
        }
    },
    /**
     * The same queue with live counters off ({@code -Dmmipc.counters=false} in both JVMs, set by
     * {@link #applyCounting}): what counting costs, beside {@link #MMIPC_ZERO_COPY} in the same run.
     */
    MMIPC_ZERO_COPY_UNCOUNTED
    {
        @Override
        public Link open(final Path dir, final String name, final int size, final boolean send) throws IOException
        {
            return MMIPC_ZERO_COPY.open(dir, name, size, send);
        }

        @Override
        public boolean counting()
        {
            return false;
        }
    },
    /** mmipc one-to-one queue, objects: byte[] through {@code Codecs.bytes()}. */
    MMIPC_CODEC
    {
        @Override
        public Link open(final Path dir, final String name, final int size, final boolean send)
        {
            return new MmipcCodecLink(IpcContext.joined(dir).queue(name, Codecs.bytes(), queueOptions(size)), size);
        }
    },
    /** {@link #MMIPC_CODEC} with mmipc's live counters off in both JVMs: what counting costs the object path. */
    MMIPC_CODEC_UNCOUNTED
    {
        @Override
        public Link open(final Path dir, final String name, final int size, final boolean send) throws IOException
        {
            return MMIPC_CODEC.open(dir, name, size, send);
        }

        @Override
        public boolean counting()
        {
            return false;
        }
    },
    /** Agrona's OneToOneRingBuffer over a mapped file, used directly: the ceiling. */
    AGRONA_RAW
    {
        @Override
        public void prepare(final Path dir, final String name, final int size) throws IOException
        {
            AgronaRingLink.create(dir.resolve(name + ".ring"), ringCapacity(size));
        }

        @Override
        public Link open(final Path dir, final String name, final int size, final boolean send)
        {
            return new AgronaRingLink(dir.resolve(name + ".ring"), size);
        }
    },
    /** Java-serialized byte[] over an OS pipe (a named FIFO): what Python's Queue does. */
    OS_PIPE
    {
        @Override
        public void prepare(final Path dir, final String name, final int size) throws IOException
        {
            PipeSerializationLink.mkfifo(dir.resolve(name + ".fifo"));
        }

        @Override
        public Link open(final Path dir, final String name, final int size, final boolean send) throws IOException
        {
            return new PipeSerializationLink(dir.resolve(name + ".fifo"), size, send);
        }
    };

    /** Smallest ring of the ring transports, mmipc and raw Agrona alike. */
    public static final int MIN_RING_CAPACITY = 1 << 18;

    /**
     * @return false for the contender that measures mmipc with its live counters off.
     */
    public boolean counting()
    {
        return true;
    }

    /**
     * Turns mmipc's live counters off in this JVM when this contender runs without them. Call
     * first in the benchmark's setup and the peer's main: counting is read once, when the first
     * counted object opens, and each JMH fork runs one contender.
     *
     * @throws IllegalStateException when this JVM already fixed counting on.
     */
    public void applyCounting()
    {
        if (!counting())
        {
            System.setProperty("mmipc.counters", "false");
            if (Counters.ENABLED)
            {
                throw new IllegalStateException(this + " measures mmipc without counters, but this JVM counts already " +
                    "(mmipc.counters was read before the benchmark set it to false)");
            }
        }
    }

    /**
     * Creates the channel's files in the benchmark JVM, before the peer starts.
     */
    public void prepare(final Path dir, final String name, final int size) throws IOException
    {
    }

    /**
     * Opens this JVM's side of the channel.
     *
     * @param send true on the sending side.
     */
    public abstract Link open(Path dir, String name, int size, boolean send) throws IOException;

    /**
     * @return the ring capacity for messages of {@code size} bytes: at least 256 KiB, and eight times
     *         the message, so that both Agrona and mmipc write it inline (their limit is an eighth).
     */
    public static int ringCapacity(final int size)
    {
        return Math.max(MIN_RING_CAPACITY, Integer.highestOneBit(Math.max(1, size * 8 - 1)) << 1);
    }

    static QueueOptions queueOptions(final int size)
    {
        return QueueOptions.defaults().oneToOne(true).capacity(ringCapacity(size)).idle(Idle.busySpin());
    }
}
