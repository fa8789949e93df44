package io.mmipc.agrona.sync;

import io.mmipc.IpcContext;
import io.mmipc.SharedBarrier;
import io.mmipc.SharedCondition;
import io.mmipc.SharedInt;
import io.mmipc.SharedLock;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.internal.wait.Futex;
import io.mmipc.internal.wait.WakeWord;
import io.mmipc.test.Children;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Kernel wake-ups between real JVMs: a child blocks in a primitive's wait until its wake word's
 * sleep counter proves it sleeps in {@code FUTEX_WAIT}; this JVM then publishes, and the wake
 * counter proves a {@code FUTEX_WAKE} woke it. No timing: every wait is bounded, and a lost
 * wake-up shows as a child that fails its bounded wait.
 */
class WakeAcrossJvmsTest
{
    private static final Duration BOUND = Duration.ofSeconds(120);

    @TempDir
    Path root;

    @BeforeAll
    static void futexHere()
    {
        assumeTrue(Futex.loadNow() && Futex.sleepsAllowed(), "no futex in this JVM: " + Futex.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lock", "rlock", "semaphore", "event", "barrier", "condition"})
    @Timeout(300)
    void aSleeperInAnotherJvmIsWokenByThePublisher(final String kind) throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Runnable publish;
            final WakeWord word;
            switch (kind)
            {
                case "lock" ->
                {
                    final SharedLock lock = ctx.lock("lock");
                    lock.lock();
                    word = ((AgronaLock)lock).core.wakeWord();
                    publish = lock::unlock;
                }
                case "rlock" ->
                {
                    final var lock = ctx.rlock("lock");
                    lock.lock();
                    lock.lock();
                    word = ((AgronaRLock)lock).core.wakeWord();
                    publish = () ->
                    {
                        lock.unlock();
                        assertEquals(0, word.wakeCount(), "an unlock that keeps a hold wakes nobody");
                        lock.unlock();
                    };
                }
                case "semaphore" ->
                {
                    final var sem = ctx.semaphore("sem", 0);
                    word = ((AgronaSemaphore)sem).wakeWord();
                    publish = sem::release;
                }
                case "event" ->
                {
                    final var event = ctx.event("event");
                    word = ((AgronaEvent)event).wakeWord();
                    publish = event::set;
                }
                case "barrier" ->
                {
                    final SharedBarrier barrier = ctx.barrier("two", 2);
                    word = ((AgronaBarrier)barrier).wakeWord();
                    publish = () -> uncheck(() -> barrier.await(BOUND.toSeconds(), TimeUnit.SECONDS));
                }
                case "condition" ->
                {
                    final SharedLock lock = ctx.lock("lock");
                    final SharedCondition cond = ctx.condition("cond", lock);
                    final SharedInt flag = ctx.intValue("flag", 0);
                    word = ((AgronaCondition)cond).wakeWord();
                    publish = () ->
                    {
                        lock.lock();
                        try
                        {
                            flag.set(1);
                            cond.signalAll();
                        }
                        finally
                        {
                            lock.unlock();
                        }
                    };
                }
                default -> throw new IllegalArgumentException(kind);
            }
            try (ChildJvm child = Children.start(WakeChild.class, kind, ctx.directory().toString()))
            {
                Children.awaitLine(child, "waiting", BOUND);
                Children.await("the child asleep in FUTEX_WAIT on " + word, BOUND, () -> word.sleepCount() > 0);
                final long wakes = word.wakeCount();
                publish.run();
                assertTrue(Children.finish(child, BOUND).contains("woken"));
                assertTrue(word.wakeCount() > wakes, "the publisher made a FUTEX_WAKE: " + word);
            }
        }
        assertNoFilesLeft();
    }

