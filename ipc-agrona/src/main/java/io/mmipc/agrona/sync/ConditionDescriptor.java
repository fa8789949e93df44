package io.mmipc.agrona.sync;

import io.mmipc.internal.wait.WakeWordDescriptor;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

/**
 * Layout of a condition's file (kind {@code SYNC}, type {@code condition}; parameter {@code lock}:
 * a hash of the bound lock's kind and name, so that every process binds the same lock).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Sequence word (64), CAS as one                |  0
 *  +---------------------------------------------------------------+
 *  |                     Padding to 128 bytes                     ...
 *  +---------------------------------------------------------------+
 *  |  Wake word slot (WakeWordDescriptor, 128 bytes):              | 128
 *  |  notify signals it, await sleeps on it                       ...
 *  +---------------------------------------------------------------+
 *
 *   Sequence word:
 *    63 62                42 41                21 20                 0
 *   +--+--------------------+--------------------+--------------------+
 *   |0 |   waits (21)       |   wake-ups (21)    |    woken (21)      |
 *   +--+--------------------+--------------------+--------------------+
 * </pre>
 * Three counters modulo 2^21, after glibc's first condition variable: {@code waits} counts
 * waiters that arrived, {@code wake-ups} the wake-ups granted (signals, and waiters that gave up
 * on timeout or interrupt), {@code woken} the wake-ups taken. A waiter remembers
 * {@code wake-ups} when it arrives and takes a wake-up once the count moved and one is left.
 * {@code signal} grants one while waits exceed wake-ups; {@code signal(n)} up to n; {@code signalAll} all. Every
 * change is one CAS of the whole word, so a process that dies at any instruction leaves it
 * consistent: a dead waiter only leaves a wake-up that someone takes as a spurious one.
 */
public final class ConditionDescriptor
{
    public static final int WORD_OFFSET = 0;
    public static final int WAKE_OFFSET = CACHE_LINE_LENGTH * 2;
    public static final int BODY_LENGTH = WAKE_OFFSET + WakeWordDescriptor.SLOT_LENGTH;
    public static final int PARAM_LOCK = 0;
    public static final String TYPE = "condition";

    static final int COUNTER_BITS = 21;
    static final long COUNTER_MASK = (1L << COUNTER_BITS) - 1;
    static final int WAKEUPS_SHIFT = COUNTER_BITS;
    static final int WAITS_SHIFT = 2 * COUNTER_BITS;

    private ConditionDescriptor()
    {
    }

    static long woken(final long word)
    {
        return word & COUNTER_MASK;
    }

    public static long wakeups(final long word)
    {
        return (word >>> WAKEUPS_SHIFT) & COUNTER_MASK;
    }

    public static long waits(final long word)
    {
        return (word >>> WAITS_SHIFT) & COUNTER_MASK;
    }

    static long word(final long waits, final long wakeups, final long woken)
    {
        return ((waits & COUNTER_MASK) << WAITS_SHIFT) | ((wakeups & COUNTER_MASK) << WAKEUPS_SHIFT) |
            (woken & COUNTER_MASK);
    }

    /**
     * @return {@code a - b} on the counters' circle.
     */
    public static long distance(final long a, final long b)
    {
        return (a - b) & COUNTER_MASK;
    }

    /**
     * @return true when woken &lt;= wake-ups &lt;= waits on the circle and the spare bit is clear.
     */
    static boolean isConsistent(final long word)
    {
        return word >= 0 && distance(wakeups(word), woken(word)) <= distance(waits(word), woken(word));
    }
}
