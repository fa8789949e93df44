package io.mmipc.agrona.sync;

import io.mmipc.internal.file.SharedFileDescriptor;
import org.agrona.BitUtil;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

/**
 * Layout of a shared array's file (kind {@code ARRAY}): the array's lock on a record of its own,
 * then the elements, contiguous as in Python's {@code Array} (one process updating element 0
 * and another element 1 share a cache line, as they would in a Java array).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |        The array's lock: a lock record (LockDescriptor)       |  0
 *  |                          256 bytes                           ...
 *  +---------------------------------------------------------------+
 *  |     Element 0, little-endian (1, 2, 4 or 8 bytes each)        | 256
 *  +---------------------------------------------------------------+
 *  |                        Element 1 ...                         ...
 *  +---------------------------------------------------------------+
 *  |              Padding to a multiple of 128 bytes              ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Header parameters: {@code length} (elements) and {@code element size} (bytes), both checked
 * on open; the type tag is the element type (the generator's type table: {@code int32},
 * {@code int64}, {@code float64}, {@code bool} (1 byte, 0/1), {@code int8}, {@code int16},
 * {@code float32}, {@code char16}). 1- and 2-byte elements are compared-and-set through the
 * aligned int32 word that holds them ({@link SubWords}).
 */
public final class ArrayDescriptor
{
    public static final int LOCK_OFFSET = 0;
    public static final int ELEMENTS_OFFSET = LockDescriptor.RECORD_LENGTH;
    public static final int PARAM_LENGTH = 0;
    public static final int PARAM_ELEMENT_SIZE = 1;
    private static final int RECORD_LENGTH = CACHE_LINE_LENGTH * 2;

    private ArrayDescriptor()
    {
    }

    /**
     * @return the most elements of {@code elementSize} bytes one file can hold.
     */
    public static int maxLength(final int elementSize)
    {
        final long room = SharedFileDescriptor.MAX_TOTAL_LENGTH - SharedFileDescriptor.HEADER_LENGTH -
            ELEMENTS_OFFSET - RECORD_LENGTH;
        return (int)Math.min(Integer.MAX_VALUE, room / elementSize);
    }

    /**
     * @throws IllegalArgumentException naming the array when {@code length} is negative or too long.
     */
    static void checkLength(final String name, final int length, final int elementSize)
    {
        if (length < 0)
        {
            throw new IllegalArgumentException("array \"" + name + "\": length must not be negative, got " + length);
        }
        final int max = maxLength(elementSize);
        if (length > max)
        {
            throw new IllegalArgumentException("array \"" + name + "\": length " + length + " of " + elementSize +
                "-byte elements exceeds the " + max + " one file holds");
        }
    }

    public static long bodyLength(final int length, final int elementSize)
    {
        return ELEMENTS_OFFSET + BitUtil.align((long)length * elementSize, RECORD_LENGTH);
    }
}
