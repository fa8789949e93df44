package io.mmipc.agrona.map;

import io.mmipc.agrona.sync.LockCore;
import io.mmipc.agrona.sync.Waiters;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A map's stripe locks: robust locks ({@link LockCore}) over the lock records in its file. Taking
 * one over from a dead process repairs the stripe ({@link MapRepair}) before the taker goes on.
 * Callers run between the file's {@code enter()} and {@code exit()}, so once a lock is taken,
 * nothing here touches the close guard again: a close from another thread cannot keep a taken
 * lock from being given back.
 */
final class StripeLocks
{
    private final LockCore[] locks;
    private final Waiters waiters;
    private final MapRepair repair;

    /**
     * @param locks   one per stripe; closing these locks gives their registry leases back.
     * @param waiters what every stripe's lock waits with.
     */
    StripeLocks(final LockCore[] locks, final Waiters waiters, final MapRepair repair)
    {
        this.locks = locks;
        this.waiters = waiters;
        this.repair = repair;
    }

    /**
     * Takes a stripe's lock; after a takeover from a dead process, repairs the stripe first.
     */
    void lock(final int stripe)
    {
        locks[stripe].lock();
        if (locks[stripe].previousOwnerDiedEntered())
        {
            try
            {
                repair.repair(stripe);
            }
            catch (final RuntimeException ex)
            {
                locks[stripe].unlockEntered();
                throw ex;
            }
        }
    }

    void unlock(final int stripe)
    {
        locks[stripe].unlockEntered();
    }

    /**
     * Locks every stripe in ascending order (no single-key writer holds two, so no deadlock).
     */
    void lockAll()
    {
        int locked = 0;
        try
        {
            for (; locked < locks.length; locked++)
            {
                lock(locked);
            }
        }
        finally
        {
            if (locked < locks.length)
            {
                unlockFirst(locked);
            }
        }
    }

    void unlockAll()
    {
        unlockFirst(locks.length);
    }

    private void unlockFirst(final int count)
    {
        RuntimeException failure = null;
        for (int stripe = count - 1; stripe >= 0; stripe--)
        {
            try
            {
                unlock(stripe);
            }
            catch (final RuntimeException ex)
            {
                failure = failure == null ? ex : failure;
            }
        }
        if (failure != null)
        {
            throw failure;
        }
    }

    /**
     * Before a full pool is reported: the stripes whose lock a dead process holds may hold space
     * it claimed; takes each over (waiting at most two owner checks for a lock a live process
     * holds) and repairs it.
     *
     * @return true when some stripe was repaired.
     */
    boolean reclaimFromDeadStripes(final int except)
    {
        boolean repaired = false;
        for (int stripe = 0; stripe < locks.length; stripe++)
        {
            if (stripe == except || !locks[stripe].isLocked())
            {
                continue;
            }
            try
            {
                if (locks[stripe].tryLock(2 * LockCore.OWNER_CHECK_INTERVAL_NANOS, TimeUnit.NANOSECONDS))
                {
                    try
                    {
                        if (locks[stripe].previousOwnerDiedEntered())
                        {
                            repair.repair(stripe);
                            repaired = true;
                        }
                    }
                    finally
                    {
                        locks[stripe].unlockEntered();
                    }
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return repaired;
    }

    /**
     * @return how many stripes some thread of some process holds now.
     */
    int lockedStripes()
    {
        int locked = 0;
        for (final LockCore lock : locks)
        {
            locked += lock.isLocked() ? 1 : 0;
        }
        return locked;
    }

    MapRepair repair()
    {
        return repair;
    }

    void idle(final Supplier<IdleStrategy> idle)
    {
        waiters.idle(idle);
    }

    void close()
    {
        for (final LockCore lock : locks)
        {
            lock.close();
        }
    }
}
