package io.mmipc.internal.wait;

import org.agrona.concurrent.IdleStrategy;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one way mmipc waits for another process: every blocking call of every primitive (queue,
 * pipe, lock, rlock, semaphore, event, condition, barrier, dict writers, the durable log's
 * {@code take}, the Pool's dispatcher) loops on its own non-blocking attempt and calls
 * {@link #idle()} between attempts. How a waiter sleeps is decided here and only here.
 * <pre>{@code
 * Waiter w = waiters.get().begin(timeoutNanos, true);   // one per thread, reused: no allocation
 * try {
 *     while (!attempt()) {
 *         int s = w.idle();
 *         if (s == Waiter.TIMED_OUT) return false;
 *         if (s == Waiter.INTERRUPTED) throw new InterruptedException();
 *         if (w.checkDue()) checkPeer();                  // every checkPeriodNanos
 *     }
 * } finally { w.end(); }
 * }</pre>
 * Today a waiter spins, yields, then parks with growing sleeps (the context's {@link IdleStrategy});
 * a sleep ends at the latest after the strategy's longest park, so interrupts and deadlines are
 * honoured within that bound. An uninterruptible wait clears the interrupt status while it idles
 * (a parked thread with the status set would not park and the wait would spin) and restores it in
 * {@link #end()}.
 * <p>
 * Not thread-safe: each waiting thread uses its own ({@link #perThread}).
 */
public final class Waiter
{
    /** A timeout meaning "as long as it takes". */
    public static final long FOREVER = -1;
    /** Keep trying. */
    public static final int AGAIN = 0;
    /** The deadline passed. */
    public static final int TIMED_OUT = 1;
    /** The thread was interrupted (interruptible waits only). */
    public static final int INTERRUPTED = 2;
    /** How often {@link #checkDue()} says yes by default: the peer-liveness period of waits. */
    public static final long DEFAULT_CHECK_NANOS = 10_000_000L;

    /** A timeout this long or longer is no timeout: its deadline would overflow. */
    private static final long FOREVER_NANOS = Long.MAX_VALUE / 4;

    private final IdleStrategy idle;
    private boolean interruptible;
    private boolean timed;
    private long deadline;
    private long checkPeriod = DEFAULT_CHECK_NANOS;
    private long nextCheck;
    private boolean swallowedInterrupt;

    public Waiter(final IdleStrategy idle)
    {
        this.idle = Objects.requireNonNull(idle, "idle");
    }

    /**
     * @return one waiter per thread, each with its own idle strategy from {@code idle}.
     */
    public static ThreadLocal<Waiter> perThread(final Supplier<IdleStrategy> idle)
    {
        Objects.requireNonNull(idle, "idle");
        return ThreadLocal.withInitial(() -> new Waiter(idle.get()));
    }

    /**
     * Starts one wait.
     *
     * @param timeoutNanos  {@link #FOREVER}, or the longest wait (0 and negatives other than
     *                      {@code FOREVER} time out at the first {@link #idle()}).
     * @param interruptible whether an interrupt ends the wait ({@link #INTERRUPTED}).
     */
    public Waiter begin(final long timeoutNanos, final boolean interruptible)
    {
        return begin(timeoutNanos, interruptible, DEFAULT_CHECK_NANOS);
    }

    /**
     * @param checkPeriodNanos how often {@link #checkDue()} says yes (the first time after one period).
     */
    public Waiter begin(final long timeoutNanos, final boolean interruptible, final long checkPeriodNanos)
    {
        final long now = System.nanoTime();
        this.interruptible = interruptible;
        this.timed = timeoutNanos != FOREVER && timeoutNanos < FOREVER_NANOS;
        this.deadline = timed ? now + Math.max(0, timeoutNanos) : 0;
        this.checkPeriod = checkPeriodNanos;
        this.nextCheck = now + checkPeriodNanos;
        this.swallowedInterrupt = false;
        idle.reset();
        return this;
    }

    /**
     * Sleeps once, unless the deadline passed or an interruptible wait was interrupted.
     *
     * @return {@link #AGAIN}, {@link #TIMED_OUT} or {@link #INTERRUPTED}.
     */
    public int idle()
    {
        if (Thread.interrupted())
        {
            if (interruptible)
            {
                return INTERRUPTED;
            }
            swallowedInterrupt = true;
        }
        if (timed && System.nanoTime() - deadline >= 0)
        {
            return TIMED_OUT;
        }
        idle.idle();
        return AGAIN;
    }

    /**
     * @return true about once per check period: time to ask whether the peer still lives.
     */
    public boolean checkDue()
    {
        final long now = System.nanoTime();
        if (now - nextCheck >= 0)
        {
            nextCheck = now + checkPeriod;
            return true;
        }
        return false;
    }

    /**
     * @return the nanoseconds left before the deadline (negative when past; {@code Long.MAX_VALUE} untimed).
     */
    public long remainingNanos()
    {
        return timed ? deadline - System.nanoTime() : Long.MAX_VALUE;
    }

    public boolean isTimed()
    {
        return timed;
    }

    /**
     * Ends the wait: restores an interrupt that an uninterruptible wait swallowed.
     */
    public void end()
    {
        if (swallowedInterrupt)
        {
            swallowedInterrupt = false;
            Thread.currentThread().interrupt();
        }
    }
}
