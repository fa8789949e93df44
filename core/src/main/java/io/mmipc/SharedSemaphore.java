package io.mmipc;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A counting semaphore across processes: Python's {@code multiprocessing.Semaphore} and
 * {@code BoundedSemaphore}, with {@link java.util.concurrent.Semaphore}'s vocabulary.
 * <p>
 * As in Python and Java, permits have no owner: any process may release a permit another
 * acquired (that is how a semaphore signals). So the permits a process holds when it dies are
 * <em>not</em> returned: mmipc cannot tell a permit held for a critical section from one consumed
 * as a signal. Use {@link SharedLock} when the holder's death must free the resource, and the
 * timed {@link #tryAcquire(long, TimeUnit)} where a lost permit must not block forever.
 * <p>
 * A bounded semaphore refuses a release beyond its initial permits with an
 * {@link IllegalStateException} (Python's {@code ValueError}). Acquisition is not fair; waiting
 * polls through an {@link Idle} strategy.
 */
public interface SharedSemaphore extends SharedResource
{
    void acquire() throws InterruptedException;

    void acquire(int permits) throws InterruptedException;

    void acquireUninterruptibly();

    void acquireUninterruptibly(int permits);

    boolean tryAcquire();

    boolean tryAcquire(int permits);

    boolean tryAcquire(long timeout, TimeUnit unit) throws InterruptedException;

    boolean tryAcquire(int permits, long timeout, TimeUnit unit) throws InterruptedException;

    void release();

    void release(int permits);

    int availablePermits();

    /**
     * Takes every available permit.
     *
     * @return how many it took.
     */
    int drainPermits();

    /**
     * @return true for a bounded semaphore.
     */
    boolean isBounded();

    /**
     * @return the permits the semaphore was created with (a bounded semaphore's bound).
     */
    int initialPermits();

    /**
     * Sets how this process's threads wait for permits (default {@link Idle#backoff()}).
     *
     * @return this semaphore.
     */
    SharedSemaphore idle(Supplier<IdleStrategy> idle);
}
