package io.mmipc.cli;

import io.mmipc.DurableLog;
import io.mmipc.DurableLogConfig;
import io.mmipc.LogAppender;
import io.mmipc.LogTailer;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code mmipc stat LOG} shows a durable log that a child JVM appends to: its entries, the named
 * tailer's acknowledged index, lag and holder, alive while the child runs and dead after a
 * {@code kill -9}; and reading it moves no tailer.
 */
class StatLogTest
{
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    @Timeout(180)
    void showsEntriesAndTheNamedTailersLagAndHolder() throws Exception
    {
        final Path log = tmp.resolve("orders");
        try (ChildJvm child = Children.start(CliChild.class, "log", log.toString(), "5", "2"))
        {
            final long lastIndex = Long.parseLong(Children.awaitLine(child, CliChild.READY, START).split(" ")[0]);
            final long pid = child.pid();

            final Map<String, Object> json = Cli.run("stat", "--json", log.toString()).jsonObject();
            assertEquals(5L, json.get("entries"), json::toString);
            assertEquals(lastIndex, json.get("lastIndex"), json::toString);
            final Map<String, Object> billing = billing(json);
            assertEquals(3L, billing.get("lag"), json::toString);
            assertNotNull(billing.get("acked"), json::toString);
            assertEquals(List.of(pid, true), holder(billing));

            final Cli.Result text = Cli.run("stat", log.toString());
            assertEquals(0, text.exitCode(), text::toString);
            assertTrue(text.out().contains("entries   5 (index "), text::toString);
            assertTrue(text.out().lines().anyMatch(l -> l.contains("billing") && l.contains("  3  ") &&
                l.contains("pid " + pid + " (alive)")), text::toString);

            child.kill();
            assertTrue(child.waitFor(Duration.ofSeconds(30)));

            final Map<String, Object> after = Cli.run("stat", "--json", log.toString()).jsonObject();
            assertEquals(5L, after.get("entries"), after::toString);
            final Map<String, Object> billingAfter = billing(after);
            assertEquals(billing.get("acked"), billingAfter.get("acked"), "stat moves no tailer");
            assertEquals(3L, billingAfter.get("lag"), after::toString);
            assertEquals(List.of(pid, false), holder(billingAfter));
            final Cli.Result dead = Cli.run("stat", log.toString());
            assertTrue(dead.out().contains("pid " + pid + " (dead)"), dead::toString);
        }
    }

    @Test
    @Timeout(60)
    void anEmptyLogAndATailerThatAcknowledgedNothing()
    {
        final Path log = tmp.resolve("empty");
        try (DurableLog opened = DurableLog.open(DurableLogConfig.builder(log).build());
            LogTailer billing = opened.tailer("billing"))
        {
            final Map<String, Object> empty = Cli.run("stat", "--json", log.toString()).jsonObject();
            assertEquals(0L, empty.get("entries"), empty::toString);
            assertNull(billing(empty).get("acked"), empty::toString);
            assertEquals(0L, billing(empty).get("lag"), empty::toString);

            try (LogAppender appender = opened.appender())
            {
                appender.append("one", Codecs.utf8());
                appender.append("two", Codecs.utf8());
            }
            final Map<String, Object> two = Cli.run("stat", "--json", log.toString()).jsonObject();
            assertEquals(2L, two.get("entries"), two::toString);
            assertNull(billing(two).get("acked"), two::toString);
            assertEquals(2L, billing(two).get("lag"), two::toString);
            assertEquals(List.of(ProcessHandle.current().pid(), true), holder(billing(two)));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> billing(final Map<String, Object> json)
    {
        final List<Object> tailers = (List<Object>)json.get("tailers");
        assertEquals(1, tailers.size(), json::toString);
        final Map<String, Object> tailer = (Map<String, Object>)tailers.get(0);
        assertEquals("billing", tailer.get("name"));
        return tailer;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> holder(final Map<String, Object> tailer)
    {
        final Map<String, Object> holder = (Map<String, Object>)tailer.get("holder");
        assertNotNull(holder, tailer::toString);
        return List.of(holder.get("pid"), holder.get("alive"));
    }
}
