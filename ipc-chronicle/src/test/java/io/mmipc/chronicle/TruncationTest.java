package io.mmipc.chronicle;

import io.mmipc.DurableLog;
import io.mmipc.DurableLogException;
import io.mmipc.LogAppender;
import io.mmipc.LogTailer;
import io.mmipc.codec.Codecs;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What Chronicle Queue does on Java 17 with a queue file truncated behind its back, and what mmipc
 * makes of it. Chronicle itself, opening such a file, extends it again with zeros and reads a
 * shorter log without a word (or fails with "Meta data not ready"); under a live mapping, touching
 * the lost part raises an asynchronous {@link InternalError}.
 */
class TruncationTest
{
    @TempDir
    Path root;

    private Path writeLog(final int messages) throws IOException
    {
        final Path dir = root.resolve("log");
        try (DurableLog log = DurableLog.open(dir); LogAppender appender = log.appender())
        {
            for (int i = 0; i < messages; i++)
            {
                appender.append(new byte[100], Codecs.bytes());
            }
        }
        return dir;
    }

    private static Path onlyQueueFile(final Path dir) throws IOException
    {
        try (var files = Files.list(dir))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    static void truncate(final Path file, final long size) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.truncate(size);
        }
    }

    @Test
    void aFileCutShortOfItsDataIsRefusedAtOpenAndLeftAsItIs() throws Exception
    {
        final Path dir = writeLog(10_000); // about 1.1 MB of messages
        final Path file = onlyQueueFile(dir);
        truncate(file, 500_000);
        final DurableLogException ex = assertThrows(DurableLogException.class, () -> DurableLog.open(dir));
        assertEquals(DurableLogException.Reason.TRUNCATED, ex.reason());
        assertTrue(ex.getMessage().contains(file.getFileName().toString()) && ex.getMessage().contains("500000 bytes"),
            ex.getMessage());
        assertEquals(500_000, Files.size(file), "Chronicle was not let near it (it would have extended it with zeros)");
    }

    @Test
    void aFileCutToNothingOrWithItsHeaderOverwrittenIsRefused() throws Exception
    {
        final Path dir = writeLog(10);
        final Path file = onlyQueueFile(dir);
        Files.write(file, new byte[4096], StandardOpenOption.WRITE); // zeros over the store header
        backdate(file);
        assertEquals(DurableLogException.Reason.CORRUPT,
            assertThrows(DurableLogException.class, () -> DurableLog.open(dir)).reason());
        truncate(file, 0);
        backdate(file);
        final DurableLogException ex = assertThrows(DurableLogException.class, () -> DurableLog.open(dir));
        assertEquals(DurableLogException.Reason.TRUNCATED, ex.reason());
        assertTrue(ex.getMessage().contains("0 bytes"), ex.getMessage());
    }

    @Test
    void aFileLongerThanItsDataOpensWithEveryMessage() throws Exception
    {
        final Path dir = writeLog(1_000);
        final Path file = onlyQueueFile(dir);
        truncate(file, 1 << 20); // past the last message: Chronicle extends it again and nothing is lost
        try (DurableLog log = DurableLog.open(dir); LogTailer tailer = log.tailer())
        {
            int count = 0;
            while (tailer.poll(Codecs.bytes()) != null)
            {
                count++;
            }
            assertEquals(1_000, count);
        }
    }

    @Test
    @Timeout(120)
    void truncationUnderALiveMappingIsAClearErrorAndNoCrash() throws Exception
    {
        final Path dir = writeLog(0);
        // In a child JVM: HotSpot reports the fault asynchronously, and it must not land in this one.
        final String out = Children.run(Duration.ofSeconds(90), LiveTruncation.class, dir.toString());
        assertTrue(out.contains("reader: TRUNCATED"), out);
        assertTrue(out.contains("appender: TRUNCATED"), out);
        assertTrue(out.contains("reopen: TRUNCATED"), out);
        assertEquals(DurableLogException.Reason.TRUNCATED,
            assertThrows(DurableLogException.class, () -> DurableLog.open(dir)).reason(), "here too");

        final Path file = onlyQueueFile(dir);
        Files.move(file, file.resolveSibling(file.getFileName() + ".damaged"));
        try (DurableLog log = DurableLog.open(dir); LogAppender appender = log.appender(); LogTailer tailer = log.tailer())
        {
            appender.append("fresh", Codecs.utf8());
            assertEquals("fresh", tailer.poll(Codecs.utf8()), "with the damaged file moved away, the log opens");
        }
    }

    /** Messages a log, truncates its file under the live mapping, then reads and appends on. */
    public static final class LiveTruncation
    {
        public static void main(final String[] args) throws Exception
        {
            final Path dir = Paths.get(args[0]);
            try (DurableLog log = DurableLog.open(dir); LogAppender appender = log.appender(); LogTailer tailer = log.tailer())
            {
                for (int i = 0; i < 20_000; i++)
                {
                    appender.append(ByteBuffer.allocate(100).putLong(0, i).array(), Codecs.bytes());
                }
                for (int i = 0; i < 100; i++)
                {
                    tailer.poll(Codecs.bytes());
                }
                truncate(onlyQueueFile(dir), 1_000_000);
                report("reader", () ->
                {
                    while (true)
                    {
                        tailer.poll((b, o, l, i) -> { }, Duration.ofMillis(100));
                    }
                });
                report("appender", () ->
                {
                    for (int i = 0; i < 1_000_000; i++)
                    {
                        appender.append(new byte[100], Codecs.bytes());
                    }
                });
            }
            report("reopen", () -> DurableLog.open(dir).close());
        }

        interface Action
        {
            void run() throws Exception;
        }

        private static void report(final String what, final Action action)
        {
            try
            {
                action.run();
                System.out.println(what + ": no error");
            }
            catch (final DurableLogException ex)
            {
                System.out.println(what + ": " + ex.reason() + " " + ex.getMessage());
            }
            catch (final Throwable ex)
            {
                System.out.println(what + ": unexpected " + ex);
            }
        }
    }

    private static void backdate(final Path file) throws IOException
    {
        // As if it had been damaged a while ago: a newest file changed within seconds may still be being created.
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
    }
}
