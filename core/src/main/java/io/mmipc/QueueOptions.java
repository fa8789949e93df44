package io.mmipc;

import io.mmipc.internal.file.SharedFileDescriptor;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a {@link MessageQueue} is made and how it waits. Immutable: each setter returns a copy.
 * <pre>{@code
 * ctx.queue("tasks", Codecs.utf8(), QueueOptions.defaults().capacity(1 << 16).maxMessageLength(8 << 20));
 * ctx.queue("ticks", Codecs.int64(), QueueOptions.defaults().oneToOne(true).idle(Idle.busySpin()));
 * }</pre>
 * Capacity, largest message, kind and process slots are stored in the file: opening an existing
 * queue with other values is an error naming both. The idle strategy and the dead-process
 * timeout belong to each opener.
 */
public final class QueueOptions
{
    /** Default ring capacity: 1 MiB, so messages up to 128 KiB go inline. */
    public static final int DEFAULT_CAPACITY = 1 << 20;
    /** The smallest ring: 1 KiB. */
    public static final int MIN_CAPACITY = 1 << 10;
    /** The largest ring: 1 GiB (a file is mapped whole and stays under 2 GiB). */
    public static final int MAX_CAPACITY = 1 << 30;
    /** Default largest message: 16 MiB (above the ring's inline limit, messages go through a spill file). */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 16 << 20;
    /** The largest message any queue takes: a spill file is one mapped file too. */
    public static final int MAX_MESSAGE_LENGTH = (int)(SharedFileDescriptor.MAX_TOTAL_LENGTH - SharedFileDescriptor.HEADER_LENGTH);
    /** Default number of queue objects (across all processes) that can use a many-to-many queue at once. */
    public static final int DEFAULT_MAX_PROCESSES = 64;
    /** The most process slots a many-to-many queue can have. */
    public static final int MAX_PROCESSES = 4096;
    /** Default time after which a consumer checks whether a process that blocks it died. */
    public static final Duration DEFAULT_DEAD_PROCESS_TIMEOUT = Duration.ofSeconds(1);

    private static final QueueOptions DEFAULTS = new QueueOptions(DEFAULT_CAPACITY, DEFAULT_MAX_MESSAGE_LENGTH, false,
        DEFAULT_MAX_PROCESSES, Idle.backoff(), DEFAULT_DEAD_PROCESS_TIMEOUT);

    private final int capacity;
    private final int maxMessageLength;
    private final boolean oneToOne;
    private final int maxProcesses;
    private final Supplier<IdleStrategy> idle;
    private final Duration deadProcessTimeout;

    private QueueOptions(
        final int capacity,
        final int maxMessageLength,
        final boolean oneToOne,
        final int maxProcesses,
        final Supplier<IdleStrategy> idle,
        final Duration deadProcessTimeout)
    {
        this.capacity = capacity;
        this.maxMessageLength = maxMessageLength;
        this.oneToOne = oneToOne;
        this.maxProcesses = maxProcesses;
        this.idle = idle;
        this.deadProcessTimeout = deadProcessTimeout;
    }

    /**
     * @return many producers and many consumers, a 1 MiB ring, messages up to 16 MiB, backoff waiting.
     */
    public static QueueOptions defaults()
    {
        return DEFAULTS;
    }

    /**
     * @param bytes the ring's size: a power of two from {@link #MIN_CAPACITY} to {@link #MAX_CAPACITY}.
     *              Messages up to an eighth of it are written inline; larger ones through a spill file.
     */
    public QueueOptions capacity(final int bytes)
    {
        return new QueueOptions(checkCapacity("capacity", bytes), maxMessageLength, oneToOne, maxProcesses, idle,
            deadProcessTimeout);
    }

    /**
     * @param bytes the largest message a sender may send, 1 to {@link #MAX_MESSAGE_LENGTH}; a larger
     *              one is an {@link IllegalArgumentException} at the sender.
     */
    public QueueOptions maxMessageLength(final int bytes)
    {
        return new QueueOptions(capacity, checkMaxMessageLength(bytes), oneToOne, maxProcesses, idle,
            deadProcessTimeout);
    }

