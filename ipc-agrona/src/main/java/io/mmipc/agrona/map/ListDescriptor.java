package io.mmipc.agrona.map;

import io.mmipc.agrona.sync.LockCore;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

/**
 * Layout of a shared list's file (kind {@code LIST}; the codec's id in the type tag, the capacity
 * in the parameters). Region offsets depend on the capacity and are computed by {@link ListLayout}.
 * <pre>
 *   Body:
 *  +---------------------------------------------------------------+
 *  |  Lock record (256, LockDescriptor): CASed by any writer,      |  0
 *  |  its wake word signalled by unlock                            |
 *  +---------------------------------------------------------------+
 *  |  State (128), written by the lock holder only:                |  256
 *  |    state word (64) at 256: active table (bit 32), size (0-31) |
 *  |    version (64) at 264: bumped before anything is freed       |
 *  +---------------------------------------------------------------+
 *  |  Block hint bitmap: one bit per data block                    |  384
 *  +---------------------------------------------------------------+  (each region starts on 128 bytes)
 *  |  Index table 0: maxElements x 64-bit element words            |
 *  +---------------------------------------------------------------+
 *  |  Index table 1: the same; a shift writes the inactive table   |
 *  |  and switches to it with the state word                       |
 *  +---------------------------------------------------------------+
 *  |  Data blocks: D x blockBytes, the dict's data block layout    |
 *  |  (MapDescriptor): owner tag, next ref, payload                |
 *  +---------------------------------------------------------------+
 *
 *   Element word:
 *    63 62                           32 31                          0
 *   +--+-------------------------------+----------------------------+
 *   |1 |        length (31)            | first block (ref) or 0     |
 *   +--+-------------------------------+----------------------------+
 *   Bit 63 is always set, so 0 is never an element; an empty element has no block.
 * </pre>
 * Element {@code i} is the word at index {@code i} of the active table, for {@code i < size}. Every
 * change is published by one release store: of the state word (append, truncate, and a shift
 * after the inactive table was written) or of one element word (a replace). Blocks are claimed
 * by a CAS of their owner tag from 0 to {@link #TAG} by the lock holder, and freed by a release
 * store of 0 after the version was bumped.
 */
public final class ListDescriptor
{
    public static final int LOCK_OFFSET = 0;
    public static final int STATE_OFFSET = LockCore.RECORD_LENGTH;
    public static final int VERSION_OFFSET = STATE_OFFSET + Long.BYTES;
    public static final int BITS_OFFSET = STATE_OFFSET + CACHE_LINE_LENGTH * 2;

    static final int ELEMENT_LENGTH = Long.BYTES;
    private static final long PRESENT = 1L << 63;
    private static final int LENGTH_SHIFT = 32;
    private static final long LENGTH_MASK = (1L << 31) - 1;
    private static final long TABLE_BIT = 1L << 32;
    private static final long SIZE_MASK = 0xFFFF_FFFFL;

    /** "LISTTG" in the high bits of a block's owner tag. */
    static final long TAG = 0x4C49_5354_5447_0000L;

    /** Parameter indexes in the file header. */
    public static final int PARAM_MAX_ELEMENTS = 0;
    public static final int PARAM_MAX_ELEMENT_BYTES = 1;
    public static final int PARAM_DATA_BYTES = 2;
    public static final int PARAM_BLOCK_BYTES = 3;
    public static final int PARAM_LAYOUT = 4;

    /** The version of this layout, stored as a parameter: an opener refuses any other. */
    public static final int LAYOUT_VERSION = 1;

    private ListDescriptor()
    {
    }

    static long elementWord(final int length, final int firstBlockRef)
    {
        return PRESENT | ((long)length << LENGTH_SHIFT) | (firstBlockRef & 0xFFFF_FFFFL);
    }

    static boolean isElement(final long word)
    {
        return (word & PRESENT) != 0;
    }

    static int length(final long word)
    {
        return (int)((word >>> LENGTH_SHIFT) & LENGTH_MASK);
    }

    static int firstBlockRef(final long word)
    {
        return (int)word;
    }

    static long state(final int table, final int size)
    {
        return (table == 0 ? 0 : TABLE_BIT) | (size & SIZE_MASK);
    }

    static int tableOf(final long state)
    {
        return (state & TABLE_BIT) == 0 ? 0 : 1;
    }

    public static long sizeOf(final long state)
    {
        return state & SIZE_MASK;
    }

    /**
     * @return true when no writer produced this state word: bits beyond the table bit are set.
     */
    public static boolean isStrange(final long state)
    {
        return (state & ~(TABLE_BIT | SIZE_MASK)) != 0;
    }
}
