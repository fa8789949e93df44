package io.mmipc.cli;

import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code mmipc stat} on a context that a live child JVM uses: it holds a lock and has messages
 * waiting in a queue. After the child is killed, the same files name a dead holder.
 */
class StatTest
{
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path root;

    @Test
    @Timeout(120)
    void showsTheHolderOfALockAndWhetherItLivesBeforeAndAfterAKill() throws Exception
    {
        try (ChildJvm child = Children.start(CliChild.class, "hold", root.toString(), "held"))
        {
            final String[] ready = Children.awaitLine(child, CliChild.READY, START).split(" ");
            final Path dir = Path.of(ready[0]);
            final long pid = Long.parseLong(ready[1]);
            assertEquals(child.pid(), pid);

            final Cli.Result text = Cli.run("stat", dir.toString());
            assertEquals(0, text.exitCode(), text::toString);
            assertTrue(text.out().contains("creator   pid " + pid + " (alive)"), text::toString);
            assertTrue(text.out().contains("lock held by pid " + pid + " (alive)"), text::toString);
            assertTrue(text.out().contains("3 messages"), text::toString);
            assertTrue(text.out().contains("= 42"), text::toString);

            final Map<String, Object> json = Cli.run("stat", "--json", dir.toString()).jsonObject();
            final Map<String, Object> lock = object(json, "lock");
            final Map<String, Object> holder = onlyHolder(lock);
            assertEquals(pid, holder.get("pid"));
            assertEquals(true, holder.get("alive"));
            assertEquals("SYNC", lock.get("kind"));
            assertEquals("lock", lock.get("label"));
            final Map<String, Object> jobs = object(json, "jobs");
            assertEquals(3L, channel(jobs).get("messages"));
            assertEquals(List.of(Map.of("pid", pid, "alive", true)), participants(json));

            child.kill();
            assertTrue(child.waitFor(Duration.ofSeconds(30)));

            final Cli.Result after = Cli.run("stat", "held", "--root", root.toString());
            assertEquals(0, after.exitCode(), after::toString);
            assertTrue(after.out().contains("creator   pid " + pid + " (dead)"), after::toString);
            assertTrue(after.out().contains("lock held by pid " + pid + " (dead)"), after::toString);
            assertTrue(after.out().contains("3 messages"), after::toString);
            final Map<String, Object> dead = Cli.run("stat", "--json", dir.toString()).jsonObject();
            assertEquals(false, onlyHolder(object(dead, "lock")).get("alive"));
            assertEquals(pid, onlyHolder(object(dead, "lock")).get("pid"));
            assertEquals(List.of(Map.of("pid", pid, "alive", false)), participants(dead));
        }
    }

    @Test
    @Timeout(60)
    void watchRefreshesInPlaceAsManyTimesAsAsked() throws Exception
    {
        final Path dir = Files.createDirectory(root.resolve("empty"));
        final Cli.Result watched = Cli.run("stat", dir.toString(), "--watch", "0.01", "--iterations", "3");
        assertEquals(0, watched.exitCode(), watched::toString);
        assertEquals(3, watched.out().split("\033\\[H\033\\[2J", -1).length - 1, watched::toString);

        final Cli.Result lines = Cli.run("stat", dir.toString(), "--watch", "0.01", "--iterations", "2", "--json");
        assertEquals(0, lines.exitCode(), lines::toString);
        assertEquals(2, JsonParser.parseLines(lines.out()).size(), lines::toString);

        final Cli.Result bad = Cli.run("stat", dir.toString(), "--watch", "0");
        assertEquals(ExitCodes.USAGE, bad.exitCode(), bad::toString);
    }

    @Test
    void aMissingContextIsNotFound()
    {
        final Cli.Result missing = Cli.run("stat", "nothing-here", "--root", root.toString());
        assertEquals(ExitCodes.NOT_FOUND, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("not found: nothing-here"), missing::toString);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(final Map<String, Object> stat, final String name)
    {
        for (final Object o : (List<Object>)stat.get("objects"))
        {
            final Map<String, Object> object = (Map<String, Object>)o;
            if (object.get("name").equals(name))
            {
                return object;
            }
        }
        throw new AssertionError("no object " + name + " in " + stat);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyHolder(final Map<String, Object> object)
    {
        final List<Object> holders = (List<Object>)object.get("holders");
        assertEquals(1, holders.size(), () -> String.valueOf(object));
        return (Map<String, Object>)holders.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> channel(final Map<String, Object> object)
    {
        final List<Object> channels = (List<Object>)((Map<String, Object>)object.get("state")).get("channels");
        return (Map<String, Object>)channels.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> participants(final Map<String, Object> stat)
    {
        return ((List<Object>)stat.get("participants")).stream()
            .map(p -> Map.of("pid", ((Map<String, Object>)p).get("pid"), "alive", ((Map<String, Object>)p).get("alive")))
            .toList();
    }
}
