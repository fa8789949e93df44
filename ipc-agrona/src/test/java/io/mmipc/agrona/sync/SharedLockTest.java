package io.mmipc.agrona.sync;

import io.mmipc.Idle;
import io.mmipc.IpcContext;
import io.mmipc.SharedObjectMismatchException;
import io.mmipc.SharedInt;
import io.mmipc.SharedLock;
import io.mmipc.SharedRLock;
import io.mmipc.SharedStateCorruptedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(60)
class SharedLockTest
{
    @TempDir
    Path root;

    @Test
    @Timeout(60)
    void threadsOfOneProcessExcludeEachOther() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLock lock = ctx.lock("lock");
            final SharedInt counter = ctx.intValue("counter", 0);
            final List<Thread> threads = new ArrayList<>();
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int t = 0; t < 3; t++)
            {
                final Thread thread = new Thread(() ->
                {
                    for (int i = 0; i < 20_000; i++)
                    {
                        lock.lock();
                        try
                        {
                            counter.set(counter.get() + 1); // not atomic: only the lock keeps it right
                        }
                        finally
                        {
                            lock.unlock();
                        }
                    }
                });
                thread.setUncaughtExceptionHandler((th, ex) -> failure.set(ex));
                threads.add(thread);
                thread.start();
            }
            for (final Thread thread : threads)
            {
                thread.join();
            }
            assertNull(failure.get());
            assertEquals(60_000, counter.get());
            assertFalse(lock.isLocked());
        }
    }

    @Test
    @Timeout(30)
    void tryLockTimedLockAndInterrupts() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLock lock = ctx.lock("lock");
            assertTrue(lock.tryLock());
            assertTrue(lock.isHeldByCurrentThread());
            assertFalse(lock.previousOwnerDied());
            assertEquals(ProcessHandle.current().pid(), lock.ownerPid());
            final AtomicReference<Object> result = new AtomicReference<>();
            final Thread other = new Thread(() ->
            {
                try
                {
                    result.set(List.of(lock.tryLock(), lock.tryLock(30, TimeUnit.MILLISECONDS),
                        lock.isHeldByCurrentThread()));
                }
                catch (final InterruptedException ex)
                {
                    result.set(ex);
                }
            });
            other.start();
            other.join();
            assertEquals(List.of(false, false, false), result.get());

            final CountDownLatch waiting = new CountDownLatch(1);
            final Thread interrupted = new Thread(() ->
            {
                waiting.countDown();
                try
                {
                    lock.lockInterruptibly();
                    result.set("acquired");
                }
                catch (final InterruptedException ex)
                {
                    result.set(ex);
                }
            });
            interrupted.start();
            waiting.await();
            interrupted.interrupt();
            interrupted.join();
            assertInstanceOf(InterruptedException.class, result.get());

            final Thread uninterruptible = new Thread(() ->
            {
                Thread.currentThread().interrupt();
                lock.lock(); // ignores the interrupt, keeps the status
                result.set(Thread.currentThread().isInterrupted());
                lock.unlock();
            });
            uninterruptible.start();
            Threads.awaitState(uninterruptible, Thread.State.TIMED_WAITING);
            lock.unlock();
            uninterruptible.join();
            assertEquals(true, result.get());
        }
    }

    @Test
    void unlockWithoutHoldingIsIllegalMonitorState() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLock lock = ctx.lock("lock");
            final IllegalMonitorStateException free = assertThrows(IllegalMonitorStateException.class, lock::unlock);
            assertTrue(free.getMessage().contains("not held by this thread") && free.getMessage().contains("free"),
                free.getMessage());
            lock.lock();
            final AtomicReference<Throwable> thrown = new AtomicReference<>();
            final Thread other = new Thread(() ->
            {
                try
                {
                    lock.unlock();
                }
                catch (final Throwable ex)
                {
                    thrown.set(ex);
                }
            });
            other.start();
            other.join();
            assertInstanceOf(IllegalMonitorStateException.class, thrown.get());
            assertTrue(thrown.get().getMessage().contains("of this process holds it"), thrown.get().getMessage());
            assertTrue(lock.isHeldByCurrentThread(), "a refused unlock leaves the lock held");
            lock.unlock();
        }
    }

    @Test
    void aPlainLockRefusesReentryAndAnRLockCountsHolds()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLock lock = ctx.lock("plain");
            lock.lock();
            assertFalse(lock.tryLock(), "not reentrant");
            final IllegalStateException deadlock = assertThrows(IllegalStateException.class, lock::lock);
            assertTrue(deadlock.getMessage().contains("would deadlock"), deadlock.getMessage());
            lock.unlock();
            assertThrows(UnsupportedOperationException.class, lock::newCondition);

            final SharedRLock rlock = ctx.rlock("reentrant").idle(Idle.busySpin());
            assertEquals(0, rlock.getHoldCount());
            rlock.lock();
            assertTrue(rlock.tryLock());
            rlock.lock();
            assertEquals(3, rlock.getHoldCount());
            rlock.unlock();
            rlock.unlock();
            assertTrue(rlock.isLocked());
            rlock.unlock();
            assertFalse(rlock.isLocked());
            assertThrows(IllegalMonitorStateException.class, rlock::unlock);

            final SharedObjectMismatchException wrongType =
                assertThrows(SharedObjectMismatchException.class, () -> ctx.rlock("plain"));
            assertTrue(wrongType.getMessage().contains("\"lock\" in the file, \"rlock\" requested"),
                wrongType.getMessage());
        }
    }

    @Test
    @Timeout(30)
    void aCorruptedLockWordIsAClearExceptionNotAHang() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLock lock = ctx.lock("lock");
            for (final long garbage : new long[]{0xDEAD_BEEF_DEAD_BEEFL, 1L, -1L, 0x0000_0400_0000_0001L})
            {
                Corrupt.writeLong(lock.path(), LockDescriptor.OWNER_OFFSET, garbage);
                assertTrue(lock.isLocked());
                final SharedStateCorruptedException ex = assertThrows(SharedStateCorruptedException.class, lock::lock);
                assertTrue(ex.getMessage().contains(Long.toHexString(garbage)) && ex.getMessage().contains("'lock'"),
                    ex.getMessage());
                assertThrows(SharedStateCorruptedException.class, lock::tryLock);
                assertThrows(SharedStateCorruptedException.class, () -> lock.tryLock(1, TimeUnit.SECONDS));
                assertThrows(SharedStateCorruptedException.class, lock::unlock);
                assertThrows(SharedStateCorruptedException.class, lock::ownerPid);
            }
            Corrupt.writeLong(lock.path(), LockDescriptor.OWNER_OFFSET, 0);
            assertTrue(lock.tryLock(), "a repaired word works again");
            lock.unlock();
        }
    }

    @Test
    @Timeout(30)
    void aCorruptedHoldCountIsAClearException() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedRLock lock = ctx.rlock("r");
            lock.lock();
            Corrupt.writeLong(lock.path(), LockDescriptor.HOLD_COUNT_OFFSET, -5);
            assertThrows(SharedStateCorruptedException.class, lock::lock);
            final SharedStateCorruptedException ex = assertThrows(SharedStateCorruptedException.class, lock::unlock);
            assertTrue(ex.getMessage().contains("hold count -5") && ex.getMessage().contains("released"),
                ex.getMessage());
            assertFalse(lock.isLocked());
        }
    }

    @Test
    @Timeout(30)
    void aLockHeldByAnOwnerThatLeftTheRegistryIsTakenOverAndSaysSo() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLock lock = ctx.lock("lock");
            // A second context in this JVM shares this JVM's registry entry: the owner id is the same process.
            try (IpcContext other = IpcContext.open(ctx.directory()))
            {
                assertTrue(other.lock("lock").tryLock());
            }
            assertTrue(lock.isLocked(), "the lock is still held after its context closed");
            // Closing the lock frees this JVM's registry entry (the last lease): the holder is gone.
            final Path dir = ctx.directory();
            lock.close();
            try (IpcContext again = IpcContext.open(dir))
            {
                final SharedLock reopened = again.lock("lock");
                assertTrue(reopened.tryLock(5, TimeUnit.SECONDS), "taken over within the check interval");
                assertTrue(reopened.previousOwnerDied());
                reopened.unlock();
                reopened.lock();
                assertFalse(reopened.previousOwnerDied(), "an ordinary acquisition clears it");
                reopened.unlock();
            }
        }
    }
}
