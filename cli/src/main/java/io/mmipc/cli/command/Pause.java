package io.mmipc.cli.command;

import io.mmipc.Idle;
import io.mmipc.internal.wait.Waiter;

import java.time.Duration;

/**
 * The tool's waits between refreshes and polls, through mmipc's one waiter (so when the waiter
 * learns to sleep differently, so does the tool). Parks grow to 50 ms: prompt enough for people,
 * idle enough for a tool left running.
 */
final class Pause
{
    private static final ThreadLocal<Waiter> WAITERS = Waiter.perThread(Idle.backoff(Duration.ofMillis(50)));

    private Pause()
    {
    }

    /**
     * Waits {@code nanos}.
     *
     * @return false when the thread was interrupted (the interrupt status stays cleared).
     */
    static boolean pause(final long nanos)
    {
        final Waiter waiter = WAITERS.get().begin(nanos, true);
        try
        {
            while (true)
            {
                final int state = waiter.idle();
                if (state == Waiter.TIMED_OUT)
                {
                    return true;
                }
                if (state == Waiter.INTERRUPTED)
                {
                    return false;
                }
            }
        }
        finally
        {
            waiter.end();
        }
    }

    /**
     * One idle step of a poll loop that waits for something to appear (a log message).
     *
     * @return false when the thread was interrupted.
     */
    static boolean idle(final Waiter waiter)
    {
        return waiter.idle() != Waiter.INTERRUPTED;
    }

    /**
     * @return this thread's waiter, begun for a wait without deadline.
     */
    static Waiter forever()
    {
        return WAITERS.get().begin(Waiter.FOREVER, true);
    }
}
