package io.mmipc;

import org.agrona.concurrent.IdleStrategy;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The capacity of a {@link SharedMap} and how its callers wait. Immutable: each setter returns a copy.
 * <pre>{@code
 * ctx.dict("prices", Codecs.utf8(), Codecs.float64(), MapOptions.defaults().maxEntries(1_000_000).stripes(256));
 * }</pre>
 * A map's file is sized for its capacity when it is created, so a full map is an error at the
 * call that overflows it, never a fault later. Entries, the largest key and value, the data space,
 * the stripes and the block size are stored in the file: opening an existing map with other values
 * is an error naming both. The idle strategy belongs to each opener.
 * <p>
 * <b>Where bytes go.</b> Every entry has a 128-byte record; a key of up to
 * {@value #INLINE_BYTES} bytes lives in it, and so does a value that fits in half of what the key
 * leaves (a 16-byte key leaves two 40-byte halves: updates alternate between them). Longer keys
 * and values go to the <em>data space</em>, a pool of {@link #blockBytes() blockBytes} blocks
 * shared by all entries. So a map of small entries needs no data space at all.
 */
public final class MapOptions
{
    /** Default number of entries: 16,384 (2 MiB of entry records). */
    public static final int DEFAULT_MAX_ENTRIES = 1 << 14;
    /** The most entries a map can hold (2 GiB of records is the largest file). */
    public static final int MAX_ENTRIES = 1 << 23;
    /** Default longest key: 1 KiB. */
    public static final int DEFAULT_MAX_KEY_BYTES = 1 << 10;
    /** Default longest value: 64 KiB. */
    public static final int DEFAULT_MAX_VALUE_BYTES = 1 << 16;
    /** The longest key or value any map takes. */
    public static final int MAX_ITEM_BYTES = (1 << 30) - 1;
    /** Default data space for keys and values that do not fit their record: 4 MiB. */
    public static final long DEFAULT_DATA_BYTES = 4L << 20;
    /** Default number of stripes (independent locks). */
    public static final int DEFAULT_STRIPES = 64;
    /** The most stripes a map can have. */
    public static final int MAX_STRIPES = 1 << 12;
    /** Default data block: 128 bytes, 112 of them payload. */
    public static final int DEFAULT_BLOCK_BYTES = 128;
    public static final int MIN_BLOCK_BYTES = 64;
    public static final int MAX_BLOCK_BYTES = 1 << 16;
    /** Bytes of key and value an entry's record holds inline. */
    public static final int INLINE_BYTES = 96;

    private static final MapOptions DEFAULTS = new MapOptions(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_KEY_BYTES,
        DEFAULT_MAX_VALUE_BYTES, DEFAULT_DATA_BYTES, DEFAULT_STRIPES, DEFAULT_BLOCK_BYTES, Idle.backoff());

    private final int maxEntries;
    private final int maxKeyBytes;
    private final int maxValueBytes;
    private final long dataBytes;
    private final int stripes;
    private final int blockBytes;
    private final Supplier<IdleStrategy> idle;

    private MapOptions(final int maxEntries, final int maxKeyBytes, final int maxValueBytes, final long dataBytes,
        final int stripes, final int blockBytes, final Supplier<IdleStrategy> idle)
    {
        this.maxEntries = maxEntries;
        this.maxKeyBytes = maxKeyBytes;
        this.maxValueBytes = maxValueBytes;
        this.dataBytes = dataBytes;
        this.stripes = stripes;
        this.blockBytes = blockBytes;
        this.idle = idle;
    }

    /**
     * @return 16,384 entries, keys up to 1 KiB, values up to 64 KiB, 4 MiB of data space, 64
     *         stripes, 128-byte blocks, backoff waiting.
     */
    public static MapOptions defaults()
    {
        return DEFAULTS;
    }

    /**
     * @param count the most entries the map holds at once, 1 to {@link #MAX_ENTRIES}; one more is
     *              a {@link SharedMapFullException}.
     */
    public MapOptions maxEntries(final int count)
    {
        check("maxEntries", count, 1, MAX_ENTRIES);
        return new MapOptions(count, maxKeyBytes, maxValueBytes, dataBytes, stripes, blockBytes, idle);
    }

    /**
     * @param bytes the longest encoded key, 1 to {@link #MAX_ITEM_BYTES}; a longer one is an
     *              {@link IllegalArgumentException}.
     */
    public MapOptions maxKeyBytes(final int bytes)
    {
        check("maxKeyBytes", bytes, 1, MAX_ITEM_BYTES);
        return new MapOptions(maxEntries, bytes, maxValueBytes, dataBytes, stripes, blockBytes, idle);
    }

    /**
     * @param bytes the longest encoded value, 0 to {@link #MAX_ITEM_BYTES}; a longer one is an
     *              {@link IllegalArgumentException}.
     */
    public MapOptions maxValueBytes(final int bytes)
    {
        check("maxValueBytes", bytes, 0, MAX_ITEM_BYTES);
        return new MapOptions(maxEntries, maxKeyBytes, bytes, dataBytes, stripes, blockBytes, idle);
    }

    /**
     * @param bytes the data space for keys and values too long for their record, shared by all
     *              entries: a multiple of {@link #blockBytes()} (0 for a map of small entries only).
     *              It must also hold, for a moment, the new value of every update in flight.
     */
    public MapOptions dataBytes(final long bytes)
    {
        if (bytes < 0 || bytes > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("dataBytes must be in [0, " + Integer.MAX_VALUE + "], got " + bytes);
        }
        return new MapOptions(maxEntries, maxKeyBytes, maxValueBytes, bytes, stripes, blockBytes, idle);
    }

    /**
     * @param count how many locks share the work, a power of two up to {@link #MAX_STRIPES}: keys in
     *              different stripes never wait for each other's writers.
     */
    public MapOptions stripes(final int count)
    {
        if (count < 1 || count > MAX_STRIPES || Integer.bitCount(count) != 1)
        {
            throw new IllegalArgumentException("stripes must be a power of two in [1, " + MAX_STRIPES + "], got " +
                count);
        }
        return new MapOptions(maxEntries, maxKeyBytes, maxValueBytes, dataBytes, count, blockBytes, idle);
    }

    /**
     * @param bytes the size of a data block, a power of two from {@link #MIN_BLOCK_BYTES} to
     *              {@link #MAX_BLOCK_BYTES} (16 bytes of each are its header): larger blocks suit
     *              large values.
     */
    public MapOptions blockBytes(final int bytes)
    {
        if (bytes < MIN_BLOCK_BYTES || bytes > MAX_BLOCK_BYTES || Integer.bitCount(bytes) != 1)
        {
            throw new IllegalArgumentException("blockBytes must be a power of two in [" + MIN_BLOCK_BYTES + ", " +
                MAX_BLOCK_BYTES + "], got " + bytes);
        }
        return new MapOptions(maxEntries, maxKeyBytes, maxValueBytes, dataBytes, stripes, bytes, idle);
    }

    /**
     * @param value how a writer waits for a stripe's lock: {@link Idle#backoff()} (default) or
     *              {@link Idle#busySpin()}. Reads never wait for a lock unless writers keep them
     *              from a consistent look.
     */
    public MapOptions idle(final Supplier<IdleStrategy> value)
    {
        return new MapOptions(maxEntries, maxKeyBytes, maxValueBytes, dataBytes, stripes, blockBytes,
            Objects.requireNonNull(value, "idle"));
    }

    public int maxEntries()
    {
        return maxEntries;
    }

    public int maxKeyBytes()
    {
        return maxKeyBytes;
    }

    public int maxValueBytes()
    {
        return maxValueBytes;
    }

    public long dataBytes()
    {
        return dataBytes;
    }

    public int stripes()
    {
        return stripes;
    }

    public int blockBytes()
    {
        return blockBytes;
    }

    public Supplier<IdleStrategy> idle()
    {
        return idle;
    }

    private static void check(final String what, final int value, final int min, final int max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(what + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof MapOptions other && maxEntries == other.maxEntries &&
            maxKeyBytes == other.maxKeyBytes && maxValueBytes == other.maxValueBytes &&
            dataBytes == other.dataBytes && stripes == other.stripes && blockBytes == other.blockBytes;
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(maxEntries, maxKeyBytes, maxValueBytes, dataBytes, stripes, blockBytes);
    }

    @Override
    public String toString()
    {
        return "MapOptions{maxEntries=" + maxEntries + ", maxKeyBytes=" + maxKeyBytes + ", maxValueBytes=" +
            maxValueBytes + ", dataBytes=" + dataBytes + ", stripes=" + stripes + ", blockBytes=" + blockBytes + "}";
    }
}