    @Test
    @Timeout(300)
    void aSleeperKilledWithKill9LeavesTheOthersWorking() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLock lock = ctx.lock("lock");
            final WakeWord word = ((AgronaLock)lock).core.wakeWord();
            lock.lock();
            try (ChildJvm doomed = Children.start(WakeChild.class, "lock", ctx.directory().toString());
                ChildJvm survivor = Children.start(WakeChild.class, "lock", ctx.directory().toString()))
            {
                Children.awaitLine(doomed, "waiting", BOUND);
                Children.awaitLine(survivor, "waiting", BOUND);
                Children.await("both children asleep on " + word, BOUND, () -> word.sleepCount() >= 2);
                doomed.kill();
                assertTrue(doomed.waitFor(BOUND), "kill -9 ended the sleeper");
                lock.unlock();
                assertTrue(Children.finish(survivor, BOUND).contains("woken"));
            }
            assertTrue(lock.tryLock(BOUND.toSeconds(), TimeUnit.SECONDS), "the lock still works: " + word);
            lock.unlock();
        }
        assertNoFilesLeft();
    }

    @Test
    @Timeout(600)
    void noLostWakeUpInManyShortLockWaitsAcrossJvms() throws Exception
    {
        final int each = 3_000;
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedInt counter = ctx.intValue("counter", 0);
            final SharedLock lock = ctx.lock("lock");
            final List<ChildJvm> children = new ArrayList<>();
            try
            {
                for (int i = 0; i < 3; i++)
                {
                    children.add(Children.start(WakeChild.class, "locked-increments", ctx.directory().toString(),
                        Integer.toString(each)));
                }
                for (final ChildJvm child : children)
                {
                    assertTrue(Children.finish(child, Duration.ofSeconds(400)).contains("woken"));
                }
            }
            finally
            {
                children.forEach(ChildJvm::close);
            }
            assertEquals(3 * each, counter.get());
            assertFalse(lock.isLocked());
        }
        assertNoFilesLeft();
    }

    @Test
    @Timeout(600)
    void noLostWakeUpInAnEventRelayAcrossJvms() throws Exception
    {
        final int rounds = 2_000;
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedInt value = ctx.intValue("value", 0);
            final var first = ctx.event("e0");
            ctx.event("e1");
            try (ChildJvm zero = Children.start(WakeChild.class, "event-relay", ctx.directory().toString(), "0",
                Integer.toString(rounds));
                ChildJvm one = Children.start(WakeChild.class, "event-relay", ctx.directory().toString(), "1",
                    Integer.toString(rounds)))
            {
                first.set();
                assertTrue(Children.finish(zero, Duration.ofSeconds(400)).contains("woken"));
                assertTrue(Children.finish(one, Duration.ofSeconds(400)).contains("woken"));
            }
            assertEquals(2 * rounds, value.get(), "every hand-off carried the next value of the sequence");
        }
        assertNoFilesLeft();
    }

    @Test
    @Timeout(120)
    void aKernelSleeperSeesInterruptsAndDeadlines() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLock lock = ctx.lock("lock");
            final WakeWord word = ((AgronaLock)lock).core.wakeWord();
            final AtomicReference<Throwable> outcome = new AtomicReference<>();
            final Thread holder = new Thread(lock::lock);
            holder.start();
            holder.join();
            final Thread waiter = new Thread(() ->
            {
                try
                {
                    lock.lockInterruptibly();
                    outcome.set(new AssertionError("locked a lock another thread holds"));
                }
                catch (final Throwable t)
                {
                    outcome.set(t);
                }
            });
            waiter.start();
            Children.await("the waiter asleep in FUTEX_WAIT", BOUND, () -> Threads.inFutexSleep(waiter));
            waiter.interrupt();
            waiter.join(TimeUnit.SECONDS.toMillis(60)); // a slice (Waiter.SLICE_NANOS) is the bound; generous here
            assertFalse(waiter.isAlive(), "the interrupt ended the kernel sleep");
            assertInstanceOf(InterruptedException.class, outcome.get());
            final long sleeps = word.sleepCount();
            final long start = System.nanoTime();
            assertFalse(lock.tryLock(50, TimeUnit.MILLISECONDS));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50), "not before its deadline");
            assertTrue(word.sleepCount() > sleeps, "the timed wait slept in the kernel: " + word);
        }
        assertNoFilesLeft();
    }

    private interface Action
    {
        void run() throws Exception;
    }

    private static void uncheck(final Action action)
    {
        try
        {
            action.run();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private void assertNoFilesLeft() throws Exception
    {
        try (var left = Files.list(root))
        {
            assertEquals(List.of(), left.toList());
        }
    }
}
