package io.mmipc.agrona.sync;

import io.mmipc.IpcContext;
import io.mmipc.SharedBarrier;
import io.mmipc.SharedCondition;
import io.mmipc.SharedLock;
import io.mmipc.SharedRLock;
import io.mmipc.SharedSemaphore;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What happens to what a process holds when it is killed with SIGKILL: a lock is taken over and
 * the new holder is told; a reentrant lock's holds all go; semaphore permits stay taken; a barrier
 * it waits at breaks; a condition it waits on still signals the living.
 */
class CrashRecoveryTest
{
    private static final Duration START = Duration.ofSeconds(120);
    /** Generous for a loaded two-core machine; the takeover itself needs about ten milliseconds of polling. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path root;

    @Test
    @Timeout(180)
    void aWaiterTakesOverTheLockOfAKilledProcessAndIsToldTheOwnerDied() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLock lock = ctx.lock("lock");
            try (ChildJvm holder = Children.start(SyncChild.class, "hold-lock", ctx.directory().toString(), "lock"))
            {
                Children.awaitLine(holder, "locked", START);
                assertTrue(lock.isLocked());
                assertEquals(holder.pid(), lock.ownerPid());
                assertFalse(lock.tryLock(50, TimeUnit.MILLISECONDS), "a live owner keeps its lock");

                final AtomicReference<Object> waiter = new AtomicReference<>();
                final Thread thread = new Thread(() ->
                {
                    lock.lock(); // blocks until the takeover
                    waiter.set(lock.previousOwnerDied());
                    lock.unlock();
                });
                thread.start();
                Threads.awaitState(thread, Thread.State.TIMED_WAITING);
                holder.kill();
                assertTrue(holder.waitFor(BOUND));
                thread.join(BOUND.toMillis());
                assertFalse(thread.isAlive(), "the waiter got the lock within " + BOUND);
                assertEquals(true, waiter.get(), "and was told that the owner died");
            }
            assertFalse(lock.isLocked());
            assertTrue(lock.tryLock());
            assertFalse(lock.previousOwnerDied(), "the next ordinary holder is not told again");
            lock.unlock();
        }
    }

    @Test
    @Timeout(180)
    void theHoldsOfAKilledRLockOwnerAllGoAtOnce() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedRLock lock = ctx.rlock("lock");
            try (ChildJvm holder = Children.start(SyncChild.class, "hold-lock", ctx.directory().toString(), "rlock"))
            {
                assertEquals(" 3", Children.awaitLine(holder, "locked", START));
                holder.kill();
                assertTrue(holder.waitFor(BOUND));
                assertTrue(lock.tryLock(BOUND.toMillis(), TimeUnit.MILLISECONDS));
                assertTrue(lock.previousOwnerDied());
                assertEquals(1, lock.getHoldCount(), "the dead owner's three holds are gone");
                lock.unlock();
                assertFalse(lock.isLocked());
            }
        }
    }

    @Test
    @Timeout(180)
    void thePermitsOfAKilledProcessAreNotReturned() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedSemaphore sem = ctx.semaphore("sem", 2);
            try (ChildJvm holder = Children.start(SyncChild.class, "hold-permit", ctx.directory().toString()))
            {
                Children.awaitLine(holder, "acquired", START);
                holder.kill();
                assertTrue(holder.waitFor(BOUND));
            }
            // Documented: a permit has no owner (a release may come from any process), so it stays taken.
            assertEquals(1, sem.availablePermits());
            assertFalse(sem.tryAcquire(2, 50, TimeUnit.MILLISECONDS), "a timed acquire does not block forever");
            sem.release(); // what a supervisor that knows the holder died does
            assertTrue(sem.tryAcquire(2));
        }
    }

    @Test
    @Timeout(180)
    void aKilledConditionWaiterDoesNotSwallowTheSignalOfALiveOne() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLock lock = ctx.lock("lock");
            final SharedCondition condition = ctx.condition("cond", lock);
            try (ChildJvm dead = Children.start(SyncChild.class, "wait-on-condition", ctx.directory().toString()))
            {
                Children.awaitLine(dead, "waiting", START);
                // The child releases the lock only inside await, after counting itself as a waiter.
                assertTrue(lock.tryLock(START.toMillis(), TimeUnit.MILLISECONDS));
                lock.unlock();
                dead.kill();
                assertTrue(dead.waitFor(BOUND));
            }
            final AtomicReference<Object> woke = new AtomicReference<>();
            final Thread live = new Thread(() ->
            {
                lock.lock();
                try
                {
                    woke.set(condition.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
                }
                catch (final InterruptedException ex)
                {
                    woke.set(ex);
                }
                finally
                {
                    lock.unlock();
                }
            });
            live.start();
            Threads.awaitState(live, Thread.State.TIMED_WAITING); // parked inside await, the lock released
            lock.lock();
            try
            {
                condition.signal(); // one signal, two counted waiters: the dead one must not take it
            }
            finally
            {
                lock.unlock();
            }
            live.join();
            assertEquals(true, woke.get(), "the live waiter was signalled, not timed out");
        }
    }

    @Test
    @Timeout(180)
    void aBarrierBreaksWhenAWaitingPartyIsKilled() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedBarrier barrier = ctx.barrier("three", 3);
            try (ChildJvm party = Children.start(SyncChild.class, "wait-at-barrier", ctx.directory().toString()))
            {
                Children.awaitLine(party, "arriving", START);
                Children.await("the child waiting at the barrier", START, () -> barrier.getNumberWaiting() == 1);
                party.kill();
                assertTrue(party.waitFor(BOUND));
                final long started = System.nanoTime();
                final BrokenBarrierException ex = assertThrows(BrokenBarrierException.class,
                    () -> barrier.await(BOUND.toMillis(), TimeUnit.MILLISECONDS),
                    "broken, not timed out: the dead party is found");
                assertTrue(ex.getMessage().contains("lost a party"), ex.getMessage());
                assertTrue(System.nanoTime() - started < BOUND.toNanos());
                assertFalse(party.stdout().contains("UNEXPECTED"));
            }
            assertTrue(barrier.isBroken());
            barrier.reset();
            assertFalse(barrier.isBroken());
            assertEquals(0, barrier.getNumberWaiting());
        }
    }
}
