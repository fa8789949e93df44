package io.mmipc.agrona.sync;

import io.mmipc.Idle;
import io.mmipc.internal.wait.Waiter;
import io.mmipc.internal.wait.WakeWord;
import org.agrona.concurrent.IdleStrategy;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An object's idle strategy as one {@link Waiter} per thread: what every blocking call of this
 * package and of the shared dict waits with, so that how a process sleeps is decided in
 * {@link Waiter} alone. An object that several locks serve (a dict's stripes) shares one.
 * <p>
 * Each object has its own per-thread waiters, so a wait inside another object's wait (a
 * condition taking its lock back) never reuses the waiter that is still running.
 */
public final class Waiters
{
    private volatile Supplier<IdleStrategy> idle;
    private volatile ThreadLocal<Waiter> perThread;

    public Waiters()
    {
        this(Idle.backoff());
    }

    public Waiters(final Supplier<IdleStrategy> idle)
    {
        idle(idle);
    }

    /**
     * Replaces the idle strategy; waits that already run keep theirs.
     */
    public void idle(final Supplier<IdleStrategy> value)
    {
        Objects.requireNonNull(value, "idle");
        perThread = Waiter.perThread(value);
        idle = value;
    }

    public Supplier<IdleStrategy> idle()
    {
        return idle;
    }

    /**
     * Starts a wait of the calling thread ({@link Waiter#begin(long, boolean)}); end it with
     * {@link Waiter#end()} in a {@code finally}.
     *
     * @param timeoutNanos {@link Waiter#FOREVER}, or the longest wait (a negative one times out at once).
     */
    public Waiter begin(final long timeoutNanos, final boolean interruptible)
    {
        return perThread.get().begin(timeoutNanos, interruptible);
    }

    /**
     * Starts a wait that may sleep in the kernel on {@code word} ({@link Waiter#begin(long,
     * boolean, WakeWord)}) until the condition's publisher signals it.
     */
    public Waiter begin(final long timeoutNanos, final boolean interruptible, final WakeWord word)
    {
        return perThread.get().begin(timeoutNanos, interruptible, word);
    }

    /**
     * @param checkPeriodNanos how often {@link Waiter#checkDue()} says yes.
     */
    public Waiter begin(final long timeoutNanos, final boolean interruptible, final long checkPeriodNanos)
    {
        return perThread.get().begin(timeoutNanos, interruptible, checkPeriodNanos);
    }

    /**
     * A wait with a liveness check period that may sleep in the kernel on {@code word}.
     */
    public Waiter begin(final long timeoutNanos, final boolean interruptible, final long checkPeriodNanos,
        final WakeWord word)
    {
        return perThread.get().begin(timeoutNanos, interruptible, checkPeriodNanos, word);
    }

    /**
     * @return {@code timeout} in nanoseconds for {@link #begin}: never {@link Waiter#FOREVER}
     *         (a negative timeout means "do not wait", as in {@code java.util.concurrent}).
     */
    public static long timeoutNanos(final long timeout, final TimeUnit unit)
    {
        return Math.max(0, unit.toNanos(timeout));
    }
}
