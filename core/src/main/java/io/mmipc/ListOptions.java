package io.mmipc;

import org.agrona.concurrent.IdleStrategy;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The capacity of a {@link SharedList} and how its writers wait. Immutable: each setter returns a copy.
 * <pre>{@code
 * ctx.list("results", Codecs.utf8(), ListOptions.defaults().maxElements(100_000).dataBytes(16 << 20));
 * }</pre>
 * A list's file is sized for its capacity when it is created, so a full list is an error at the
 * call that overflows it, never a fault later. The capacity is stored in the file: opening an
 * existing list with other values is an error naming both. The idle strategy belongs to each opener.
 * <p>
 * <b>Where bytes go.</b> Every element has an 8-byte slot in each of two index tables (a change
 * that shifts elements writes the other table and switches to it with one store); its encoded
 * bytes go to the <em>data space</em>, a pool of {@link #blockBytes() blockBytes} blocks: an
 * element of {@code n > 0} bytes takes {@code ceil(n / (blockBytes - 16))} of them. A replaced or
 * inserted element needs its new blocks before the old ones are given back.
 */
public final class ListOptions
{
    /** Default number of elements: 16,384. */
    public static final int DEFAULT_MAX_ELEMENTS = 1 << 14;
    /** The most elements a list can hold. */
    public static final int MAX_ELEMENTS = 1 << 24;
    /** Default longest element: 64 KiB. */
    public static final int DEFAULT_MAX_ELEMENT_BYTES = 1 << 16;
    /** The longest element any list takes. */
    public static final int MAX_ELEMENT_BYTES = (1 << 30) - 1;
    /** Default data space: 4 MiB. */
    public static final long DEFAULT_DATA_BYTES = 4L << 20;
    /** Default data block: 128 bytes, 112 of them payload. */
    public static final int DEFAULT_BLOCK_BYTES = 128;

    private static final ListOptions DEFAULTS = new ListOptions(DEFAULT_MAX_ELEMENTS, DEFAULT_MAX_ELEMENT_BYTES,
        DEFAULT_DATA_BYTES, DEFAULT_BLOCK_BYTES, Idle.backoff());

    private final int maxElements;
    private final int maxElementBytes;
    private final long dataBytes;
    private final int blockBytes;
    private final Supplier<IdleStrategy> idle;

    private ListOptions(final int maxElements, final int maxElementBytes, final long dataBytes, final int blockBytes,
        final Supplier<IdleStrategy> idle)
    {
        this.maxElements = maxElements;
        this.maxElementBytes = maxElementBytes;
        this.dataBytes = dataBytes;
        this.blockBytes = blockBytes;
        this.idle = idle;
    }

    /**
     * @return 16,384 elements of up to 64 KiB, 4 MiB of data space in 128-byte blocks, backoff waiting.
     */
    public static ListOptions defaults()
    {
        return DEFAULTS;
    }

    /**
     * @param count the most elements the list holds at once, 1 to {@link #MAX_ELEMENTS}; one more
     *              is a {@link SharedListFullException}.
     */
    public ListOptions maxElements(final int count)
    {
        if (count < 1 || count > MAX_ELEMENTS)
        {
            throw new IllegalArgumentException("maxElements must be in [1, " + MAX_ELEMENTS + "], got " + count);
        }
        return new ListOptions(count, maxElementBytes, dataBytes, blockBytes, idle);
    }

    /**
     * @param bytes the longest encoded element, 0 to {@link #MAX_ELEMENT_BYTES}; a longer one is an
     *              {@link IllegalArgumentException}.
     */
    public ListOptions maxElementBytes(final int bytes)
    {
        if (bytes < 0 || bytes > MAX_ELEMENT_BYTES)
        {
            throw new IllegalArgumentException("maxElementBytes must be in [0, " + MAX_ELEMENT_BYTES + "], got " +
                bytes);
        }
        return new ListOptions(maxElements, bytes, dataBytes, blockBytes, idle);
    }

    /**
     * @param bytes the data space for the elements' bytes: a multiple of {@link #blockBytes()}.
     */
    public ListOptions dataBytes(final long bytes)
    {
        if (bytes < 0 || bytes > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("dataBytes must be in [0, " + Integer.MAX_VALUE + "], got " + bytes);
        }
        return new ListOptions(maxElements, maxElementBytes, bytes, blockBytes, idle);
    }

    /**
     * @param bytes the size of a data block, a power of two from {@link MapOptions#MIN_BLOCK_BYTES}
     *              to {@link MapOptions#MAX_BLOCK_BYTES} (16 bytes of each are its header).
     */
    public ListOptions blockBytes(final int bytes)
    {
        if (bytes < MapOptions.MIN_BLOCK_BYTES || bytes > MapOptions.MAX_BLOCK_BYTES || Integer.bitCount(bytes) != 1)
        {
            throw new IllegalArgumentException("blockBytes must be a power of two in [" + MapOptions.MIN_BLOCK_BYTES +
                ", " + MapOptions.MAX_BLOCK_BYTES + "], got " + bytes);
        }
        return new ListOptions(maxElements, maxElementBytes, dataBytes, bytes, idle);
    }

    /**
     * @param value how a writer waits for the list's lock: {@link Idle#backoff()} (default) or
     *              {@link Idle#busySpin()}. Reads never wait unless writers keep them from a consistent look.
     */
    public ListOptions idle(final Supplier<IdleStrategy> value)
    {
        return new ListOptions(maxElements, maxElementBytes, dataBytes, blockBytes,
            Objects.requireNonNull(value, "idle"));
    }

    public int maxElements()
    {
        return maxElements;
    }

    public int maxElementBytes()
    {
        return maxElementBytes;
    }

    public long dataBytes()
    {
        return dataBytes;
    }

    public int blockBytes()
    {
        return blockBytes;
    }

    public Supplier<IdleStrategy> idle()
    {
        return idle;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof ListOptions other && maxElements == other.maxElements &&
            maxElementBytes == other.maxElementBytes && dataBytes == other.dataBytes && blockBytes == other.blockBytes;
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(maxElements, maxElementBytes, dataBytes, blockBytes);
    }

    @Override
    public String toString()
    {
        return "ListOptions{maxElements=" + maxElements + ", maxElementBytes=" + maxElementBytes + ", dataBytes=" +
            dataBytes + ", blockBytes=" + blockBytes + "}";
    }
}
