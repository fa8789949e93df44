package io.mmipc.agrona.sync;

import io.mmipc.IpcContext;
import io.mmipc.SharedObjectMismatchException;
import io.mmipc.SharedBarrier;
import io.mmipc.SharedCondition;
import io.mmipc.SharedEvent;
import io.mmipc.SharedInt;
import io.mmipc.SharedLock;
import io.mmipc.SharedRLock;
import io.mmipc.SharedSemaphore;
import io.mmipc.SharedStateCorruptedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Semaphore, Event, Condition and Barrier between threads of one JVM (the cross-process behaviour
 * is in {@link CrossProcessSyncTest}).
 */
@Timeout(60)
class SyncPrimitivesTest
{
    @TempDir
    Path root;

    @Test
    @Timeout(30)
    void semaphoreCountsPermits() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedSemaphore sem = ctx.semaphore("sem", 2);
            assertEquals(2, sem.availablePermits());
            assertTrue(sem.tryAcquire());
            sem.acquire();
            assertFalse(sem.tryAcquire());
            assertFalse(sem.tryAcquire(20, TimeUnit.MILLISECONDS));
            final Thread releaser = new Thread(sem::release);
            releaser.start();
            assertTrue(sem.tryAcquire(10, TimeUnit.SECONDS), "a release in another thread wakes the waiter");
            releaser.join();
            sem.release(3);
            assertEquals(3, sem.availablePermits(), "an unbounded semaphore may grow past its start");
            assertTrue(sem.tryAcquire(3));
            sem.release(2);
            assertEquals(2, sem.drainPermits());
            assertEquals(0, sem.availablePermits());
            assertThrows(IllegalArgumentException.class, () -> sem.release(-1));
            assertThrows(IllegalArgumentException.class, () -> ctx.semaphore("neg", -1));
            final SharedObjectMismatchException other =
                assertThrows(SharedObjectMismatchException.class, () -> ctx.semaphore("sem", 3));
            assertTrue(other.getMessage().contains("permits is 2 in the file, 3 requested"), other.getMessage());

            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, sem::acquire);
            sem.release();
            Thread.currentThread().interrupt();
            sem.acquireUninterruptibly();
            assertTrue(Thread.interrupted(), "the interrupt status survives an uninterruptible acquire");
        }
    }

    @Test
    void boundedSemaphoreRefusesTooManyReleases() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedSemaphore sem = ctx.boundedSemaphore("bounded", 1);
            assertTrue(sem.isBounded());
            final IllegalStateException ex = assertThrows(IllegalStateException.class, sem::release);
            assertTrue(ex.getMessage().contains("released too many times"), ex.getMessage());
            sem.acquire();
            sem.release();
            assertEquals(1, sem.availablePermits());
            assertThrows(SharedObjectMismatchException.class, () -> ctx.semaphore("bounded", 1), "another type");
            Corrupt.writeLong(sem.path(), SemaphoreDescriptor.PERMITS_OFFSET, -3);
            final SharedStateCorruptedException corrupt = assertThrows(SharedStateCorruptedException.class,
                sem::tryAcquire);
            assertTrue(corrupt.getMessage().contains("holds -3"), corrupt.getMessage());
        }
    }

    @Test
    @Timeout(30)
    void eventWakesEveryWaiterEvenWhenClearedAtOnce() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedEvent event = ctx.event("go");
            assertFalse(event.isSet());
            assertFalse(event.await(10, TimeUnit.MILLISECONDS));
            final List<Thread> waiters = new ArrayList<>();
            final AtomicInteger woken = new AtomicInteger();
            for (int i = 0; i < 3; i++)
            {
                final Thread waiter = new Thread(() ->
                {
                    try
                    {
                        if (event.await(20, TimeUnit.SECONDS))
                        {
                            woken.incrementAndGet();
                        }
                    }
                    catch (final InterruptedException ignore)
                    {
                        // counted as not woken
                    }
                });
                waiters.add(waiter);
                waiter.start();
            }
            for (final Thread waiter : waiters)
            {
                Threads.awaitState(waiter, Thread.State.TIMED_WAITING); // parked inside await
            }
            event.set();
            event.clear();
            for (final Thread waiter : waiters)
            {
                waiter.join();
            }
            assertEquals(3, woken.get(), "every waiter saw the set, though the flag was cleared at once");
            assertFalse(event.isSet());
            event.set();
            event.set();
            assertTrue(event.isSet());
            event.await();
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, event::await);
        }
    }

    @Test
    @Timeout(60)
    void conditionSignalWakesOneAndSignalAllWakesEveryone() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLock lock = ctx.lock("lock");
            final SharedCondition cond = ctx.condition("cond", lock);
            final SharedInt tickets = ctx.intValue("tickets", 0);
            final AtomicInteger served = new AtomicInteger();
            final ExecutorService pool = Executors.newFixedThreadPool(3);
            try
            {
                final List<Future<?>> waiters = new ArrayList<>();
                for (int i = 0; i < 3; i++)
                {
                    waiters.add(pool.submit(() ->
                    {
                        lock.lock();
                        try
                        {
                            assertTrue(cond.await(() -> tickets.get() > 0, 30, TimeUnit.SECONDS));
                            tickets.decrementAndGet();
                            served.incrementAndGet();
                        }
                        finally
                        {
                            lock.unlock();
                        }
                        return null;
                    }));
                }
                for (int i = 1; i <= 3; i++)
                {
                    lock.lock();
                    try
                    {
                        tickets.incrementAndGet();
                        cond.signal();
                    }
                    finally
                    {
                        lock.unlock();
                    }
                    final int expected = i;
                    io.mmipc.test.Children.await("waiter " + i + " served", java.time.Duration.ofSeconds(30),
                        () -> served.get() == expected);
                }
                for (final Future<?> waiter : waiters)
                {
                    waiter.get(30, TimeUnit.SECONDS);
                }
            }
            finally
            {
                pool.shutdownNow();
            }

            lock.lock();
            try
            {
                assertFalse(cond.await(10, TimeUnit.MILLISECONDS), "nobody signals: a timeout");
                assertTrue(lock.isHeldByCurrentThread(), "the lock is held again after a timeout");
                cond.signalAll(); // with no waiter: nothing to do
            }
            finally
            {
                lock.unlock();
            }
            assertThrows(IllegalMonitorStateException.class, cond::signal);
            assertThrows(IllegalMonitorStateException.class, cond::await);
        }
    }

    @Test
    @Timeout(30)
    void conditionOnAnRLockReleasesEveryHoldWhileWaiting() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedRLock lock = ctx.rlock("r");
            final SharedCondition cond = ctx.condition("c", lock);
            final AtomicReference<Object> seen = new AtomicReference<>();
            lock.lock();
            lock.lock();
            final Thread signaller = new Thread(() ->
            {
                lock.lock(); // possible only while the waiter has released both holds
                try
                {
                    seen.set(lock.getHoldCount());
                    cond.signalAll();
                }
                finally
                {
                    lock.unlock();
                }
            });
            signaller.start();
            assertTrue(cond.await(20, TimeUnit.SECONDS));
            signaller.join();
            assertEquals(1, seen.get());
            assertEquals(2, lock.getHoldCount(), "both holds are back");
            lock.unlock();
            lock.unlock();

            final SharedObjectMismatchException rebound = assertThrows(SharedObjectMismatchException.class,
                () -> ctx.condition("c", ctx.lock("another")));
            assertTrue(rebound.getMessage().contains("lock (hash of \"lock:another\")"), rebound.getMessage());
        }
    }

    @Test
    @Timeout(30)
    void conditionAwaitIsInterruptibleAndTakesTheLockBack() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLock lock = ctx.lock("lock");
            final SharedCondition cond = ctx.condition("cond", lock);
            final AtomicReference<Object> result = new AtomicReference<>();
            final Thread waiter = new Thread(() ->
            {
                lock.lock();
                try
                {
                    cond.await();
                    result.set("woke");
                }
                catch (final InterruptedException ex)
                {
                    result.set(lock.isHeldByCurrentThread() ? "interrupted, holding the lock" : "interrupted, no lock");
                }
                finally
                {
                    lock.unlock();
                }
            });
            waiter.start();
            Threads.awaitState(waiter, Thread.State.TIMED_WAITING);
            waiter.interrupt();
            waiter.join();
            assertEquals("interrupted, holding the lock", result.get());
            // The interrupted waiter balanced the counters: a signal now finds no waiter to wake.
            final long word = Corrupt.readLong(cond.path(), ConditionDescriptor.WORD_OFFSET);
            assertEquals(ConditionDescriptor.waits(word), ConditionDescriptor.wakeups(word));
            assertEquals(ConditionDescriptor.wakeups(word), ConditionDescriptor.woken(word));
        }
    }

    @Test
    @Timeout(60)
    void barrierTripsOncePerRoundAndReturnsArrivalIndices() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedBarrier barrier = ctx.barrier("b", 3);
            assertEquals(3, barrier.parties());
            final ExecutorService pool = Executors.newFixedThreadPool(3);
            try
            {
                for (int round = 0; round < 5; round++)
                {
                    final List<Future<Integer>> parties = new ArrayList<>();
                    for (int i = 0; i < 3; i++)
                    {
                        parties.add(pool.submit(() -> barrier.await(20, TimeUnit.SECONDS)));
                    }
                    final List<Integer> indices = new ArrayList<>();
                    for (final Future<Integer> party : parties)
                    {
                        indices.add(party.get(30, TimeUnit.SECONDS));
                    }
                    indices.sort(null);
                    assertEquals(List.of(0, 1, 2), indices, "round " + round);
                    assertEquals(0, barrier.getNumberWaiting());
                }
            }
            finally
            {
                pool.shutdownNow();
            }
        }
    }

    @Test
    @Timeout(60)
    void barrierBreaksOnTimeoutAndResetStartsAFreshRound() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedBarrier barrier = ctx.barrier("b", 2);
            assertThrows(TimeoutException.class, () -> barrier.await(20, TimeUnit.MILLISECONDS));
            assertTrue(barrier.isBroken());
            assertThrows(BrokenBarrierException.class, barrier::await, "a broken barrier fails at once");
            barrier.reset();
            assertFalse(barrier.isBroken());

            final AtomicReference<Object> waiter = new AtomicReference<>();
            final Thread t = new Thread(() ->
            {
                try
                {
                    waiter.set(barrier.await(20, TimeUnit.SECONDS));
                }
                catch (final Exception ex)
                {
                    waiter.set(ex);
                }
            });
            t.start();
            io.mmipc.test.Children.await("a waiter", java.time.Duration.ofSeconds(20),
                () -> barrier.getNumberWaiting() == 1);
            barrier.reset(); // breaks the round the waiter is in
            t.join();
            assertInstanceOf(BrokenBarrierException.class, waiter.get());
            assertFalse(barrier.isBroken(), "the fresh round is whole");

            final Thread partner = new Thread(() ->
            {
                try
                {
                    waiter.set(barrier.await(20, TimeUnit.SECONDS));
                }
                catch (final Exception ex)
                {
                    waiter.set(ex);
                }
            });
            partner.start();
            final int mine = barrier.await(20, TimeUnit.SECONDS);
            partner.join();
            assertEquals(1, mine + (Integer)waiter.get(), "indices 0 and 1");

            assertThrows(IllegalArgumentException.class, () -> ctx.barrier("none", 0));
            final SharedObjectMismatchException other =
                assertThrows(SharedObjectMismatchException.class, () -> ctx.barrier("b", 3));
            assertTrue(other.getMessage().contains("parties is 2 in the file, 3 requested"), other.getMessage());
            barrier.abort();
            assertTrue(barrier.isBroken());
        }
    }
}
