package io.mmipc.agrona.sync;

import io.mmipc.internal.wait.WakeWordDescriptor;
import org.agrona.BitUtil;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

/**
 * Layout of a barrier's file (kind {@code SYNC}, type {@code barrier}; parameters {@code parties}
 * and {@code barrierLayout}, {@link #LAYOUT_VERSION}).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                  State word (64), CAS as one                  |  0
 *  +---------------------------------------------------------------+
 *  |                     Padding to 128 bytes                     ...
 *  +---------------------------------------------------------------+
 *  |  Wake word slot (WakeWordDescriptor, 128 bytes): the last     | 128
 *  |  arrival and reset() signal it, waiting parties sleep on it  ...
 *  +---------------------------------------------------------------+
 *  |   Reset ring: 64 words; word g % 64 = g | MARK once reset()   | 256
 *  |   ended generation g                                         ...
 *  +---------------------------------------------------------------+
 *  |   Arrivals: one word per party, (generation &lt;&lt; 32) | token of | 768
 *  |   the participant that arrived i-th in that generation       ...
 *  +---------------------------------------------------------------+
 *
 *   State word:
 *    63                                 33 32 31                   0
 *   +-------------------------------------+--+----------------------+
 *   |           generation (31)           |B |     arrived (32)     |
 *   +-------------------------------------+--+----------------------+
 * </pre>
 * An arrival is one CAS that counts it; the last arrival's CAS starts the next generation
 * instead. When that last party's barrier object has an action, its CAS counts it like the others
 * (arrived = parties: the action runs, nobody is released, later arrivals wait) and, once the action
 * returned, a second CAS starts the next generation; an action that throws breaks the generation. B, broken, stays set until {@code reset()}, which breaks the generation, marks it in
 * the reset ring (so its waiters can tell a reset from a trip after the generation moved on) and
 * starts the next. Arrival words are written once per arrival and read only by waiters looking
 * for dead parties, so they share cache lines.
 */
public final class BarrierDescriptor
{
    public static final int STATE_OFFSET = 0;
    public static final int WAKE_OFFSET = CACHE_LINE_LENGTH * 2;
    static final int RESET_RING_OFFSET = WAKE_OFFSET + WakeWordDescriptor.SLOT_LENGTH;
    static final int RESET_RING_LENGTH = 64;
    static final int ARRIVALS_OFFSET = RESET_RING_OFFSET + RESET_RING_LENGTH * Long.BYTES;
    public static final int MAX_PARTIES = 1 << 16;
    public static final int PARAM_PARTIES = 0;
    public static final int PARAM_LAYOUT = 1;
    /** 1: arrived may equal parties while the tripping party runs its action (files without it read 0). */
    public static final int LAYOUT_VERSION = 1;
    public static final String TYPE = "barrier";

    static final long ARRIVED_MASK = 0xFFFF_FFFFL;
    static final long BROKEN = 1L << 32;
    static final int GENERATION_SHIFT = 33;
    static final long GENERATION_MASK = (1L << 31) - 1;
    static final long RESET_MARK = 1L << 63;

    private BarrierDescriptor()
    {
    }

    public static long bodyLength(final int parties)
    {
        return BitUtil.align(ARRIVALS_OFFSET + (long)parties * Long.BYTES, CACHE_LINE_LENGTH * 2);
    }

    public static long generation(final long state)
    {
        return (state >>> GENERATION_SHIFT) & GENERATION_MASK;
    }

    public static int arrived(final long state)
    {
        return (int)(state & ARRIVED_MASK);
    }

    public static boolean isBroken(final long state)
    {
        return (state & BROKEN) != 0;
    }

    static long state(final long generation, final boolean broken, final int arrived)
    {
        return ((generation & GENERATION_MASK) << GENERATION_SHIFT) | (broken ? BROKEN : 0) | (arrived & ARRIVED_MASK);
    }

    static int resetRingOffset(final long generation)
    {
        return RESET_RING_OFFSET + (int)(generation % RESET_RING_LENGTH) * Long.BYTES;
    }

    static int arrivalOffset(final int index)
    {
        return ARRIVALS_OFFSET + index * Long.BYTES;
    }

    static long arrival(final long generation, final int token)
    {
        return (generation << 32) | (token & 0xFFFF_FFFFL);
    }
}