    /**
     * @param value true to declare a single producer and a single consumer (one thread each, at a
     *              time): the fastest path, on Agrona's {@code OneToOneRingBuffer}.
     */
    public QueueOptions oneToOne(final boolean value)
    {
        return new QueueOptions(capacity, maxMessageLength, value, maxProcesses, idle, deadProcessTimeout);
    }

    /**
     * @param count how many queue objects, across all processes, may produce or consume at once
     *              (many-to-many queues; each takes a 128-byte slot in the file).
     */
    public QueueOptions maxProcesses(final int count)
    {
        if (count < 1 || count > MAX_PROCESSES)
        {
            throw new IllegalArgumentException("maxProcesses must be in [1, " + MAX_PROCESSES + "], got " + count);
        }
        return new QueueOptions(capacity, maxMessageLength, oneToOne, count, idle, deadProcessTimeout);
    }

    /**
     * @param value how blocking calls wait: {@link Idle#backoff()} (default) or {@link Idle#busySpin()}.
     */
    public QueueOptions idle(final Supplier<IdleStrategy> value)
    {
        return new QueueOptions(capacity, maxMessageLength, oneToOne, maxProcesses,
            Objects.requireNonNull(value, "idle"), deadProcessTimeout);
    }

    /**
     * @param value how long a consumer lets a held consumer lock, or a message claimed but not
     *              committed, block it before it checks whether the process responsible died (and, if
     *              so, takes over or skips the message). A claim is skipped only when no producer
     *              whose process lives has a claim open: a live producer stalled inside a claim
     *              (stopped, debugged, descheduled) holds the consumers up, however long, until it
     *              commits or dies, and no consumer ever receives bytes written through a skipped
     *              claim. A short timeout costs liveness checks, never messages of live processes.
     */
    public QueueOptions deadProcessTimeout(final Duration value)
    {
        if (value.isNegative() || value.isZero())
        {
            throw new IllegalArgumentException("deadProcessTimeout must be positive, got " + value);
        }
        return new QueueOptions(capacity, maxMessageLength, oneToOne, maxProcesses, idle, value);
    }

    public int capacity()
    {
        return capacity;
    }

    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    public boolean oneToOne()
    {
        return oneToOne;
    }

    public int maxProcesses()
    {
        return maxProcesses;
    }

    public Supplier<IdleStrategy> idle()
    {
        return idle;
    }

    public Duration deadProcessTimeout()
    {
        return deadProcessTimeout;
    }

    /**
     * Checks a ring capacity: a power of two in [{@link #MIN_CAPACITY}, {@link #MAX_CAPACITY}].
     *
     * @param what the parameter's name, for the message.
     * @return {@code bytes}.
     */
    public static int checkCapacity(final String what, final int bytes)
    {
        if (bytes < MIN_CAPACITY || bytes > MAX_CAPACITY || Integer.bitCount(bytes) != 1)
        {
            throw new IllegalArgumentException(what + " must be a power of two in [" + MIN_CAPACITY + ", " +
                MAX_CAPACITY + "] bytes, got " + bytes);
        }
        return bytes;
    }

    /**
     * @return {@code bytes} when it is a valid largest-message length.
     */
    public static int checkMaxMessageLength(final int bytes)
    {
        if (bytes < 1 || bytes > MAX_MESSAGE_LENGTH)
        {
            throw new IllegalArgumentException(
                "maxMessageLength must be in [1, " + MAX_MESSAGE_LENGTH + "] bytes, got " + bytes);
        }
        return bytes;
    }

    @Override
    public String toString()
    {
        return "QueueOptions{capacity=" + capacity + ", maxMessageLength=" + maxMessageLength +
            (oneToOne ? ", oneToOne" : ", maxProcesses=" + maxProcesses) + ", deadProcessTimeout=" +
            deadProcessTimeout + "}";
    }
}
