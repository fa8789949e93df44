package io.mmipc.cli;

import io.mmipc.DurableLog;
import io.mmipc.LogAppender;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Runs the shaded jar as users do ({@code java -jar mmipc.jar ...}, with none of the build's JVM
 * flags: its manifest must carry what Agrona and Chronicle need) and the launcher script, against
 * contexts that live child JVMs use.
 */
class CliJarIT
{
    private static final Path JAR = Paths.get(System.getProperty("mmipc.cli.jar", "target/mmipc.jar"));
    private static final Path SCRIPT = Paths.get(System.getProperty("mmipc.cli.script", "target/mmipc"));

    @TempDir
    Path tmp;

    private record Run(int exitCode, String out, String err)
    {
        @Override
        public String toString()
        {
            return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    @BeforeAll
    static void built()
    {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built before integration tests");
        assertTrue(Files.isExecutable(SCRIPT), SCRIPT + " is built (executable) before integration tests");
    }

    private static Run jar(final String... args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of(
            Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private static Run script(final String... args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private static Run run(final List<String> command) throws IOException, InterruptedException
    {
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("MMIPC_JAVA_OPTS");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        final Process process = builder.start();
        process.getOutputStream().close();
        final CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return process.getErrorStream().readAllBytes();
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(90, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            fail(command + " did not finish in 90 s; out:\n" + out);
        }
        return new Run(process.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
    }

    @Test
    @Timeout(240)
    void statShowsALiveHolderThenADeadOne() throws Exception
    {
        final Path root = tmp.resolve("root");
        try (ChildJvm child = Children.start(CliChild.class, "hold", root.toString(), "held"))
        {
            final String[] ready = Children.awaitLine(child, CliChild.READY, Duration.ofSeconds(60)).split(" ");
            final Path dir = Path.of(ready[0]);
            final long pid = child.pid();

            final Run alive = jar("stat", "--json", dir.toString());
            assertEquals(0, alive.exitCode(), alive::toString);
            assertEquals(Map.of("pid", pid, "alive", true), lockHolder(alive.out()));

            final Run ls = script("ls", "--json", root.toString());
            assertEquals(0, ls.exitCode(), ls::toString);
            assertTrue(JsonParser.parse(ls.out()).toString().contains("creatorPid=" + pid), ls::toString);

            final Run watched = script("stat", "held", "--root", root.toString(), "--watch", "0.05", "--iterations", "2");
            assertEquals(0, watched.exitCode(), watched::toString);
            assertTrue(watched.out().contains("lock held by pid " + pid + " (alive)"), watched::toString);

            child.kill();
            assertTrue(child.waitFor(Duration.ofSeconds(30)));

            final Run dead = jar("stat", "--json", dir.toString());
            assertEquals(0, dead.exitCode(), dead::toString);
            assertEquals(Map.of("pid", pid, "alive", false), lockHolder(dead.out()));
            assertTrue(dead.err().isEmpty(), "nothing on stderr (no missing-flag warnings):\n" + dead.err());

            // A named context lives until removed: clean takes it only when named.
            assertTrue(script("clean", root.toString()).out().contains("nothing to clean"));
            final Run cleaned = script("clean", root.toString(), "--named", "held");
            assertEquals(0, cleaned.exitCode(), cleaned::toString);
            assertTrue(cleaned.out().contains("removed  held"), cleaned::toString);
            assertFalse(Files.exists(dir));
        }
    }

    @Test
    @Timeout(240)
    void statShowsCountersMovingDuringAStreamAndTheDeadStreamersCountsAfterAKill() throws Exception
    {
        final Path root = tmp.resolve("root");
        try (ChildJvm child = Children.start(CliChild.class, "churn", root.toString(), "stream"))
        {
            final Path dir = Path.of(Children.awaitLine(child, CliChild.READY, Duration.ofSeconds(60)).split(" ")[0]);
            final long pid = child.pid();
            final long first = messagesOut(jar("stat", "--json", dir.toString()), pid, true);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            long later = first;
            while (later <= first)
            {
                assertTrue(System.nanoTime() < deadline, "messagesOut stayed at " + first);
                later = messagesOut(jar("stat", "--json", dir.toString()), pid, true);
            }
            final Run text = script("stat", "--per-process", dir.toString());
            assertEquals(0, text.exitCode(), text::toString);
            assertTrue(text.out().contains("counters: summed over 1 process, 1 alive"), text::toString);

            child.kill();
            assertTrue(child.waitFor(Duration.ofSeconds(30)));
            final Run dead = jar("stat", "--json", dir.toString());
            assertTrue(messagesOut(dead, pid, false) >= later, dead::toString);
            assertTrue(dead.err().isEmpty(), "nothing on stderr:\n" + dead.err());
        }
    }

    /**
     * @return the churn queue's summed messagesOut, after checking that its one counting process is
     *         {@code pid} and lives or not as expected.
     */
    @SuppressWarnings("unchecked")
    private static long messagesOut(final Run stat, final long pid, final boolean alive)
    {
        assertEquals(0, stat.exitCode(), stat::toString);
        final Map<String, Object> churn = StatTest.object((Map<String, Object>)JsonParser.parse(stat.out()), "churn");
        final List<Object> processes = (List<Object>)churn.get("countersByProcess");
        assertEquals(1, processes.size(), stat::toString);
        assertEquals(pid, ((Map<String, Object>)processes.get(0)).get("pid"));
        assertEquals(alive, ((Map<String, Object>)processes.get(0)).get("alive"));
        final Map<String, Object> counters = (Map<String, Object>)churn.get("counters");
        return counters.containsKey("queue") ? (Long)((Map<String, Object>)counters.get("queue")).get("messagesOut") : 0;
    }

    @Test
    @Timeout(180)
    void tailReadsADurableLogThroughChronicleWithTheManifestsFlags() throws Exception
    {
        final Path log = tmp.resolve("log");
        try (DurableLog opened = DurableLog.open(log); LogAppender appender = opened.appender())
        {
            appender.append("hello", Codecs.utf8());
            appender.append("world", Codecs.utf8());
        }
        final Run tail = jar("tail", log.toString());
        assertEquals(0, tail.exitCode(), tail::toString);
        final List<String> lines = tail.out().lines().toList();
        assertEquals(2, lines.size(), tail::toString);
        assertTrue(lines.get(0).endsWith("  hello") && lines.get(1).endsWith("  world"), tail::toString);
        assertFalse(tail.err().contains("IllegalAccess"), tail::toString);

        final Run script = script("tail", "--json", "-n", "1", log.toString());
        assertEquals(0, script.exitCode(), script::toString);
        assertEquals("hello", ((Map<?, ?>)JsonParser.parse(script.out())).get("payload"));
    }

    @Test
    @Timeout(120)
    void helpFlagsAndExitCodes() throws Exception
    {
        final Run help = script("--help");
        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.out().startsWith("Usage: mmipc"), help::toString);

        final Run flags = jar("flags");
        assertEquals(0, flags.exitCode(), flags::toString);
        assertTrue(flags.out().lines().toList().containsAll(List.of(
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "-Dchronicle.analytics.disable=true")), flags::toString);

        final Path garbage = Files.write(tmp.resolve("garbage"), "not mmipc at all".getBytes(StandardCharsets.UTF_8));
        final Run damaged = jar("describe", garbage.toString());
        assertEquals(ExitCodes.DAMAGED, damaged.exitCode(), damaged::toString);
        assertTrue(damaged.out().contains("not an mmipc file"), damaged::toString);

        assertEquals(ExitCodes.NOT_FOUND, jar("describe", tmp.resolve("missing").toString()).exitCode());
        assertEquals(ExitCodes.USAGE, script("stat").exitCode());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lockHolder(final String statJson)
    {
        final Map<String, Object> lock = StatTest.object((Map<String, Object>)JsonParser.parse(statJson), "lock");
        final Map<String, Object> holder = (Map<String, Object>)((List<Object>)lock.get("holders")).get(0);
        return Map.of("pid", holder.get("pid"), "alive", holder.get("alive"));
    }
}
