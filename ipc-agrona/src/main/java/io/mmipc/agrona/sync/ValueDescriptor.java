package io.mmipc.agrona.sync;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

/**
 * Layout of a shared value's file (kind {@code VALUE}), after Agrona's {@code CountersManager}:
 * 128-byte records, so the value shares its cache lines with nothing that another process
 * writes for another reason.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  Value: an int32 slot (int32, float32 bits, bool 0/1, and      |  0
 *  |  int8/int16/char16 zero-extended), or an int64 slot (int64,    |
 *  |  float64 bits)                                                 |
 *  +---------------------------------------------------------------+
 *  |                     Padding to 128 bytes                     ...
 *  +---------------------------------------------------------------+
 *  |        The value's lock: a lock record (LockDescriptor)       | 128
 *  |                          256 bytes                           ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The element type is the file header's type tag ({@code int32}, {@code int64}, {@code float64},
 * {@code bool}, {@code int8}, {@code int16}, {@code float32}, {@code char16}: the generator's type
 * table, {@code io.mmipc.codegen.PrimitiveType}), so opening a value as another type is refused
 * before anything is mapped. The first four tags and their slots are those of layout version 1's
 * hand-written values, unchanged.
 */
public final class ValueDescriptor
{
    static final int RECORD_LENGTH = CACHE_LINE_LENGTH * 2;
    public static final int VALUE_OFFSET = 0;
    public static final int LOCK_OFFSET = RECORD_LENGTH;
    public static final int BODY_LENGTH = RECORD_LENGTH + LockDescriptor.RECORD_LENGTH;

    private ValueDescriptor()
    {
    }
}
