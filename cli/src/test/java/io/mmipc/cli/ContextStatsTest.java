package io.mmipc.cli;

import io.mmipc.ContextStats;
import io.mmipc.IpcContext;
import io.mmipc.Pipe;
import io.mmipc.SharedLock;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link ContextStats}, the program-side reader of the counters, on a context whose queue a child
 * JVM streams through: it sees the counts move and the child alive, and after {@code kill -9}
 * the child dead and its counts still there. It lives beside the tool's tests because they share
 * the streaming child ({@link CliChild}) and the tool reads through the same reader.
 */
class ContextStatsTest
{
    @TempDir
    Path root;

    @Test
    @Timeout(180)
    void aProgramSeesTheStreamMoveAndTheCountsStayAfterKillNine() throws Exception
    {
        try (ChildJvm child = Children.start(CliChild.class, "churn", root.toString(), "stats"))
        {
            final Path dir = Path.of(Children.awaitLine(child, CliChild.READY, Duration.ofSeconds(60)).split(" ")[0]);
            final long pid = child.pid();

            final long first = awaitMessagesOutAbove(dir, 0);
            final long later = awaitMessagesOutAbove(dir, first);
            final ContextStats alive = ContextStats.read(dir);
            assertEquals(List.of(), alive.problems());
            final ContextStats.ObjectStats churn = only(alive, "churn");
            assertEquals("queue", churn.kind());
            assertTrue(churn.total("messagesOut") >= later, churn::toString);
            assertTrue(churn.total("bytesOut") >= churn.total("messagesOut"), churn::toString);
            assertEquals(1, churn.processes().size(), churn::toString);
            final ContextStats.ProcessStats process = churn.processes().get(0);
            assertEquals(pid, process.pid());
            assertTrue(process.alive());
            assertTrue(process.startMillis() > 0);
            assertEquals(churn.totals(), process.counters(), "one process: its values are the sums");
            final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> churn.total("noSuchCounter"));
            assertTrue(unknown.getMessage().contains("messagesOut"), unknown.getMessage());

            child.kill();
            assertTrue(child.waitFor(Duration.ofSeconds(30)));
            final ContextStats dead = ContextStats.read(dir);
            final ContextStats.ObjectStats after = only(dead, "churn");
            assertTrue(after.total("messagesOut") >= later, "a dead process's counts stay: " + after);
            assertTrue(after.total("messagesIn") > 0, after::toString);
            assertEquals(pid, after.processes().get(0).pid());
            assertFalse(after.processes().get(0).alive());
        }
    }

    @Test
    @Timeout(60)
    void aPipeIsCountedOncePerEndAndALockByItsHolds() throws Exception
    {
        try (IpcContext ctx = IpcContext.builder().root(root).name("pipes").build())
        {
            final Pipe<String> pipe = ctx.pipe("p", Codecs.utf8());
            pipe.end2().send("ab");
            pipe.end2().send("cde");
            assertEquals("ab", pipe.end1().recv());
            final SharedLock lock = ctx.lock("guard");
            lock.lock();
            lock.unlock();

            final ContextStats stats = ContextStats.read(ctx.directory());
            assertEquals(ctx.directory(), stats.directory());
            final List<ContextStats.ObjectStats> ends = stats.objects("p");
            assertEquals(List.of("pipe end 1", "pipe end 2"), ends.stream().map(ContextStats.ObjectStats::kind).toList());
            assertEquals(1, ends.get(0).total("messagesIn"));
            assertEquals(2, ends.get(1).total("messagesOut"));
            assertEquals(0, ends.get(1).total("messagesIn"));
            assertEquals(1, only(stats, "guard").total("acquisitions"));
            assertEquals("lock", only(stats, "guard").kind());
            assertEquals(List.of(), stats.objects("nothing"));
            assertEquals(0, stats.notCounted());
        }
    }

    @Test
    void aMissingDirectoryIsNamed()
    {
        final NoSuchFileException missing = assertThrows(NoSuchFileException.class,
            () -> ContextStats.read(root.resolve("missing")));
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
    }

    private static ContextStats.ObjectStats only(final ContextStats stats, final String name)
    {
        final List<ContextStats.ObjectStats> found = stats.objects(name);
        assertEquals(1, found.size(), stats.objects()::toString);
        return found.get(0);
    }

    private static long awaitMessagesOutAbove(final Path dir, final long floor) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true)
        {
            final List<ContextStats.ObjectStats> found = ContextStats.read(dir).objects("churn");
            if (!found.isEmpty() && found.get(0).total("messagesOut") > floor)
            {
                return found.get(0).total("messagesOut");
            }
            assertTrue(System.nanoTime() < deadline, () -> "messagesOut stayed at or below " + floor + ": " + found);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
