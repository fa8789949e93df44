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
 *  |  Value: int32 or bool (0/1) in 4 bytes, int64 or float64 in 8 |  0
 *  +---------------------------------------------------------------+
 *  |                     Padding to 128 bytes                     ...
 *  +---------------------------------------------------------------+
 *  |        The value's lock: a lock record (LockDescriptor)       | 128
 *  |                          256 bytes                           ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The element type is the file header's type tag ({@code int32}, {@code int64}, {@code float64},
 * {@code bool}), so opening a value as another type is refused before anything is mapped.
 */
final class ValueDescriptor
{
    static final int RECORD_LENGTH = CACHE_LINE_LENGTH * 2;
    static final int VALUE_OFFSET = 0;
    static final int LOCK_OFFSET = RECORD_LENGTH;
    static final int BODY_LENGTH = RECORD_LENGTH + LockDescriptor.RECORD_LENGTH;

    static final String INT32 = "int32";
    static final String INT64 = "int64";
    static final String FLOAT64 = "float64";
    static final String BOOL = "bool";

    private ValueDescriptor()
    {
    }
}
