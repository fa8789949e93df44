package io.mmipc.agrona.sync;

import io.mmipc.internal.wait.WakeWordDescriptor;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

/**
 * Layout of a lock record: the body of a {@code lock} or {@code rlock} file, the second record of
 * every value and the first of every array (their associated lock), and the head of every
 * stripe of a shared dict.
 * <pre>
 *   Lock record (256 bytes; only the holder writes the first line, waiters CAS the owner word):
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |          Owner word (64): 0 = free, else an owner id          |  0
 *  +---------------------------------------------------------------+
 *  |            Hold count (64), reentrant locks only              |  8
 *  +---------------------------------------------------------------+
 *  |                     Padding to 128 bytes                     ...
 *  +---------------------------------------------------------------+
 *  |  Wake word slot (WakeWordDescriptor, 128): waiters sleep on   | 128
 *  |  it; an unlock signals it when its sleepers flag is set      ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The wake word is fenceless ({@link io.mmipc.internal.wait.WakeWord#ofFencelessPublisher}): an
 * uncontended unlock stays one release store plus a load of the sleepers flag.
 * The owner word is laid out by {@link io.mmipc.internal.owner.OwnerWordDescriptor} and changed
 * by {@link io.mmipc.internal.owner.OwnerWord} only (its holder frees it with a release store);
 * the local id in it is the holding thread's id, low 32 bits.
 */
public final class LockDescriptor
{
    public static final int OWNER_OFFSET = 0;
    public static final int HOLD_COUNT_OFFSET = 8;
    public static final int WAKE_OFFSET = CACHE_LINE_LENGTH * 2;
    public static final int RECORD_LENGTH = WAKE_OFFSET + WakeWordDescriptor.SLOT_LENGTH;
    /** The type tags of a lock's and an rlock's own file (a value's or array's lock lives in theirs). */
    public static final String TYPE = "lock";
    public static final String REENTRANT_TYPE = "rlock";

    private LockDescriptor()
    {
    }
}
