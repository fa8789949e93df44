package io.mmipc.agrona.sync;

import io.mmipc.internal.wait.WakeWordDescriptor;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

/**
 * Layout of an event's file (kind {@code SYNC}, type {@code event}).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |          Event word (64): set count (63) | flag (1)           |  0
 *  +---------------------------------------------------------------+
 *  |                     Padding to 128 bytes                     ...
 *  +---------------------------------------------------------------+
 *  |  Wake word slot (WakeWordDescriptor, 128 bytes):              | 128
 *  |  set() signals it, wait() sleeps on it                       ...
 *  +---------------------------------------------------------------+
 * </pre>
 * {@code set()} raises the flag and counts one more set, in one CAS; a waiter returns when the
 * flag is up or the count moved since it began, so a set followed at once by a clear still
 * wakes everyone who was waiting.
 */
public final class EventDescriptor
{
    public static final int WORD_OFFSET = 0;
    public static final int WAKE_OFFSET = CACHE_LINE_LENGTH * 2;
    public static final int BODY_LENGTH = WAKE_OFFSET + WakeWordDescriptor.SLOT_LENGTH;
    static final long FLAG = 1L;
    public static final String TYPE = "event";

    private EventDescriptor()
    {
    }

    public static boolean isSet(final long word)
    {
        return (word & FLAG) != 0;
    }

    public static long setCount(final long word)
    {
        return word >>> 1;
    }

    static long raised(final long word)
    {
        return ((setCount(word) + 1) << 1) | FLAG;
    }
}
