package io.mmipc;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * A mutual-exclusion lock across processes: Python's {@code multiprocessing.Lock} as a
 * {@link Lock}. It is owned by one thread of one process at a time; {@link #unlock()} by any other
 * thread is an {@link IllegalMonitorStateException}. It is not reentrant: {@link #lock()} by the
 * thread that holds it is an {@link IllegalStateException} (it would deadlock), and
 * {@link #tryLock()} returns false. {@link SharedRLock} is the reentrant one.
 * <pre>{@code
 * SharedLock lock = ctx.lock("accounts");
 * lock.lock();
 * try {
 *     if (lock.previousOwnerDied()) {
 *         repair();                  // the last holder was killed half-way through
 *     }
 *     update();
 * } finally {
 *     lock.unlock();
 * }
 * }</pre>
 * <b>Robust.</b> When the process that holds the lock dies (even by {@code kill -9}), a waiter
 * takes the lock over within about ten milliseconds of polling and {@link #previousOwnerDied()}
 * tells the new holder, which should repair the data the lock guards (POSIX's
 * {@code EOWNERDEAD}). Python's lock would stay held forever. A thread that ends while holding
 * the lock in a process that goes on leaves the lock held, as with
 * {@link java.util.concurrent.locks.ReentrantLock}. A lock word that holds no owner mmipc writes
 * is a {@link SharedStateCorruptedException}, never a hang.
 * <p>
 * <b>Waiting</b> polls through an {@link Idle} strategy (default {@link Idle#backoff()}: spin,
 * yield, then park up to a millisecond). {@link #lock()} ignores interrupts (and keeps the
 * thread's interrupt status); {@link #lockInterruptibly()} and {@link #tryLock(long, TimeUnit)}
 * honour them. Acquisition is not fair.
 */
public interface SharedLock extends Lock, SharedResource
{
    /**
     * Python's {@code with lock:}: takes the lock and returns it as a resource that unlocks on close.
     * <pre>{@code
     * try (SharedLock.Held held = lock.locked()) {
     *     counter.set(counter.get() + 1);
     * }
     * }</pre>
     */
    default Held locked()
    {
        lock();
        return this::unlock;
    }

    /**
     * A held lock, released by {@link #close()}.
     */
    @FunctionalInterface
    interface Held extends AutoCloseable
    {
        @Override
        void close();
    }

    /**
     * @return true when some thread of some process holds the lock.
     */
    boolean isLocked();

    boolean isHeldByCurrentThread();

    /**
     * @return true when the current thread holds the lock and took it over from a process that
     *         died holding it: the data the lock guards may be half-updated.
     */
    boolean previousOwnerDied();

    /**
     * @return the pid of the process that holds the lock, or 0 when it is free.
     */
    long ownerPid();

    /**
     * Not supported: a condition shared between processes needs a name. Use
     * {@link IpcContext#condition(String, SharedLock)}.
     *
     * @throws UnsupportedOperationException always.
     */
    @Override
    Condition newCondition();

    /**
     * Sets how this process's threads wait for the lock (default {@link Idle#backoff()}).
     *
     * @return this lock.
     */
    SharedLock idle(Supplier<IdleStrategy> idle);
}
