package io.mmipc.chronicle;

import io.mmipc.DurableLog;
import io.mmipc.DurableLogConfig;
import io.mmipc.LogAppender;
import io.mmipc.LogRetention;
import io.mmipc.LogRollCycle;
import io.mmipc.LogTailer;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import io.mmipc.test.Unreaped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RetentionTest
{
    private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(START);

    @Test
    @Timeout(120)
    void deletesRolledFilesButNeverOneATailerStillNeeds() throws Exception
    {
        final Path dir = root.resolve("log");
        final DurableLogConfig config = DurableLogConfig.builder(dir).rollCycle(LogRollCycle.HOURLY)
            .retention(LogRetention.keepRolledFiles(1)).clock(clock).build();
        try (DurableLog log = DurableLog.open(config); LogAppender appender = log.appender())
        {
            appendHourly(appender, 0, 1, 2);
            assertEquals(List.of("20260101-01F.cq4", "20260101-02F.cq4"), queueFiles(dir),
                "rolling to hour 2 deleted hour 0, keeping one rolled file");

            final LogTailer reader = log.tailer();
            assertEquals(1L, reader.poll(Codecs.int64()), "it reads in hour 1");
            try (ChildJvm child = Children.start(HoldingReader.class, dir.toString()))
            {
                assertEquals("1", Children.awaitLine(child, "read ", Duration.ofSeconds(60)));
                appendHourly(appender, 3, 4);
                assertEquals(List.of("20260101-01F.cq4", "20260101-02F.cq4", "20260101-03F.cq4", "20260101-04F.cq4"),
                    queueFiles(dir), "readers here and in another process still need hour 1");

                assertEquals(2L, reader.poll(Codecs.int64()));
                assertEquals(3L, reader.poll(Codecs.int64()));
                assertEquals(0, log.applyRetention(), "the child JVM's reader is still in hour 1");
                child.kill();
                child.waitFor(Duration.ofSeconds(30));
            }
            assertEquals(2, log.applyRetention(), "a killed process's reader needs nothing");
            assertEquals(List.of("20260101-03F.cq4", "20260101-04F.cq4"), queueFiles(dir));

            try (LogTailer named = log.tailer("audit"))
            {
                named.toStart();
                assertEquals(3L, named.poll(Codecs.int64()), "the deleted hours are gone for every reader");
                named.ack();
            }
            reader.close();
            appendHourly(appender, 5, 6);
            assertEquals(List.of("20260101-03F.cq4", "20260101-04F.cq4", "20260101-05F.cq4", "20260101-06F.cq4"),
                queueFiles(dir), "a named tailer nobody holds keeps its files from its acknowledged message on");
            assertTrue(log.removeTailer("audit"));
            assertEquals(2, log.applyRetention());
            assertEquals(List.of("20260101-05F.cq4", "20260101-06F.cq4"), queueFiles(dir));
        }
        try (DurableLog log = DurableLog.open(config); LogTailer tailer = log.tailer())
        {
            assertEquals(5L, tailer.poll(Codecs.int64()), "the log opens again at its first remaining file");
        }
    }

    @Test
    void keepForDeletesFilesWhoseCycleEndedLongerAgoAndKeepAllDeletesNothing() throws Exception
    {
        final Path dir = root.resolve("log");
        final DurableLogConfig keepAll = DurableLogConfig.builder(dir).rollCycle(LogRollCycle.HOURLY).clock(clock).build();
        try (DurableLog log = DurableLog.open(keepAll); LogAppender appender = log.appender())
        {
            appendHourly(appender, 0, 1, 2, 3, 4);
            assertEquals(0, log.applyRetention());
            assertEquals(5, queueFiles(dir).size());
        }
        final DurableLogConfig keepFor = DurableLogConfig.builder(dir).rollCycle(LogRollCycle.HOURLY).clock(clock)
            .retention(LogRetention.keepFor(Duration.ofMinutes(90))).build();
        clock.advance(Duration.ofMinutes(30)); // 04:30: hour 2 ended 2.5 hours ago, hour 3 1.5 hours ago
        try (DurableLog log = DurableLog.open(keepFor))
        {
            assertEquals(3, log.applyRetention());
            assertEquals(List.of("20260101-03F.cq4", "20260101-04F.cq4"), queueFiles(dir));
        }
    }

    @Test
    @Timeout(120)
    void aReaderAndANamedTailerOfAKilledProcessThatNobodyReapedAreLetGo() throws Exception
    {
        assumeTrue(Files.isReadable(Paths.get("/proc/self/stat")), "zombies are told apart through Linux's /proc");
        final Path dir = root.resolve("log");
        final DurableLogConfig config = DurableLogConfig.builder(dir).rollCycle(LogRollCycle.HOURLY)
            .retention(LogRetention.keepRolledFiles(1)).clock(clock).build();
        try (DurableLog log = DurableLog.open(config); LogAppender appender = log.appender())
        {
            appendHourly(appender, 0, 1, 2);
            try (Unreaped child = Unreaped.start(Children.launcher(HoldingReader.class, dir.toString(), "held"), root))
            {
                assertEquals("1", child.awaitLine("read ", Duration.ofSeconds(60)));
                appendHourly(appender, 3, 4);
                final IllegalStateException held = assertThrows(IllegalStateException.class, () -> log.tailer("held"));
                assertTrue(held.getMessage().contains("live pid " + child.pid()), held.getMessage());
                assertEquals(0, log.applyRetention(), "the child's reader is in hour 1");

                child.kill();
                Children.await("the killed child to be a zombie", Duration.ofSeconds(20), child::isZombie);
                try (LogTailer taken = log.tailer("held"))
                {
                    assertEquals(-1, taken.ackedIndex(), "taken over from the dead holder");
                }
                assertTrue(log.removeTailer("held"));
                assertEquals(2, log.applyRetention(), "a dead reader needs nothing, reaped or not");
                assertEquals(List.of("20260101-03F.cq4", "20260101-04F.cq4"), queueFiles(dir));
                assertTrue(child.isZombie(), "nobody reaped the child: the log judged it by its state");
            }
        }
    }

    private void appendHourly(final LogAppender appender, final int... hours)
    {
        for (final int hour : hours)
        {
            clock.advance(Duration.ofMillis(START + Duration.ofHours(hour).toMillis() + 60_000 - clock.millis()));
            appender.append((long)hour, Codecs.int64());
        }
    }

    static List<String> queueFiles(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted()
                .collect(Collectors.toList());
        }
    }

    /** Opens a tailer (and the named tailer {@code args[1]} when given), reads one message, and holds them until killed. */
    public static final class HoldingReader
    {
        public static void main(final String[] args) throws Exception
        {
            final DurableLogConfig config = DurableLogConfig.builder(Paths.get(args[0])).rollCycle(LogRollCycle.HOURLY)
                .retention(LogRetention.keepRolledFiles(1)).build();
            try (DurableLog log = DurableLog.open(config); LogTailer tailer = log.tailer();
                 LogTailer named = args.length > 1 ? log.tailer(args[1]) : null)
            {
                tailer.toStart();
                System.out.println("read " + tailer.take(Codecs.int64()));
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }
}
