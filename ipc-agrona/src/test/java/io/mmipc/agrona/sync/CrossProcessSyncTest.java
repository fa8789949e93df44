package io.mmipc.agrona.sync;

import io.mmipc.IpcContext;
import io.mmipc.SharedEvent;
import io.mmipc.SharedInt;
import io.mmipc.SharedIntArray;
import io.mmipc.SharedLock;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Values, locks, events, barriers and conditions between real JVMs.
 */
class CrossProcessSyncTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(180);

    @TempDir
    Path root;

    @Test
    @Timeout(300)
    void fourProcessesOfLockedIncrementsEndExactlyAt400000() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLock lock = ctx.lock("lock");
            final SharedInt shared = ctx.intValue("counter", 0);
            final SharedEvent start = ctx.event("start");
            // What ctx.process(() -> worker(lock, shared)) carries: handles, re-opened in the child.
            final String handles = SyncChild.encode(lock, shared, start);
            final List<ChildJvm> children = new ArrayList<>();
            try
            {
                for (int i = 0; i < 4; i++)
                {
                    children.add(Children.start(SyncChild.class, "locked-increments", handles, "100000"));
                }
                startTogether(children, start);
                for (final ChildJvm child : children)
                {
                    assertTrue(Children.finish(child, CHILD_TIMEOUT).contains("done 100000"));
                }
            }
            finally
            {
                children.forEach(ChildJvm::close);
            }
            assertEquals(400_000, shared.get());
            assertFalse(lock.isLocked());
        }
        assertNoFilesLeft();
    }

    @Test
    @Timeout(300)
    void fourProcessesOfCasIncrementsEndExactlyAt400000() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedInt shared = ctx.intValue("counter", 0);
            final List<ChildJvm> children = new ArrayList<>();
            try
            {
                for (int i = 0; i < 4; i++)
                {
                    children.add(Children.start(SyncChild.class, "cas-increments", ctx.directory().toString(),
                        "100000"));
                }
                startTogether(children, ctx.event("start"));
                for (final ChildJvm child : children)
                {
                    assertTrue(Children.finish(child, CHILD_TIMEOUT).contains("done 100000"));
                }
            }
            finally
            {
                children.forEach(ChildJvm::close);
            }
            assertEquals(400_000, shared.get());
        }
        assertNoFilesLeft();
    }

    @Test
    @Timeout(180)
    void anEventSetInOneJvmWakesWaitersInTwoOthers() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedEvent event = ctx.event("go");
            final String handles = SyncChild.encode(event);
            try (ChildJvm a = Children.start(SyncChild.class, "event-waiter", handles);
                 ChildJvm b = Children.start(SyncChild.class, "event-waiter", handles))
            {
                Children.awaitLine(a, "waiting", CHILD_TIMEOUT);
                Children.awaitLine(b, "waiting", CHILD_TIMEOUT);
                assertFalse(a.stdout().contains("woke") || b.stdout().contains("woke"), "nobody wakes before the set");
                event.set();
                assertTrue(Children.finish(a, CHILD_TIMEOUT).contains("woke true"), a.stdout());
                assertTrue(Children.finish(b, CHILD_TIMEOUT).contains("woke true"), b.stdout());
            }
        }
        assertNoFilesLeft();
    }

    @Test
    @Timeout(300)
    void aBarrierOfThreeJvmsTripsOncePerRound() throws Exception
    {
        final int rounds = 20;
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedIntArray trips = ctx.intArray("trips", rounds);
            ctx.barrier("rounds", 3);
            ctx.intValue("arrivals", 0);
            final List<ChildJvm> children = new ArrayList<>();
            try
            {
                for (int i = 0; i < 3; i++)
                {
                    children.add(Children.start(SyncChild.class, "barrier-rounds", ctx.directory().toString(),
                        String.valueOf(rounds)));
                }
                for (final ChildJvm child : children)
                {
                    final String out = Children.finish(child, CHILD_TIMEOUT);
                    assertTrue(out.contains("done") && !out.contains("WRONG"), out);
                }
            }
            finally
            {
                children.forEach(ChildJvm::close);
            }
            final int[] expected = new int[rounds];
            java.util.Arrays.fill(expected, 1);
            assertArrayEquals(expected, trips.toArray(), "exactly one trip per round");
        }
        assertNoFilesLeft();
    }

    @Test
    @Timeout(300)
    void conditionSignalsCrossJvms() throws Exception
    {
        final int turns = 100;
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedInt turn = ctx.intValue("turn", 0);
            try (ChildJvm even = Children.start(SyncChild.class, "condition-turns", ctx.directory().toString(), "0",
                String.valueOf(turns));
                 ChildJvm odd = Children.start(SyncChild.class, "condition-turns", ctx.directory().toString(), "1",
                     String.valueOf(turns)))
            {
                assertTrue(Children.finish(even, CHILD_TIMEOUT).contains("done"));
                assertTrue(Children.finish(odd, CHILD_TIMEOUT).contains("done"));
            }
            assertEquals(2 * turns, turn.get(), "every turn was played, alternately");
        }
        assertNoFilesLeft();
    }

    /**
     * Starts every child's loop at once, so that they contend.
     */
    private static void startTogether(final List<ChildJvm> children, final SharedEvent start) throws Exception
    {
        for (final ChildJvm child : children)
        {
            Children.awaitLine(child, "ready", CHILD_TIMEOUT);
        }
        start.set();
    }

    private void assertNoFilesLeft() throws Exception
    {
        try (var left = Files.list(root))
        {
            assertEquals(List.of(), left.toList());
        }
    }
}
