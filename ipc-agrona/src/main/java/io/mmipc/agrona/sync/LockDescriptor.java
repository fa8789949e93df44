package io.mmipc.agrona.sync;

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

    static final long FREE = 0L;
    static final long DIED = 1L << 63;
    static final int CHECK_SHIFT = 56;
    static final long CHECK_MASK = 0x7FL;
    static final int TOKEN_SHIFT = 32;
    static final long TOKEN_MASK = (1L << RegistryDescriptor.TOKEN_BITS) - 1;
    static final long THREAD_MASK = 0xFFFF_FFFFL;
    private static final long BASE_MASK = (1L << CHECK_SHIFT) - 1;
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

    private LockDescriptor()
    {
    }

    /**
     * @param tokenBits the participant token, shifted into place: {@code (long)token << TOKEN_SHIFT}.
     */
    static long ownerId(final long tokenBits, final long threadId)
    {
        final long base = tokenBits | (threadId & THREAD_MASK);
        return base | (check(base) << CHECK_SHIFT);
    }

    static long check(final long base)
    {
        return (base * GOLDEN) >>> (Long.SIZE - 7);
    }

    /**
     * @return true for a non-free word whose check bits and token could have been written by mmipc.
     */
    static boolean isWellFormed(final long word)
    {
        final long base = word & BASE_MASK;
        return ((word >>> CHECK_SHIFT) & CHECK_MASK) == check(base) &&
            RegistryDescriptor.isPlausibleToken(token(word));
    }

    static int token(final long word)
    {
        return (int)((word >>> TOKEN_SHIFT) & TOKEN_MASK);
    }

    static long threadId(final long word)
    {
        return word & THREAD_MASK;
    }

    /**
     * @return the owner id without the died flag.
     */
    static long owner(final long word)
    {
        return word & ~DIED;
    }
}
