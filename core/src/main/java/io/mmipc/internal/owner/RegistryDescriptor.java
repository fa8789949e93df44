package io.mmipc.internal.owner;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

/**
 * Layout of a context directory's participant registry ({@code ~mmipc-registry}, kind
 * {@code REGISTRY}): one entry per process that takes part in the directory's locks and barriers.
 * A lock word names its owner by a <em>token</em>, the entry's index plus the generation the
 * entry had when the process claimed it, so the token of a dead process never names its
 * successor in the same entry.
 * <pre>
 *   Entry (128 bytes, one per process; written by its claimant, read by everyone):
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 State word (64), CAS as one long              |  0
 *  +---------------------------------------------------------------+
 *  |              Process start time, epoch ms (64)                |  8
 *  +---------------------------------------------------------------+
 *  |                     Padding to 128 bytes                     ...
 *  +---------------------------------------------------------------+
 *
 *   State word:
 *    63 62 61          46 45             32 31                      0
 *   +--+--+--------------+-----------------+-------------------------+
 *   |0 |L | reserved (0) | generation (14) |  pid (32), 0 = free     |
 *   +--+--+--------------+-----------------+-------------------------+
 *
 *   L: live, the start time is written; without it the claimant is still writing it and is
 *   judged by its pid alone.
 *
 *   Token (24 bits) = generation (14) &lt;&lt; 10 | entry index (10); generation 0 is never issued.
 * </pre>
 * A process claims a free entry, or the entry of a dead process, with one CAS that writes its
 * pid and the next generation; it then writes its start time and sets L with release.
 */
public final class RegistryDescriptor
{
    public static final int CAPACITY = 1024;
    public static final int SLOT_BITS = 10;
    public static final int GENERATION_BITS = 14;
    public static final int TOKEN_BITS = SLOT_BITS + GENERATION_BITS;
    public static final int SLOT_MASK = CAPACITY - 1;
    public static final int GENERATION_MASK = (1 << GENERATION_BITS) - 1;

    public static final int ENTRY_LENGTH = CACHE_LINE_LENGTH * 2;
    public static final int STATE_OFFSET = 0;
    public static final int START_MILLIS_OFFSET = 8;
    public static final int BODY_LENGTH = CAPACITY * ENTRY_LENGTH;

    public static final long PID_MASK = 0xFFFF_FFFFL;
    public static final int GENERATION_SHIFT = 32;
    public static final long LIVE = 1L << 62;

    public static final int PARAM_CAPACITY = 0;
    public static final int PARAM_ENTRY_LENGTH = 1;

    private RegistryDescriptor()
    {
    }

    public static int entryOffset(final int slot)
    {
        return slot * ENTRY_LENGTH;
    }

    public static long pid(final long state)
    {
        return state & PID_MASK;
    }

    public static int generation(final long state)
    {
        return (int)(state >>> GENERATION_SHIFT) & GENERATION_MASK;
    }

    public static long state(final int generation, final long pid)
    {
        return ((long)generation << GENERATION_SHIFT) | (pid & PID_MASK);
    }

    /**
     * @return the generation after {@code generation}, skipping 0.
     */
    public static int nextGeneration(final int generation)
    {
        final int next = (generation + 1) & GENERATION_MASK;
        return next == 0 ? 1 : next;
    }

    public static int token(final int slot, final int generation)
    {
        return (generation << SLOT_BITS) | slot;
    }

    public static int slot(final int token)
    {
        return token & SLOT_MASK;
    }

    public static int tokenGeneration(final int token)
    {
        return (token >>> SLOT_BITS) & GENERATION_MASK;
    }

    /**
     * @return true for a token a claimant can have been given (only the range is checked).
     */
    public static boolean isPlausibleToken(final int token)
    {
        return (token >>> TOKEN_BITS) == 0 && tokenGeneration(token) != 0;
    }
}
