package io.mmipc.internal.wait;

/**
 * Layout of a wake word slot: the 32-bit word that waiters of one condition sleep on
 * ({@code FUTEX_WAIT}) and its publishers bump and wake ({@code FUTEX_WAKE}), plus two counters
 * that only the slow paths touch. A primitive puts one slot per condition it waits for ("not
 * empty", "not full", "released") in its file, on its own {@link #SLOT_LENGTH}-byte slot so that
 * publishing never shares a cache line with the data or with another condition.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-------------------------------------------------------------+
 *  |S|          Sequence: bits 1..31, +1 per signal (wraps)        |  0  the futex word
 *  +-+-------------------------------------------------------------+
 *  |                           Reserved                            |  4
 *  +---------------------------------------------------------------+
 *  |        Wakes: FUTEX_WAKE calls publishers made (64)           |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |        Sleeps: FUTEX_WAIT calls waiters made (64)             | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Padding to 128 bytes                        ...  24
 *  +---------------------------------------------------------------+
 * </pre>
 * S (bit 0, {@link #SLEEPERS}): someone may be asleep on the word, or about to be; set by a
 * waiter, cleared only by the publisher that then wakes everyone. All zero is the initial state
 * (a new file is zero-filled), and any value is safe to find: the worst a garbage word costs is
 * one spare wake. The counters are for observation ({@code mmipc stat}, tests) and are updated
 * only beside a system call.
 */
public final class WakeWordDescriptor
{
    /** The 32-bit futex word: sleepers flag and sequence. */
    public static final int WORD_OFFSET = 0;
    /** 64-bit count of {@code FUTEX_WAKE} calls made on this word, by any process. */
    public static final int WAKES_OFFSET = 8;
    /** 64-bit count of {@code FUTEX_WAIT} calls made on this word, by any process. */
    public static final int SLEEPS_OFFSET = 16;
    /** Two cache lines, as Agrona pads the words of its rings that different processes write. */
    public static final int SLOT_LENGTH = 128;
    /** A slot must start on this boundary (the counters are 64-bit atomics; the futex needs 4). */
    public static final int ALIGNMENT = 8;

    /** Bit 0 of the word: a waiter may sleep on it. */
    public static final int SLEEPERS = 1;
    /** What one signal adds to the word: the sequence lives above the flag. */
    public static final int SEQUENCE_STEP = 2;

    private WakeWordDescriptor()
    {
    }

    /**
     * @return the sequence part of a word's value.
     */
    public static int sequence(final int word)
    {
        return word >>> 1;
    }

    /**
     * @throws IllegalArgumentException naming the values when a slot at {@code offset} of a
     *                                  buffer of {@code capacity} bytes at {@code address} would
     *                                  not fit or not be aligned.
     */
    public static void checkSlot(final long address, final int capacity, final int offset)
    {
        if (offset < 0 || (long)offset + SLOT_LENGTH > capacity)
        {
            throw new IllegalArgumentException("wake word slot at offset " + offset + " (length " + SLOT_LENGTH +
                ") does not fit a buffer of capacity " + capacity);
        }
        if (((address + offset) & (ALIGNMENT - 1)) != 0)
        {
            throw new IllegalArgumentException("wake word slot at offset " + offset + " (address 0x" +
                Long.toHexString(address + offset) + ") is not " + ALIGNMENT + "-byte aligned");
        }
    }
}
