package io.mmipc.internal.wait;

import io.mmipc.Idle;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Waits until any of several {@link Waitable}s is ready, with the one {@link Waiter}: it spins,
 * yields, then arms the wake word of every object ({@link Waiter#beginAny}), re-checks them all
 * and sleeps in the kernel on all the words at once, so whichever publisher signals first wakes
 * it; no object is polled in turn with sleeps. Objects that share a word (every process exit
 * signals one) are armed once. Every {@link Waiter#DEFAULT_CHECK_NANOS} the check asks each
 * object whether its peer died (end-of-stream signals nothing).
 */
public final class WaitAny
{
    private static final ThreadLocal<Waiter> WAITERS = Waiter.perThread(Idle.backoff());

    private WaitAny()
    {
    }

    /**
     * @param objects      what to wait for, each paired with what the caller returns for it.
     * @param timeoutNanos {@link Waiter#FOREVER}, or the longest wait (0: look once).
     * @return the indexes of the ready objects, in order; empty when none became ready in time.
     * @throws InterruptedException  when the thread is interrupted while it waits.
     * @throws IllegalStateException when an object is closed.
     */
    public static List<Integer> await(final List<? extends Waitable> objects, final long timeoutNanos)
        throws InterruptedException
    {
        final int count = objects.size();
        final WakeWord[] words = new WakeWord[Math.max(1, count)];
        final Map<WakeWord, Boolean> seen = new IdentityHashMap<>();
        final boolean maySleep = Futex.sleepsPossible();
        int entered = 0;
        int wordCount = 0;
        try
        {
            for (final Waitable object : objects)
            {
                final WakeWord word = object.enterWait(maySleep);
                entered++;
                if (word != null && seen.put(word, Boolean.TRUE) == null)
                {
                    words[wordCount++] = word;
                }
            }
            return awaitEntered(objects, timeoutNanos, words, wordCount);
        }
        finally
        {
            for (int i = 0; i < entered; i++)
            {
                objects.get(i).exitWait();
            }
        }
    }

    private static List<Integer> awaitEntered(final List<? extends Waitable> objects, final long timeoutNanos,
        final WakeWord[] words, final int wordCount) throws InterruptedException
    {
        final List<Integer> ready = new ArrayList<>();
        boolean busy = scan(objects, true, ready);
        if (!ready.isEmpty() || timeoutNanos == 0)
        {
            return ready;
        }
        final Waiter waiter = wordCount == 0 ? WAITERS.get().begin(timeoutNanos, true) :
            WAITERS.get().beginAny(timeoutNanos, true, Waiter.DEFAULT_CHECK_NANOS, words, wordCount);
        try
        {
            while (true)
            {
                if (busy)
                {
                    waiter.stayAwake();
                }
                final int state = waiter.idle();
                if (state == Waiter.TIMED_OUT)
                {
                    return ready;
                }
                if (state == Waiter.INTERRUPTED)
                {
                    throw new InterruptedException("interrupted while waiting for any of " + objects);
                }
                busy = scan(objects, waiter.checkDue(), ready);
                if (!ready.isEmpty())
                {
                    return ready;
                }
            }
        }
        finally
        {
            waiter.end();
        }
    }

    /**
     * @return true when some object said {@link Waitable#BUSY}.
     */
    private static boolean scan(final List<? extends Waitable> objects, final boolean check, final List<Integer> ready)
    {
        boolean busy = false;
        for (int i = 0; i < objects.size(); i++)
        {
            final int state = objects.get(i).readiness(check);
            if (state == Waitable.READY)
            {
                ready.add(i);
            }
            busy |= state == Waitable.BUSY;
        }
        return busy;
    }
}
