package io.mmipc.agrona.sync;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.SharedBarrier;
import io.mmipc.SharedCondition;
import io.mmipc.SharedInt;
import io.mmipc.SharedLock;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 17.6 across child JVMs: {@code signal(n)} wakes exactly n of m waiters; a barrier's action
 * runs once per round before anyone is released; a throwing action and a default timeout break it.
 */
class SignalNAndBarrierActionTest
{
    private static final Duration CHILD = Duration.ofSeconds(120);

    @TempDir
    Path root;

    @Test
    @Timeout(300)
    void signalNWakesExactlyNOfMWaitersInOtherJvms() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLock lock = ctx.lock("lock");
            final SharedCondition condition = ctx.condition("cond", lock);
            final SharedInt waiting = ctx.intValue("waiting", 0);
            final SharedInt woken = ctx.intValue("woken", 0);
            final List<JvmProcess> children = new ArrayList<>();
            for (int i = 0; i < 4; i++)
            {
                children.add(ctx.process(() ->
                {
                    lock.lock();
                    try
                    {
                        waiting.incrementAndGet();
                        // Once: a signalled await returns true, a timed-out one false; no loop on a predicate.
                        if (condition.await(120, TimeUnit.SECONDS))
                        {
                            woken.incrementAndGet();
                        }
                    }
                    finally
                    {
                        lock.unlock();
                    }
                }).start());
            }
            Children.await("4 waiters", CHILD, () -> waiting.get() == 4);
            lock.lock(); // each child counted itself under the lock and released it only inside await
            try
            {
                condition.signal(2);
                condition.signal(0);
            }
            finally
            {
                lock.unlock();
            }
            Children.await("2 woken", CHILD, () -> woken.get() == 2);
            final long word = Corrupt.readLong(condition.path(), ConditionDescriptor.WORD_OFFSET);
            assertEquals(4, ConditionDescriptor.waits(word));
            assertEquals(2, ConditionDescriptor.wakeups(word), "signal(2) granted exactly two wake-ups");
            assertEquals(2, ConditionDescriptor.woken(word));

            lock.lock();
            try
            {
                assertThrows(IllegalArgumentException.class, () -> condition.signal(-1));
                condition.signal(10); // more than wait: wakes the two
            }
            finally
            {
                lock.unlock();
            }
            for (final JvmProcess child : children)
            {
                assertTrue(child.join(CHILD));
                assertEquals(0, child.exitCode().getAsInt());
            }
            assertEquals(4, woken.get());
        }
    }

    @Test
    @Timeout(300)
    void theActionRunsOncePerRoundAcrossThreeJvmsBeforeAnyPartyIsReleased() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedInt actions = ctx.intValue("actions", 0);
            final SharedInt early = ctx.intValue("early", 0);
            final SharedBarrier barrier = ctx.barrier("b", 3, () -> actions.incrementAndGet());
            final int rounds = 5;
            final List<JvmProcess> children = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                children.add(ctx.process(() ->
                {
                    for (int round = 1; round <= rounds; round++)
                    {
                        barrier.await(120, TimeUnit.SECONDS);
                        if (actions.get() < round)
                        {
                            early.incrementAndGet(); // released before this round's action ran
                        }
                    }
                }).start());
            }
            for (final JvmProcess child : children)
            {
                assertTrue(child.join(CHILD));
                assertEquals(0, child.exitCode().getAsInt());
            }
            assertEquals(rounds, actions.get(), "one action per round");
            assertEquals(0, early.get());
            assertFalse(barrier.isBroken());
        }
    }

    @Test
    @Timeout(300)
    void aThrowingActionBreaksTheBarrierForEveryParty() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedInt broken = ctx.intValue("broken", 0);
            final SharedInt actionFailed = ctx.intValue("action-failed", 0);
            final SharedBarrier barrier = ctx.barrier("b", 3, () ->
            {
                throw new IllegalStateException("boom");
            });
            final List<JvmProcess> children = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                children.add(ctx.process(() ->
                {
                    try
                    {
                        barrier.await(120, TimeUnit.SECONDS);
                    }
                    catch (final BrokenBarrierException ex)
                    {
                        broken.incrementAndGet();
                    }
                    catch (final IllegalStateException ex)
                    {
                        if ("boom".equals(ex.getMessage()))
                        {
                            actionFailed.incrementAndGet();
                        }
                    }
                }).start());
            }
            for (final JvmProcess child : children)
            {
                assertTrue(child.join(CHILD));
                assertEquals(0, child.exitCode().getAsInt());
            }
            assertEquals(1, actionFailed.get(), "the tripping party gets the action's exception");
            assertEquals(2, broken.get(), "the others find the barrier broken");
            assertTrue(barrier.isBroken());
            assertThrows(BrokenBarrierException.class, () -> barrier.await(1, TimeUnit.SECONDS));
            barrier.reset();
            assertFalse(barrier.isBroken());
        }
    }

    @Test
    @Timeout(300)
    void theDefaultTimeoutBreaksTheBarrierForAwaitWithoutArguments() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedInt broken = ctx.intValue("broken", 0);
            final SharedBarrier barrier = ctx.barrier("b", 3, null, Duration.ofMillis(500));
            final List<JvmProcess> children = new ArrayList<>();
            for (int i = 0; i < 2; i++)
            {
                children.add(ctx.process(() ->
                {
                    try
                    {
                        barrier.await(); // the third party never comes
                    }
                    catch (final BrokenBarrierException ex)
                    {
                        broken.incrementAndGet();
                    }
                }).start());
            }
            for (final JvmProcess child : children)
            {
                assertTrue(child.join(CHILD));
                assertEquals(0, child.exitCode().getAsInt());
            }
            assertEquals(2, broken.get());
            assertTrue(barrier.isBroken());
            final BrokenBarrierException here = assertThrows(BrokenBarrierException.class, barrier::await);
            assertTrue(here.getMessage().contains("broken"), here.getMessage());
        }
    }

    @Test
    @Timeout(60)
    void aBadDefaultTimeoutIsRefusedByName()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> ctx.barrier("b", 2, null, Duration.ofMillis(-1)));
            assertTrue(ex.getMessage().contains("\"b\""), ex.getMessage());
        }
    }
}
