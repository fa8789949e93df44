package io.mmipc.agrona.map;

import io.mmipc.MapOptions;
import io.mmipc.agrona.sync.LockCore;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

/**
 * Layout of a shared dict's file (kind {@code MAP}; the codecs' ids in the type tag, the capacity in
 * the parameters). Region offsets depend on the capacity and are computed by {@link MapLayout}.
 * <pre>
 *   Body:
 *  +---------------------------------------------------------------+
 *  |  Map header (128): hash seed (64), chosen at creation         |  0
 *  +---------------------------------------------------------------+
 *  |  Stripes: S x 384 bytes                                       |  128
 *  |    lock record (256, LockDescriptor: CASed by any writer,     |
 *  |    its wake word signalled by the stripe's unlock)           |
 *  |    state (128: version (64) at 128, count (64) at 136),       |
 *  |    written by the lock holder only                            |
 *  +---------------------------------------------------------------+
 *  |  Buckets: B x 32-bit entry refs, heads of the chains;         |
 *  |  stripe s owns buckets [s B/S, (s + 1) B/S), B >= 32 S, so    |
 *  |  every 128 bytes of buckets belong to one stripe              |
 *  +---------------------------------------------------------------+  (each region starts on 128 bytes)
 *  |  Entry hint bitmap: one bit per entry record, set when used   |
 *  +---------------------------------------------------------------+
 *  |  Block hint bitmap: one bit per data block                    |
 *  +---------------------------------------------------------------+
 *  |  Entry records: E x 128 bytes                                 |
 *  +---------------------------------------------------------------+
 *  |  Data blocks: D x blockBytes                                  |
 *  +---------------------------------------------------------------+
 *
 *   Entry record (128 bytes):
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |        Owner tag (64): 0 = free, else TAG | stripe            |  0
 *  +---------------------------------------------------------------+
 *  |               Next entry in the bucket's chain (ref)          |  8
 *  +---------------------------------------------------------------+
 *  |                 Key hash, high 32 bits                        | 12
 *  +---------------------------------------------------------------+
 *  |                         Key length                            | 16
 *  +---------------------------------------------------------------+
 *  |      First block of a key longer than 96 bytes (ref), or 0    | 20
 *  +---------------------------------------------------------------+
 *  |        Value word (64), published with one release store      | 24
 *  +---------------------------------------------------------------+
 *  |  Inline area (96): the key when it fits, padded to 8 bytes,  ...  32
 *  |  then two value slots A and B that share what the key leaves  |
 *  +---------------------------------------------------------------+
 *
 *   Value word:
 *    63 62 61                        32 31                          0
 *   +-----+----------------------------+----------------------------+
 *   | loc |     value length (30)      | first block (ref) or 0     |
 *   +-----+----------------------------+----------------------------+
 *   loc: 1 = slot A, 2 = slot B, 3 = block chain; 0 is never written.
 *
 *   Data block (blockBytes):
 *  +---------------------------------------------------------------+
 *  |        Owner tag (64): 0 = free, else TAG | stripe            |  0
 *  +---------------------------------------------------------------+
 *  |      Next block of the same key or value (ref), or 0          |  8
 *  +---------------------------------------------------------------+
 *  |                          Reserved                             | 12
 *  +---------------------------------------------------------------+
 *  |                 Payload (blockBytes - 16)                    ...  16
 *  +---------------------------------------------------------------+
 * </pre>
 * A ref is an index plus one, so that 0 means none. Records and blocks are claimed by a CAS of the
 * owner tag from 0 to the claiming stripe's tag, by the holder of that stripe's lock only, and
 * freed by a release store of 0; the hint bitmaps only steer the search for free ones and may lag
 * behind the owner words after a crash, never ahead.
 */
public final class MapDescriptor
{
    static final int HEADER_LENGTH = CACHE_LINE_LENGTH * 2;
    static final int SEED_OFFSET = 0;

