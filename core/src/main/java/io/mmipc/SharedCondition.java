package io.mmipc;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A condition variable across processes, bound to a {@link SharedLock} or {@link SharedRLock}:
 * Python's {@code multiprocessing.Condition(lock)} as a {@link Condition}.
 * <pre>{@code
 * SharedLock lock = ctx.lock("jobs-lock");
 * SharedCondition ready = ctx.condition("jobs-ready", lock);
 * lock.lock();
 * try {
 *     while (jobs.get() == 0) {
 *         ready.await();
 *     }
 *     ...
 * } finally {
 *     lock.unlock();
 * }
 * }</pre>
 * {@link #await()} releases the lock (every hold of a reentrant one), waits for a signal and
 * takes the lock back before it returns, also on timeout and interrupt. Every method needs the
 * lock held by the calling thread ({@link IllegalMonitorStateException} otherwise). As with every
 * {@link Condition}, a waiter may wake without a signal, so wait in a loop on the predicate, or
 * use {@link #await(BooleanSupplier, long, TimeUnit)} (Python's {@code wait_for}).
 * <p>
 * A waiter that dies never takes a signal meant for the living: a signal wakes whichever live
 * waiter claims it first, so a dead waiter costs at most a spurious wake-up later.
 */
public interface SharedCondition extends Condition, SharedResource
{
    /**
     * @return the lock this condition is bound to.
     */
    SharedLock lock();

    /**
     * Waits until {@code predicate} holds, re-checking it after every wake-up, for at most
     * {@code timeout}. The lock must be held; the predicate runs with it held.
     *
     * @return the predicate's last value (false: timed out).
     */
    boolean await(BooleanSupplier predicate, long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * Wakes up to {@code n} waiting threads (of any processes): Python's {@code notify(n)}. Exactly
     * {@code min(n, waiting)} wake-ups are granted to the threads that wait now; a thread that starts
     * waiting after this call is not woken by it. {@code signal(1)} is {@link #signal()}.
     *
     * @throws IllegalArgumentException when {@code n} is negative.
     * @throws IllegalMonitorStateException when the calling thread does not hold the lock.
     */
    void signal(int n);

    /**
     * Sets how this process's threads wait (default {@link Idle#backoff()}).
     *
     * @return this condition.
     */
    SharedCondition idle(Supplier<IdleStrategy> idle);
}
