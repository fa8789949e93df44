package io.mmipc.internal.owner;

/**
 * Layout of an owner word: the one 64-bit value, changed only by compare-and-set, that says who
 * holds a lock, a dict stripe, a queue's consumer turn, a one-to-one role, a pipe end or a named
 * tailer.
 * <pre>
 *    63 62      56 55                     32 31                      0
 *   +--+----------+-------------------------+-------------------------+
 *   |D | check (7)| participant token (24)  |      local id (32)      |
 *   +--+----------+-------------------------+-------------------------+
 * </pre>
 * 0 means free. The participant token names the holder's process through the directory's
 * {@link ParticipantRegistry} (so the word needs no room for pid and start time); the local id
 * tells apart the holders within that process (a thread id for locks, an object number for roles
 * and ends). D: the holder took the word over from a dead one ({@code EOWNERDEAD}). The check bits
 * are a hash of bits 0..55, so a word that something else wrote is recognised as corrupt instead
 * of being waited on.
 */
public final class OwnerWordDescriptor
{
    public static final long FREE = 0L;
    public static final long DIED = 1L << 63;
    static final int CHECK_SHIFT = 56;
    static final long CHECK_MASK = 0x7FL;
    static final int TOKEN_SHIFT = 32;
    static final long TOKEN_MASK = (1L << RegistryDescriptor.TOKEN_BITS) - 1;
    static final long LOCAL_MASK = 0xFFFF_FFFFL;
    private static final long BASE_MASK = (1L << CHECK_SHIFT) - 1;
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

    private OwnerWordDescriptor()
    {
    }

    /**
     * @return the owner id of local holder {@code localId} of the participant {@code token}.
     */
    public static long ownerId(final int token, final long localId)
    {
        final long base = (((long)token & TOKEN_MASK) << TOKEN_SHIFT) | (localId & LOCAL_MASK);
        return base | (check(base) << CHECK_SHIFT);
    }

    static long check(final long base)
    {
        return (base * GOLDEN) >>> (Long.SIZE - 7);
    }

    /**
     * @return true for a non-free word whose check bits and token could have been written by mmipc.
     */
    public static boolean isWellFormed(final long word)
    {
        final long base = word & BASE_MASK;
        return word != FREE && ((word >>> CHECK_SHIFT) & CHECK_MASK) == check(base) &&
            RegistryDescriptor.isPlausibleToken(token(word));
    }

    public static int token(final long word)
    {
        return (int)((word >>> TOKEN_SHIFT) & TOKEN_MASK);
    }

    public static long localId(final long word)
    {
        return word & LOCAL_MASK;
    }

    /**
     * @return the owner id without the died flag.
     */
    public static long owner(final long word)
    {
        return word & ~DIED;
    }

    public static boolean died(final long word)
    {
        return (word & DIED) != 0;
    }
}