    public static final int STRIPE_LENGTH = LockCore.RECORD_LENGTH + CACHE_LINE_LENGTH * 2;
    public static final int STRIPE_LOCK_OFFSET = 0;
    static final int STRIPE_VERSION_OFFSET = LockCore.RECORD_LENGTH;
    public static final int STRIPE_COUNT_OFFSET = STRIPE_VERSION_OFFSET + Long.BYTES;
    static final int MIN_BUCKETS_PER_STRIPE = 32;

    static final int ENTRY_LENGTH = CACHE_LINE_LENGTH * 2;
    static final int OWNER_OFFSET = 0;
    static final int NEXT_OFFSET = 8;
    static final int HASH_OFFSET = 12;
    static final int KEY_LENGTH_OFFSET = 16;
    static final int KEY_BLOCK_OFFSET = 20;
    static final int VALUE_WORD_OFFSET = 24;
    static final int INLINE_OFFSET = 32;
    static final int INLINE_LENGTH = MapOptions.INLINE_BYTES;

    static final int BLOCK_NEXT_OFFSET = 8;
    static final int BLOCK_PAYLOAD_OFFSET = 16;

    static final int LOC_SLOT_A = 1;
    static final int LOC_SLOT_B = 2;
    static final int LOC_CHAIN = 3;
    private static final int LOC_SHIFT = 62;
    private static final int LENGTH_SHIFT = 32;
    private static final long LENGTH_MASK = (1L << 30) - 1;

    /** "MAPTAG" in the high bits of an owner tag: a word that lacks it was not written by a map. */
    static final long TAG = 0x4D41_5054_4147_0000L;
    static final long TAG_MASK = 0xFFFF_FFFF_FFFF_0000L;

    /** Parameter indexes in the file header. */
    public static final int PARAM_MAX_ENTRIES = 0;
    public static final int PARAM_MAX_KEY_BYTES = 1;
    public static final int PARAM_MAX_VALUE_BYTES = 2;
    public static final int PARAM_DATA_BYTES = 3;
    public static final int PARAM_STRIPES = 4;
    public static final int PARAM_BLOCK_BYTES = 5;
    public static final int PARAM_LAYOUT = 6;

    /** The version of this layout, stored as a parameter: an opener refuses any other. */
    public static final int LAYOUT_VERSION = 2; // 2: lock records carry a wake word (stripes 384 bytes)

    private MapDescriptor()
    {
    }

    static long tag(final int stripe)
    {
        return TAG | stripe;
    }

    static long valueWord(final int location, final int length, final int firstBlockRef)
    {
        return ((long)location << LOC_SHIFT) | ((long)length << LENGTH_SHIFT) | (firstBlockRef & 0xFFFF_FFFFL);
    }

    static int location(final long valueWord)
    {
        return (int)(valueWord >>> LOC_SHIFT);
    }

    static int valueLength(final long valueWord)
    {
        return (int)((valueWord >>> LENGTH_SHIFT) & LENGTH_MASK);
    }

    static int firstBlockRef(final long valueWord)
    {
        return (int)valueWord;
    }

    /**
     * @return the bytes of the inline area a key of {@code keyLength} takes: 0 when it goes to blocks.
     */
    static int inlineKeyLength(final int keyLength)
    {
        return keyLength <= INLINE_LENGTH ? (keyLength + 7) & ~7 : 0;
    }

    /**
     * @return the length of each value slot beside a key of {@code keyLength}, a multiple of 8.
     */
    static int slotLength(final int keyLength)
    {
        return ((INLINE_LENGTH - inlineKeyLength(keyLength)) / 2) & ~7;
    }

    /**
     * @return the offset of slot {@code location} within an entry record.
     */
    static int slotOffset(final int keyLength, final int location)
    {
        return INLINE_OFFSET + inlineKeyLength(keyLength) + (location == LOC_SLOT_B ? slotLength(keyLength) : 0);
    }
}
