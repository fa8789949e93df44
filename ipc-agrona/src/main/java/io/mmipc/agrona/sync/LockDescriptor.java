package io.mmipc.agrona.sync;

import io.mmipc.internal.owner.OwnerWordDescriptor;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

/**
 * Layout of a lock record: the body of a {@code lock} or {@code rlock} file, and the second
 * record of every value and the first of every array (their associated lock).
 * <pre>
 *   Lock record (128 bytes; only the holder writes it, waiters CAS the owner word):
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Owner word (64): 0 = free                     |  0
 *  +---------------------------------------------------------------+
 *  |            Hold count (64), reentrant locks only              |  8
 *  +---------------------------------------------------------------+
 *  |                     Padding to 128 bytes                     ...
 *  +---------------------------------------------------------------+
 *
 *   Owner word:
 *    63 62      56 55                     32 31                      0
 *   +--+----------+-------------------------+-------------------------+
 *   |D | check (7)| participant token (24)  |  thread id, low 32 bits |
 *   +--+----------+-------------------------+-------------------------+
 * </pre>
 * D: the holder took the lock over from a dead owner. The check bits are a hash of bits 0..55,
 * so a word that something else wrote is recognised as corrupt instead of being waited on.
 */
final class LockDescriptor
{
    static final int OWNER_OFFSET = 0;
    static final int HOLD_COUNT_OFFSET = 8;
    static final int RECORD_LENGTH = CACHE_LINE_LENGTH * 2;

    static final long FREE = OwnerWordDescriptor.FREE;
    static final long DIED = OwnerWordDescriptor.DIED;
    static final int TOKEN_SHIFT = 32;

    private LockDescriptor()
    {
    }

    /**
     * @param tokenBits the participant token, shifted into place: {@code (long)token << TOKEN_SHIFT}.
     */
    static long ownerId(final long tokenBits, final long threadId)
    {
        return OwnerWordDescriptor.ownerId((int)(tokenBits >>> TOKEN_SHIFT), threadId);
    }

    static boolean isWellFormed(final long word)
    {
        return OwnerWordDescriptor.isWellFormed(word);
    }

    static int token(final long word)
    {
        return OwnerWordDescriptor.token(word);
    }

    static long threadId(final long word)
    {
        return OwnerWordDescriptor.localId(word);
    }

    static long owner(final long word)
    {
        return OwnerWordDescriptor.owner(word);
    }
}
