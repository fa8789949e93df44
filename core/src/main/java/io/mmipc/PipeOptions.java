package io.mmipc;

import org.agrona.concurrent.IdleStrategy;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a {@link Pipe} is made and how its ends wait. Immutable: each setter returns a copy.
 * Direction, capacity and largest message are stored in the file.
 */
public final class PipeOptions
{
    /** Default capacity of each direction: 256 KiB, so messages up to 32 KiB go inline. */
    public static final int DEFAULT_CAPACITY = 1 << 18;

    private static final PipeOptions DEFAULTS =
        new PipeOptions(true, DEFAULT_CAPACITY, QueueOptions.DEFAULT_MAX_MESSAGE_LENGTH, Idle.backoff());

    private final boolean duplex;
    private final int capacity;
    private final int maxMessageLength;
    private final Supplier<IdleStrategy> idle;

    private PipeOptions(
        final boolean duplex, final int capacity, final int maxMessageLength, final Supplier<IdleStrategy> idle)
    {
        this.duplex = duplex;
        this.capacity = capacity;
        this.maxMessageLength = maxMessageLength;
        this.idle = idle;
    }

    /**
     * @return duplex, 256 KiB each way, messages up to 16 MiB, backoff waiting.
     */
    public static PipeOptions defaults()
    {
        return DEFAULTS;
    }

    /**
     * @param value false for a one-way pipe, Python's {@code Pipe(duplex=False)}: end 1 only
     *              receives, end 2 only sends.
     */
    public PipeOptions duplex(final boolean value)
    {
        return new PipeOptions(value, capacity, maxMessageLength, idle);
    }

    /**
     * @param bytes the ring size of each direction; see {@link QueueOptions#capacity(int)}.
     */
    public PipeOptions capacity(final int bytes)
    {
        return new PipeOptions(duplex, QueueOptions.checkCapacity("capacity", bytes), maxMessageLength, idle);
    }

    /**
     * @param bytes the largest message; see {@link QueueOptions#maxMessageLength(int)}.
     */
    public PipeOptions maxMessageLength(final int bytes)
    {
        return new PipeOptions(duplex, capacity, QueueOptions.checkMaxMessageLength(bytes), idle);
    }

    /**
     * @param value how blocking calls wait: {@link Idle#backoff()} (default) or {@link Idle#busySpin()}.
     */
    public PipeOptions idle(final Supplier<IdleStrategy> value)
    {
        return new PipeOptions(duplex, capacity, maxMessageLength, Objects.requireNonNull(value, "idle"));
    }

    public boolean duplex()
    {
        return duplex;
    }

    public int capacity()
    {
        return capacity;
    }

    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    public Supplier<IdleStrategy> idle()
    {
        return idle;
    }

    @Override
    public String toString()
    {
        return "PipeOptions{" + (duplex ? "duplex" : "one-way") + ", capacity=" + capacity + ", maxMessageLength=" +
            maxMessageLength + "}";
    }
}
