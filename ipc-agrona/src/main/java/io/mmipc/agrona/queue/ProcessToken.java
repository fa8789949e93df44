package io.mmipc.agrona.queue;

import io.mmipc.internal.owner.ProcessIdentity;

import java.util.BitSet;
import java.util.Optional;

/**
 * Who holds a slot or a lock word: one 64-bit value that a single CAS can install, and that
 * alone tells whether its holder still lives.
 * <pre>
 *   | 0 | start time, epoch ms mod 2^31 (31) | instance (10) | pid (22) |
 * </pre>
 * The pid and start time name the process (the start time guards against pid reuse, compared
 * modulo 2^31 ms, about 25 days); the instance number tells apart the queue and pipe objects of
 * one JVM, so that two of them never share a lock or a one-to-one role. A token is never 0.
 */
final class ProcessToken
{
    static final int PID_BITS = 22;
    static final int INSTANCE_BITS = 10;
    static final int START_BITS = 31;
    static final int MAX_INSTANCES = 1 << INSTANCE_BITS;

    private static final long PID_MASK = (1L << PID_BITS) - 1;
    private static final long INSTANCE_MASK = (1L << INSTANCE_BITS) - 1;
    private static final long START_MASK = (1L << START_BITS) - 1;
    private static final ProcessIdentity SELF = ProcessIdentity.current();
    private static final BitSet LIVE = new BitSet(MAX_INSTANCES);
    private static int nextInstance;

    private ProcessToken()
    {
    }

    /**
     * @return a token for a new object of this JVM; give it back with {@link #release(long)}.
     * @throws IllegalStateException when this JVM has {@value #MAX_INSTANCES} open queue and pipe objects.
     */
    static long acquire()
    {
        if (SELF.pid() > PID_MASK)
        {
            throw new IllegalStateException("pid " + SELF.pid() + " does not fit in " + PID_BITS + " bits");
        }
        final int instance;
        synchronized (LIVE)
        {
            // Round robin, so a released number is not at once reused while stale copies may linger.
            int found = LIVE.nextClearBit(nextInstance);
            if (found >= MAX_INSTANCES)
            {
                found = LIVE.nextClearBit(0);
            }
            if (found >= MAX_INSTANCES)
            {
                throw new IllegalStateException("this JVM has " + MAX_INSTANCES +
                    " queue and pipe objects open; close some (each open object holds a process slot)");
            }
            LIVE.set(found);
            nextInstance = (found + 1) & (MAX_INSTANCES - 1);
            instance = found;
        }
        return token(SELF.pid(), instance, SELF.startMillis());
    }

    static void release(final long token)
    {
        if (pid(token) == SELF.pid())
        {
            synchronized (LIVE)
            {
                LIVE.clear(instance(token));
            }
        }
    }

    static long token(final long pid, final int instance, final long startMillis)
    {
        return ((startMillis & START_MASK) << (PID_BITS + INSTANCE_BITS)) | ((long)instance << PID_BITS) | pid;
    }

    static long pid(final long token)
    {
        return token & PID_MASK;
    }

    static int instance(final long token)
    {
        return (int)((token >>> PID_BITS) & INSTANCE_MASK);
    }

    /**
     * @return true when the token's process runs (and started when the token says) and, for a
     *         token of this JVM, its object is still open. One {@code /proc} read for another process.
     */
    static boolean isAlive(final long token)
    {
        if (token <= 0)
        {
            return false;
        }
        final long pid = pid(token);
        final long start = token >>> (PID_BITS + INSTANCE_BITS);
        if (pid == SELF.pid())
        {
            synchronized (LIVE)
            {
                return start == (SELF.startMillis() & START_MASK) && LIVE.get(instance(token));
            }
        }
        final Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive())
        {
            return false;
        }
        final long actual = ProcessIdentity.of(handle.get()).startMillis();
        return actual == ProcessIdentity.UNKNOWN_START || start == 0 || (actual & START_MASK) == start;
    }

    /**
     * Watches one token at a time without allocating: the first question about a token looks the
     * process up; later ones ask the same {@link ProcessHandle}, whose {@code isAlive()} compares
     * the process start time (one {@code /proc} read, nothing allocated).
     */
    static final class Watch
    {
        private long token;
        private ProcessHandle handle;
        private boolean dead;

        /**
         * @return true when this watch has already found {@code watched} dead (no look-up).
         */
        boolean knownDead(final long watched)
        {
            return dead && watched == token;
        }

        boolean isAlive(final long watched)
        {
            if (watched != token)
            {
                token = watched;
                handle = null;
                dead = !ProcessToken.isAlive(watched);
                if (!dead && pid(watched) != SELF.pid())
                {
                    handle = ProcessHandle.of(pid(watched)).orElse(null);
                    dead = handle == null;
                }
                return !dead;
            }
            if (!dead)
            {
                dead = handle != null ? !handle.isAlive() : !ProcessToken.isAlive(watched);
            }
            return !dead;
        }
    }

    static String describe(final long token)
    {
        return token == 0 ? "nobody" : "pid " + pid(token) + " (object " + instance(token) + ")";
    }
}
