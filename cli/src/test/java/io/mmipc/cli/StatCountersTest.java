package io.mmipc.cli;

import io.mmipc.IpcContext;
import io.mmipc.SharedLock;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code mmipc stat} shows the live counters of a context that child JVMs use: they move while
 * a child streams through a queue, they name the processes and whether they live, and they stay
 * (summed with the living) after a {@code kill -9}.
 */
class StatCountersTest
{
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path root;

    @Test
    @Timeout(180)
    void countersMoveDuringAStreamAndStayAfterTheStreamerIsKilled() throws Exception
    {
        try (ChildJvm child = Children.start(CliChild.class, "churn", root.toString(), "stream"))
        {
            final Path dir = Path.of(Children.awaitLine(child, CliChild.READY, START).split(" ")[0]);
            final long pid = child.pid();

            final long first = awaitMessagesOutAbove(dir, 0);
            final long later = awaitMessagesOutAbove(dir, first);
            assertTrue(later > first);

            final Map<String, Object> json = Cli.run("stat", "--json", dir.toString()).jsonObject();
            final Map<String, Object> churn = StatTest.object(json, "churn");
            final Map<String, Object> queue = queueCounters(churn);
            assertTrue((Long)queue.get("messagesIn") > 0, queue::toString);
            assertTrue((Long)queue.get("bytesOut") >= (Long)queue.get("messagesOut"), queue::toString);
            final Map<String, Object> mine = onlyProcess(churn);
            assertEquals(pid, mine.get("pid"));
            assertEquals(true, mine.get("alive"));
            assertEquals(Map.of("producer", List.of(pid, true), "consumer", List.of(pid, true)), holders(churn));
            assertEquals(List.of(List.of(pid, true)), counterFiles(json));

            final Cli.Result text = Cli.run("stat", "--per-process", dir.toString());
            assertEquals(0, text.exitCode(), text::toString);
            assertTrue(text.out().contains("producer pid " + pid + " (alive), consumer pid " + pid + " (alive)"),
                text::toString);
            assertTrue(text.out().contains("counters: summed over 1 process, 1 alive"), text::toString);
            assertTrue(text.out().lines().anyMatch(l -> l.contains("churn") && l.contains("queue: messagesOut=")),
                text::toString);
            assertTrue(text.out().contains("counters by process:"), text::toString);
            assertTrue(text.out().lines().anyMatch(l -> l.trim().startsWith(pid + " ") && l.contains("churn")),
                text::toString);

            child.kill();
            assertTrue(child.waitFor(Duration.ofSeconds(30)));
            final Map<String, Object> dead = Cli.run("stat", "--json", dir.toString()).jsonObject();
            final Map<String, Object> after = StatTest.object(dead, "churn");
            assertTrue((Long)queueCounters(after).get("messagesOut") >= later, "a dead process's counts stay");
            assertEquals(false, onlyProcess(after).get("alive"));
            assertEquals(Map.of("producer", List.of(pid, false), "consumer", List.of(pid, false)), holders(after));
            assertEquals(List.of(List.of(pid, false)), counterFiles(dead));
            final Cli.Result deadText = Cli.run("stat", dir.toString());
            assertTrue(deadText.out().contains("counters: summed over 1 process, 0 alive"), deadText::toString);
            assertTrue(deadText.out().contains("producer pid " + pid + " (dead)"), deadText::toString);

            @SuppressWarnings("unchecked")
            final String file = (String)((Map<String, Object>)((List<Object>)dead.get("counterFiles")).get(0)).get("file");
            final Cli.Result described = Cli.run("describe", dir.resolve(file).toString());
            assertEquals(0, described.exitCode(), described::toString);
            assertTrue(described.out().contains("pid " + pid + " (dead), 1 object"), described::toString);
            final Map<String, Object> describedJson = Cli.run("describe", "--json", dir.resolve(file).toString())
                .jsonObject();
            assertEquals("COUNTERS", describedJson.get("kind"));
            assertTrue(describedJson.toString().contains("object=churn"), describedJson::toString);
        }
    }

    @Test
    @Timeout(180)
    void aLockHolderKilledShowsDeadAndTheTakeoverIsCountedBesideItsHold() throws Exception
    {
        try (ChildJvm child = Children.start(CliChild.class, "hold", root.toString(), "held"))
        {
            final Path dir = Path.of(Children.awaitLine(child, CliChild.READY, START).split(" ")[0]);
            final long pid = child.pid();
            final Map<String, Object> alive = Cli.run("stat", "--json", dir.toString()).jsonObject();
            assertEquals(Map.of("acquisitions", 1L, "contended", 0L, "ownerDiedTakeovers", 0L),
                StatTest.object(alive, "lock").get("counters") instanceof Map<?, ?> m ? m.get("lock") : null);

            child.kill();
            assertTrue(child.waitFor(Duration.ofSeconds(30)));
            final Map<String, Object> dead = Cli.run("stat", "--json", dir.toString()).jsonObject();
            final Map<String, Object> lockView = StatTest.object(dead, "lock");
            assertEquals(Map.of("lock", List.of(pid, false)), holders(lockView));

            try (IpcContext ctx = IpcContext.open(dir))
            {
                final SharedLock lock = ctx.lock("lock");
                lock.lock(); // from the dead holder
                assertTrue(lock.previousOwnerDied());
                final Map<String, Object> taken = Cli.run("stat", "--json", dir.toString()).jsonObject();
                final Map<String, Object> view = StatTest.object(taken, "lock");
                assertEquals(Map.of("acquisitions", 2L, "contended", 1L, "ownerDiedTakeovers", 1L),
                    ((Map<?, ?>)view.get("counters")).get("lock"), "summed over the dead child and this process");
                assertEquals(2, ((List<?>)view.get("countersByProcess")).size());
                assertEquals(Map.of("lock", List.of(ProcessHandle.current().pid(), true)), holders(view));
                lock.unlock();
            }
        }
    }

    private static long awaitMessagesOutAbove(final Path dir, final long floor) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true)
        {
            final Cli.Result result = Cli.run("stat", "--json", dir.toString());
            assertEquals(0, result.exitCode(), result::toString);
            final Object out = queueCounters(StatTest.object(result.jsonObject(), "churn")).get("messagesOut");
            if (out instanceof Long value && value > floor)
            {
                return value;
            }
            assertTrue(System.nanoTime() < deadline, () -> "messagesOut stayed at " + out + ":\n" + result);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> queueCounters(final Map<String, Object> object)
    {
        final Map<String, Object> counters = (Map<String, Object>)object.get("counters");
        return counters.containsKey("queue") ? (Map<String, Object>)counters.get("queue") : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyProcess(final Map<String, Object> object)
    {
        final List<Object> processes = (List<Object>)object.get("countersByProcess");
        assertEquals(1, processes.size(), processes::toString);
        return (Map<String, Object>)processes.get(0);
    }

    /**
     * @return role to [pid, alive] of each holder.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> holders(final Map<String, Object> object)
    {
        final Map<String, Object> byRole = new java.util.TreeMap<>();
        for (final Object o : (List<Object>)object.get("holders"))
        {
            final Map<String, Object> holder = (Map<String, Object>)o;
            assertNotNull(holder.get("startMillis"), holder::toString);
            byRole.put((String)holder.get("role"), List.of(holder.get("pid"), holder.get("alive")));
        }
        return byRole;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> counterFiles(final Map<String, Object> stat)
    {
        return ((List<Object>)stat.get("counterFiles")).stream()
            .map(f -> (Object)List.of(((Map<String, Object>)f).get("pid"), ((Map<String, Object>)f).get("alive")))
            .toList();
    }
}
