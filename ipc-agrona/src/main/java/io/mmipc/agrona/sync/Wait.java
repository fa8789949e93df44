package io.mmipc.agrona.sync;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One blocking call's wait: an idle strategy, a deadline and the interrupt policy. A poll loop
 * calls {@link #idle()} after each unsuccessful look and acts on what it returns.
 * <p>
 * An uninterruptible wait clears the interrupt status while it polls (a parked thread with the
 * status set would not park, and the wait would spin) and restores it in {@link #done()}.
 */
final class Wait
{
    /** Keep polling. */
    static final int AGAIN = 0;
    /** The deadline passed. */
    static final int TIMED_OUT = 1;
    /** The thread was interrupted (interruptible waits only). */
    static final int INTERRUPTED = 2;

    /** A timeout this long or longer is no timeout: its deadline would overflow. */
    private static final long FOREVER_NANOS = Long.MAX_VALUE / 4;

    private final IdleStrategy idle;
    private final boolean interruptible;
    private final boolean timed;
    private final long deadline;
    private boolean interrupted;

    private Wait(final Supplier<IdleStrategy> idle, final long timeoutNanos, final boolean interruptible)
    {
        this.idle = idle.get();
        this.interruptible = interruptible;
        this.timed = timeoutNanos >= 0 && timeoutNanos < FOREVER_NANOS;
        this.deadline = timed ? System.nanoTime() + timeoutNanos : 0;
    }

    static Wait forever(final Supplier<IdleStrategy> idle, final boolean interruptible)
    {
        return new Wait(idle, -1, interruptible);
    }

    static Wait timed(final Supplier<IdleStrategy> idle, final long timeout, final TimeUnit unit)
    {
        return new Wait(idle, Math.max(0, unit.toNanos(timeout)), true);
    }

    static Wait nanos(final Supplier<IdleStrategy> idle, final long timeoutNanos, final boolean interruptible)
    {
        return new Wait(idle, Math.max(0, timeoutNanos), interruptible);
    }

    /**
     * Idles once, unless the deadline passed or an interruptible wait was interrupted.
     *
     * @return {@link #AGAIN}, {@link #TIMED_OUT} or {@link #INTERRUPTED}.
     */
    int idle()
    {
        if (Thread.interrupted())
        {
            if (interruptible)
            {
                return INTERRUPTED;
            }
            interrupted = true;
        }
        if (timed && System.nanoTime() - deadline >= 0)
        {
            return TIMED_OUT;
        }
        idle.idle();
        return AGAIN;
    }

    /**
     * @return the nanoseconds left before the deadline (negative when past; {@code Long.MAX_VALUE} untimed).
     */
    long remainingNanos()
    {
        return timed ? deadline - System.nanoTime() : Long.MAX_VALUE;
    }

    /**
     * Ends the wait: restores an interrupt that an uninterruptible wait swallowed.
     */
    void done()
    {
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }
}
