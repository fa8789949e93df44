package io.mmipc.chronicle;

import io.mmipc.DurableLog;
import io.mmipc.DurableLogConfig;
import io.mmipc.DurableLogException;
import io.mmipc.IpcContext;
import io.mmipc.LogAppender;
import io.mmipc.LogRollCycle;
import io.mmipc.LogTailer;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.file.Names;
import net.openhft.chronicle.queue.RollCycle;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DurableLogTest
{
    @TempDir
    Path root;

    @Test
    void appendsFromHeapAndDirectBuffersAndThroughCodecsAndReadsInOrder()
    {
        try (DurableLog log = DurableLog.open(root.resolve("log"));
             LogAppender appender = log.appender();
             LogTailer tailer = log.tailer())
        {
            assertEquals(-1, log.lastIndex());
            assertEquals(-1, log.firstIndex());
            assertFalse(tailer.poll((b, o, l, i) -> fail("empty log")));

            final UnsafeBuffer heap = new UnsafeBuffer(new byte[16]);
            heap.putLong(8, 42);
            final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(16));
            direct.putLong(4, 43);
            final long first = appender.append(heap, 8, 8);
            final long second = appender.append(direct, 4, 8);
            final long third = appender.append("third", Codecs.utf8());
            assertTrue(first < second && second < third, first + " " + second + " " + third);
            assertEquals(third, appender.lastAppendedIndex());
            assertEquals(first, log.firstIndex());
            assertEquals(third, log.lastIndex());

            final List<Long> indexes = new ArrayList<>();
            assertTrue(tailer.poll((b, o, l, i) -> { assertEquals(8, l); assertEquals(42, b.getLong(o)); indexes.add(i); }));
            assertTrue(tailer.poll((b, o, l, i) -> { assertEquals(43, b.getLong(o)); indexes.add(i); }));
            assertEquals(List.of(first, second), indexes);
            assertEquals("third", tailer.poll(Codecs.utf8()));
            assertEquals(third, tailer.lastReadIndex());
            assertNull(tailer.poll(Codecs.utf8()));
        }
    }

    @Test
    @Timeout(30)
    void blockingReadsWaitTimeOutAndHonourInterrupts() throws Exception
    {
        try (DurableLog log = DurableLog.open(root.resolve("log")); LogTailer tailer = log.tailer())
        {
            assertNull(tailer.poll(Codecs.int64(), Duration.ofMillis(20)));
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, () -> tailer.take(Codecs.int64()));
            final Thread writer = new Thread(() ->
            {
                try (LogAppender appender = log.appender())
                {
                    appender.append(7L, Codecs.int64());
                }
            });
            writer.start();
            assertEquals(7L, tailer.take(Codecs.int64()));
            writer.join();
        }
    }

    @Test
    void replaysFromTheStartFromAnIndexAndFromATime()
    {
        final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z").toEpochMilli());
        final DurableLogConfig config = DurableLogConfig.builder(root.resolve("log"))
            .rollCycle(LogRollCycle.HOURLY).clock(clock).build();
        try (DurableLog log = DurableLog.open(config); LogAppender appender = log.appender(); LogTailer tailer = log.tailer())
        {
            final long[] index = new long[30];
            for (int i = 0; i < index.length; i++)
            {
                clock.advance(Duration.ofMinutes(7)); // about 3.5 hours: four files
                index[i] = appender.append((long)i, Codecs.int64());
            }
            for (int i = 0; i < index.length; i++)
            {
                assertEquals((long)i, tailer.poll(Codecs.int64()));
            }
            tailer.toStart();
            assertEquals(0L, tailer.poll(Codecs.int64()));
            assertTrue(tailer.moveTo(index[17]));
            assertEquals(17L, tailer.poll(Codecs.int64()));
            assertFalse(tailer.moveTo(index[29] + 1));
            assertEquals(18L, tailer.poll(Codecs.int64()), "a failed move leaves the position");
            final RollCycle hourly = ChronicleDurableLog.chronicleRollCycle(LogRollCycle.HOURLY);
            final long missing = hourly.toIndex(hourly.toCycle(index[0]), 1000);
            assertTrue(missing > index[0] && missing < index[29]);
            assertFalse(tailer.moveTo(missing), "an index inside the log's range that holds no message");
            assertEquals(19L, tailer.poll(Codecs.int64()));

            final long start = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();
            tailer.moveTo(Instant.ofEpochMilli(start + Duration.ofMinutes(7 * 21).toMillis()));
            assertEquals(20L, tailer.poll(Codecs.int64()), "the message appended exactly at the time");
            tailer.moveTo(Instant.ofEpochMilli(start + Duration.ofMinutes(7 * 21 + 1).toMillis()));
            assertEquals(21L, tailer.poll(Codecs.int64()), "the first one after the time");
            tailer.moveTo(Instant.ofEpochMilli(start));
            assertEquals(0L, tailer.poll(Codecs.int64()));
            tailer.moveTo(Instant.ofEpochMilli(clock.millis() + 1));
            assertNull(tailer.poll(Codecs.int64()), "after the last message: at the end");
            appender.append(99L, Codecs.int64());
            assertEquals(99L, tailer.poll(Codecs.int64()));
            tailer.toEnd();
            assertNull(tailer.poll(Codecs.int64()));
        }
    }

    @Test
    void aMessageOverTheLimitIsAClearErrorAtTheWriterAndLeavesTheLogIntact()
    {
        final DurableLogConfig config = DurableLogConfig.builder(root.resolve("log")).maxMessageLength(1024).build();
        try (DurableLog log = DurableLog.open(config); LogAppender appender = log.appender(); LogTailer tailer = log.tailer())
        {
            appender.append(new UnsafeBuffer(new byte[1024]), 0, 1024);
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> appender.append(new UnsafeBuffer(new byte[1025]), 0, 1025));
            assertTrue(ex.getMessage().contains("1025") && ex.getMessage().contains("1024"), ex.getMessage());
            final ExpandableArrayBuffer big = new ExpandableArrayBuffer(4096);
            assertThrows(IllegalArgumentException.class, () -> appender.append(new String(new char[2000]), Codecs.utf8()));
            assertThrows(IndexOutOfBoundsException.class, () -> appender.append(big, big.capacity() - 4, 8));
            appender.append("after", Codecs.utf8());
            assertTrue(tailer.poll((b, o, l, i) -> assertEquals(1024, l)));
            assertEquals("after", tailer.poll(Codecs.utf8()));
            assertNull(tailer.poll(Codecs.utf8()));
        }
    }

    @Test
    void namedTailersResumeAfterTheirLastAcknowledgedMessage()
    {
        final Path dir = root.resolve("log");
        try (DurableLog log = DurableLog.open(dir); LogAppender appender = log.appender())
        {
            for (long i = 0; i < 10; i++)
            {
                appender.append(i, Codecs.int64());
            }
            try (LogTailer tailer = log.tailer("billing"))
            {
                assertEquals(-1, tailer.ackedIndex());
                assertEquals(0L, tailer.poll(Codecs.int64()));
                assertEquals(1L, tailer.poll(Codecs.int64()));
                tailer.ack();
                assertEquals(2L, tailer.poll(Codecs.int64()), "read, not acknowledged");
                final IllegalStateException held = assertThrows(IllegalStateException.class, () -> log.tailer("billing"));
                assertTrue(held.getMessage().contains("billing"), held.getMessage());
            }
            try (LogTailer tailer = log.tailer("billing"); LogTailer other = log.tailer("audit"))
            {
                assertEquals(2L, tailer.poll(Codecs.int64()), "resumes after the acknowledged message");
                assertEquals(0L, other.poll(Codecs.int64()), "another name has its own position");
                assertThrows(IllegalStateException.class, () -> log.removeTailer("audit"));
            }
        }
        try (DurableLog log = DurableLog.open(dir); LogTailer tailer = log.tailer("billing"))
        {
            assertEquals(2L, tailer.poll(Codecs.int64()), "and after the log was closed and opened again");
            assertTrue(log.removeTailer("audit"));
            assertFalse(log.removeTailer("audit"));
            assertFalse(log.removeTailer("never-used"));
        }
        try (DurableLog log = DurableLog.open(dir); LogTailer tailer = log.tailer("audit"))
        {
            assertEquals(0L, tailer.poll(Codecs.int64()), "a removed name starts afresh");
            assertThrows(IllegalStateException.class, () -> log.tailer().ack());
            assertThrows(IllegalArgumentException.class, () -> log.tailer("no/slash"));
            assertThrows(IllegalArgumentException.class, () -> log.tailer("n".repeat(Names.MAX_LENGTH + 1)));
            try (LogTailer longest = log.tailer("n".repeat(Names.MAX_LENGTH)))
            {
                assertEquals(0L, longest.poll(Codecs.int64()));
                longest.ack();
                assertEquals(longest.lastReadIndex(), longest.ackedIndex());
            }
        }
    }

    @Test
    @Timeout(30)
    void consumeAcknowledgesAfterTheHandlerAndRedeliversWhenItThrows() throws Exception
    {
        try (DurableLog log = DurableLog.open(root.resolve("log")); LogAppender appender = log.appender())
        {
            appender.append(1L, Codecs.int64());
            appender.append(2L, Codecs.int64());
            try (LogTailer tailer = log.tailer("worker"))
            {
                assertTrue(tailer.consume((b, o, l, i) -> assertEquals(1, b.getLong(o)), Duration.ofSeconds(5)));
                final long acked = tailer.ackedIndex();
                assertThrows(IllegalStateException.class, () -> tailer.consume((b, o, l, i) ->
                {
                    throw new IllegalStateException("processing failed");
                }, Duration.ofSeconds(5)));
                assertEquals(acked, tailer.ackedIndex(), "a failed message is not acknowledged");
                assertTrue(tailer.consume((b, o, l, i) -> assertEquals(2, b.getLong(o)), Duration.ofSeconds(5)),
                    "it comes again");
                assertFalse(tailer.consume((b, o, l, i) -> fail("nothing left"), Duration.ofMillis(10)));
            }
        }
    }

    @Test
    void refusesADirectoryThatIsNotALogAndAFile() throws Exception
    {
        final Path notALog = Files.createDirectories(root.resolve("photos"));
        Files.writeString(notALog.resolve("holiday.jpg"), "not a queue");
        final DurableLogException ex = assertThrows(DurableLogException.class, () -> DurableLog.open(notALog));
        assertEquals(DurableLogException.Reason.NOT_A_LOG, ex.reason());
        assertTrue(ex.getMessage().contains("holiday.jpg") && ex.getMessage().contains("photos"), ex.getMessage());
        assertFalse(Files.exists(notALog.resolve(QueueDirectory.METADATA_FILE)), "nothing was written into it");

        final Path file = Files.writeString(root.resolve("plain"), "x");
        assertEquals(DurableLogException.Reason.NOT_A_LOG,
            assertThrows(DurableLogException.class, () -> DurableLog.open(file)).reason());
    }

    @Test
    void syncingAppendsWorksEveryWay()
    {
        final DurableLogConfig config = DurableLogConfig.builder(root.resolve("log")).syncEveryAppend(true).build();
        try (DurableLog log = DurableLog.open(config); LogAppender appender = log.appender(); LogTailer tailer = log.tailer())
        {
            appender.append("synced", Codecs.utf8());
            appender.sync();
            assertEquals("synced", tailer.poll(Codecs.utf8()));
        }
    }

    @Test
    void reopeningWithOtherParametersIsRefused()
    {
        final Path dir = root.resolve("log");
        DurableLog.open(DurableLogConfig.builder(dir).rollCycle(LogRollCycle.HOURLY).build()).close();
        final DurableLogException ex = assertThrows(DurableLogException.class,
            () -> DurableLog.open(DurableLogConfig.builder(dir).rollCycle(LogRollCycle.DAILY).build()));
        assertEquals(DurableLogException.Reason.PARAMETERS_DIFFER, ex.reason());
        assertTrue(ex.getMessage().contains("DAILY"), ex.getMessage());
        assertThrows(DurableLogException.class,
            () -> DurableLog.open(DurableLogConfig.builder(dir).rollCycle(LogRollCycle.HOURLY).maxMessageLength(99).build()));
        DurableLog.open(DurableLogConfig.builder(dir).rollCycle(LogRollCycle.HOURLY).build()).close();
    }

    @Test
    void callsAfterCloseAreIllegalStateAndAContextClosesItsLogsButKeepsThem()
    {
        final DurableLog log;
        final LogAppender appender;
        try (IpcContext ctx = IpcContext.create(root.resolve("ctx")))
        {
            log = ctx.durableLog(DurableLogConfig.builder(root.resolve("log")).build());
            appender = log.appender();
            appender.append("kept", Codecs.utf8());
        }
        assertTrue(log.isClosed());
        assertThrows(IllegalStateException.class, () -> appender.append("late", Codecs.utf8()));
        assertThrows(IllegalStateException.class, log::appender);
        try (DurableLog again = DurableLog.open(root.resolve("log")); LogTailer tailer = again.tailer())
        {
            assertEquals("kept", tailer.poll(Codecs.utf8()));
        }
    }

    @Test
    void namedLogsLiveUnderAPerUserDataDirectoryOnDisk()
    {
        final String saved = System.getProperty(DurableLogConfig.ROOT_PROPERTY);
        try
        {
            System.clearProperty(DurableLogConfig.ROOT_PROPERTY);
            final Path root = DurableLogConfig.defaultRoot();
            assertFalse(root.startsWith("/dev/shm"), root.toString());
            assertTrue(root.endsWith(Path.of("mmipc", "logs")), root.toString());
            System.setProperty(DurableLogConfig.ROOT_PROPERTY, this.root.toString());
            assertEquals(this.root.resolve("orders"), DurableLogConfig.builder("orders").build().directory());
            try (IpcContext ctx = IpcContext.create(this.root.resolve("ctx")))
            {
                final DurableLog log = ctx.durableLog("orders");
                assertEquals(this.root.resolve("orders"), log.directory());
                assertTrue(Files.exists(this.root.resolve("orders").resolve(QueueDirectory.METADATA_FILE)));
            }
        }
        finally
        {
            if (saved == null)
            {
                System.clearProperty(DurableLogConfig.ROOT_PROPERTY);
            }
            else
            {
                System.setProperty(DurableLogConfig.ROOT_PROPERTY, saved);
            }
        }
    }
}
