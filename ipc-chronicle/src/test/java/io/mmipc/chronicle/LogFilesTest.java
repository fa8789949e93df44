package io.mmipc.chronicle;

import io.mmipc.DurableLog;
import io.mmipc.DurableLogConfig;
import io.mmipc.LogAppender;
import io.mmipc.LogRollCycle;
import io.mmipc.LogTailer;
import io.mmipc.codec.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 14, item 10: the log's files are owner-only unless asked, and tailer names follow the one
 * name rule of mmipc (up to 200 characters).
 */
class LogFilesTest
{
    private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path root;

    @Test
    @Timeout(60)
    void everyFileOfALogIsOwnerOnlyRolledFilesToo() throws IOException
    {
        final Path dir = root.resolve("log");
        final MutableClock clock = new MutableClock(START);
        final DurableLogConfig config = DurableLogConfig.builder(dir).rollCycle(LogRollCycle.HOURLY).clock(clock).build();
        try (DurableLog log = DurableLog.open(config); LogAppender appender = log.appender())
        {
            appender.append(1L, Codecs.int64());
            clock.advance(Duration.ofHours(1));
            appender.append(2L, Codecs.int64());
            // as soon as append returns, not when a background thread gets to it
            assertEquals("rwx------", mode(dir));
            final Map<String, String> modes = modes(dir);
            assertTrue(modes.keySet().containsAll(List.of("metadata.cq4t", "20260101-00F.cq4", "20260101-01F.cq4")),
                modes.toString());
            modes.forEach((name, mode) -> assertEquals("rw-------", mode, name + " in " + modes));
        }
    }

    @Test
    @Timeout(60)
    void aFifoNamedLikeAQueueFileIsRefusedByNameNotOpened() throws Exception
    {
        final Path dir = root.resolve("fifo-log");
        try (DurableLog log = DurableLog.open(dir); LogAppender appender = log.appender())
        {
            appender.append("x", Codecs.utf8());
        }
        final Path fifo = dir.resolve("29991231F.cq4");
        final Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo");
        // Opening a FIFO for reading blocks until a writer comes: the timeout catches that hang.
        final io.mmipc.DurableLogException refused =
            assertThrows(io.mmipc.DurableLogException.class, () -> DurableLog.open(dir).close());
        assertTrue(refused.getMessage().contains(fifo.toString()) && refused.getMessage().contains("not a regular file"),
            refused.getMessage());
    }

    @Test
    @Timeout(60)
    void aLogLeftWithChroniclesModesIsRestrictedWhenOpened() throws IOException
    {
        final Path dir = root.resolve("old-log");
        try (DurableLog log = DurableLog.open(dir); LogAppender appender = log.appender())
        {
            appender.append("x", Codecs.utf8());
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (final String name : modes(dir).keySet())
        {
            Files.setPosixFilePermissions(dir.resolve(name), PosixFilePermissions.fromString("rw-r--r--"));
        }
        try (DurableLog log = DurableLog.open(dir); LogTailer tailer = log.tailer())
        {
            assertEquals("x", tailer.poll(Codecs.utf8()));
        }
        assertEquals("rwx------", mode(dir));
        final Map<String, String> modes = modes(dir);
        modes.forEach((name, mode) -> assertEquals("rw-------", mode, name + " in " + modes));
    }

    @Test
    @Timeout(60)
    void widerPermissionsWhenAskedFor() throws IOException
    {
        final Path dir = root.resolve("shared-log");
        final DurableLogConfig config = DurableLogConfig.builder(dir)
            .filePermissions(PosixFilePermissions.fromString("rw-r-----")).build();
        try (DurableLog log = DurableLog.open(config); LogAppender appender = log.appender())
        {
            appender.append("x", Codecs.utf8());
        }
        assertEquals("rwxr-x---", mode(dir));
        final Map<String, String> modes = modes(dir);
        assertFalse(modes.isEmpty());
        modes.forEach((name, mode) -> assertEquals("rw-r-----", mode, name + " in " + modes));
    }

    @Test
    @Timeout(60)
    void aTailerNameOfTwoHundredCharactersResumesAndOneMoreIsRefusedByTheNameRule()
    {
        final Path dir = root.resolve("log");
        final String name = "t".repeat(199) + "Z";
        try (DurableLog log = DurableLog.open(dir); LogAppender appender = log.appender())
        {
            appender.append("first", Codecs.utf8());
            appender.append("second", Codecs.utf8());
            try (LogTailer tailer = log.tailer(name))
            {
                assertEquals("first", tailer.poll(Codecs.utf8()));
                tailer.ack();
            }
            final IllegalArgumentException tooLong =
                assertThrows(IllegalArgumentException.class, () -> log.tailer(name + "x"));
            assertTrue(tooLong.getMessage().startsWith("tailer name is 201 characters, the limit is 200"),
                tooLong.getMessage());
            final IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> log.tailer("a/b"));
            assertTrue(bad.getMessage().contains("allowed are A-Z a-z 0-9 . _ -"), bad.getMessage());
        }
        try (DurableLog log = DurableLog.open(dir))
        {
            try (LogTailer tailer = log.tailer(name))
            {
                assertEquals("second", tailer.poll(Codecs.utf8()), "resumes after the acknowledged message");
            }
            assertTrue(log.removeTailer(name));
        }
    }

    private static String mode(final Path path) throws IOException
    {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static Map<String, String> modes(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(p -> p.getFileName().toString(), p ->
            {
                try
                {
                    return mode(p);
                }
                catch (final IOException ex)
                {
                    throw new IllegalStateException(ex);
                }
            }, (a, b) -> a, TreeMap::new));
        }
    }
}
