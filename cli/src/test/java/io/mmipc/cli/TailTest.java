package io.mmipc.cli;

import io.mmipc.DurableLog;
import io.mmipc.DurableLogConfig;
import io.mmipc.LogAppender;
import io.mmipc.LogTailer;
import io.mmipc.codec.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code mmipc tail} reads a durable log from where it is asked, and leaves named tailers where
 * they were.
 */
class TailTest
{
    private static final Instant TEN = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2026-01-01T11:00:00Z");

    @TempDir
    Path tmp;

    private Path log;
    private final List<Long> indexes = new ArrayList<>();

    /**
     * Appends "one", "two" at ten o'clock and "three" at eleven, and has the named tailer
     * "billing" acknowledge "one".
     */
    private void writeLog()
    {
        log = tmp.resolve("orders");
        append(TEN, "one", "two");
        append(ELEVEN, "three");
        try (DurableLog opened = DurableLog.open(config(ELEVEN)); LogTailer billing = opened.tailer("billing"))
        {
            assertEquals("one", billing.poll(Codecs.utf8()));
            billing.ack();
        }
    }

    private DurableLogConfig config(final Instant now)
    {
        return DurableLogConfig.builder(log).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    }

    private void append(final Instant now, final String... messages)
    {
        try (DurableLog opened = DurableLog.open(config(now)); LogAppender appender = opened.appender())
        {
            for (final String message : messages)
            {
                indexes.add(appender.append(message, Codecs.utf8()));
            }
        }
    }

    @Test
    @Timeout(60)
    void printsEveryMessageAndLeavesNamedTailersAlone()
    {
        writeLog();
        final Cli.Result all = Cli.run("tail", log.toString());
        assertEquals(0, all.exitCode(), all::toString);
        assertEquals(List.of(
            indexes.get(0) + "  2026-01-01 10:00:00.000Z  one",
            indexes.get(1) + "  2026-01-01 10:00:00.000Z  two",
            indexes.get(2) + "  2026-01-01 11:00:00.000Z  three"), all.out().lines().toList());

        try (DurableLog opened = DurableLog.open(config(ELEVEN)); LogTailer billing = opened.tailer("billing"))
        {
            assertEquals(indexes.get(0), billing.ackedIndex());
            assertEquals("two", billing.poll(Codecs.utf8()), "the named tailer resumes where it acknowledged");
        }
    }

    @Test
    @Timeout(60)
    void startsWhereAskedAndStopsAfterACount()
    {
        writeLog();
        assertEquals(List.of("two", "three"), payloads("--from", Long.toString(indexes.get(1))));
        assertEquals(List.of("two", "three"), payloads("--from", "0x" + Long.toHexString(indexes.get(1))));
        assertEquals(List.of("three"), payloads("--from", "2026-01-01T10:30:00Z"));
        assertEquals(List.of("one", "two", "three"), payloads("--from=-100000d"));
        assertEquals(List.of(), payloads("--from", "end"));
        assertEquals(List.of("one"), payloads("-n", "1"));

        final Cli.Result hex = Cli.run("tail", log.toString(), "--codec", "hex", "-n", "1");
        assertTrue(hex.out().endsWith("  6f6e65\n"), hex::toString);
        final Cli.Result bytes = Cli.run("tail", log.toString(), "--codec", "bytes", "-n", "1");
        assertTrue(bytes.out().endsWith("  b'one'\n"), bytes::toString);

        final Cli.Result missing = Cli.run("tail", log.toString(), "--from", "12345");
        assertEquals(ExitCodes.NOT_FOUND, missing.exitCode(), missing::toString);
        final Cli.Result nonsense = Cli.run("tail", log.toString(), "--from", "yesterday");
        assertEquals(ExitCodes.USAGE, nonsense.exitCode(), nonsense::toString);
    }

    @Test
    @Timeout(60)
    void followsNewMessagesUntilTheCount() throws Exception
    {
        writeLog();
        final Cli.Running following = Cli.start("tail", log.toString(), "--follow", "--json", "-n", "5");
        following.awaitLines(3, Duration.ofSeconds(30));
        append(ELEVEN, "four", "five");
        final Cli.Result result = following.result().get(50, TimeUnit.SECONDS);
        assertEquals(0, result.exitCode(), result::toString);
        final List<Object> lines = JsonParser.parseLines(result.out());
        assertEquals(5, lines.size(), result::toString);
        @SuppressWarnings("unchecked")
        final Map<String, Object> last = (Map<String, Object>)lines.get(4);
        assertEquals("five", last.get("payload"));
        assertEquals(indexes.get(4), last.get("index"));
        assertEquals(ELEVEN.toEpochMilli(), last.get("timeMillis"));
    }

    @Test
    void saysWhenThereIsNoLog() throws Exception
    {
        final Cli.Result missing = Cli.run("tail", tmp.resolve("absent").toString());
        assertEquals(ExitCodes.NOT_FOUND, missing.exitCode(), missing::toString);
        final Path empty = Files.createDirectory(tmp.resolve("empty"));
        final Cli.Result notALog = Cli.run("tail", empty.toString());
        assertEquals(ExitCodes.NOT_FOUND, notALog.exitCode(), notALog::toString);
        assertTrue(notALog.err().contains("no durable log here"), notALog::toString);
        assertFalse(Files.exists(tmp.resolve("absent")), "tail creates nothing");
    }

    private List<String> payloads(final String... options)
    {
        final List<String> args = new ArrayList<>(List.of("tail", log.toString(), "--json"));
        args.addAll(List.of(options));
        final Cli.Result result = Cli.run(args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result::toString);
        final List<String> payloads = new ArrayList<>();
        for (final Object line : JsonParser.parseLines(result.out()))
        {
            payloads.add((String)((Map<?, ?>)line).get("payload"));
        }
        return payloads;
    }
}
