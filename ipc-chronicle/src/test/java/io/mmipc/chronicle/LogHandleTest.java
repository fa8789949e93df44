package io.mmipc.chronicle;

import io.mmipc.DurableLog;
import io.mmipc.DurableLogConfig;
import io.mmipc.DurableLogException;
import io.mmipc.LogAppender;
import io.mmipc.LogRetention;
import io.mmipc.LogRollCycle;
import io.mmipc.LogTailer;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.spi.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A log as the one handle model: what a handle carries, that reading one creates nothing, and
 * that what it names is checked when it is used.
 */
class LogHandleTest
{
    @TempDir
    Path root;

    static byte[] serialize(final Object object) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    static Object read(final byte[] bytes) throws IOException, ClassNotFoundException
    {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)))
        {
            return in.readObject();
        }
    }

    @Test
    void aHandleCarriesTheSettingsAndResolvesToOneLogPerJvmUntilItIsClosed() throws Exception
    {
        final DurableLogConfig config = DurableLogConfig.builder(root.resolve("log")).rollCycle(LogRollCycle.HOURLY)
            .maxMessageLength(4096).retention(LogRetention.keepFor(Duration.ofHours(3))).syncEveryAppend(true).build();
        try (DurableLog log = DurableLog.open(config); LogTailer tailer = log.tailer())
        {
            final byte[] bytes = serialize(log);
            final DurableLog copy = (DurableLog)read(bytes);
            assertNotSame(log, copy);
            assertSame(copy, read(bytes), "one object per handle and JVM");
            assertEquals(config.directory(), copy.config().directory());
            assertEquals(LogRollCycle.HOURLY, copy.config().rollCycle());
            assertEquals(4096, copy.config().maxMessageLength());
            assertEquals(LogRetention.keepFor(Duration.ofHours(3)), copy.config().retention());
            assertTrue(copy.config().syncEveryAppend());
            try (LogAppender appender = copy.appender())
            {
                appender.append("through the handle", Codecs.utf8());
            }
            assertEquals("through the handle", tailer.poll(Codecs.utf8()));
            assertArrayEquals(bytes, serialize(copy), "a re-opened log serializes as the same handle");

            copy.close();
            assertTrue(copy.isClosed());
            assertThrows(IllegalStateException.class, copy::appender);
            final DurableLog again = (DurableLog)read(bytes);
            assertNotSame(copy, again, "a closed one is opened again");
            assertFalse(again.isClosed());
            assertTrue(again.lastIndex() >= 0, "it sees the log's message");
            again.close();
            assertFalse(log.isClosed(), "the original is not the handle's");
        }
    }

    @Test
    void readingAHandleCreatesNothingAndUsingItChecksWhatItNames() throws Exception
    {
        final Path dir = root.resolve("log");
        final byte[] bytes;
        try (DurableLog log = DurableLog.open(DurableLogConfig.builder(dir).rollCycle(LogRollCycle.HOURLY).build()))
        {
            bytes = serialize(log);
        }
        // The same log as a handle that claims another roll cycle: read it, it is checked on use.
        final byte[] daily = serialize(LogHandles.handle(DurableLogConfig.builder(dir).rollCycle(LogRollCycle.DAILY).build()));
        final DurableLog wrongCycle = (DurableLog)read(daily);
        final DurableLogException differs = assertThrows(DurableLogException.class, wrongCycle::tailer);
        assertEquals(DurableLogException.Reason.PARAMETERS_DIFFER, differs.reason());
        wrongCycle.close();

        deleteTree(dir);
        final DurableLog gone = (DurableLog)read(bytes);
        assertFalse(Files.exists(dir), "reading the handle created nothing");
        assertEquals(dir, gone.directory());
        final DurableLogException ex = assertThrows(DurableLogException.class, gone::appender);
        assertEquals(DurableLogException.Reason.NOT_A_LOG, ex.reason());
        assertTrue(ex.getMessage().contains(dir.toString()), ex.getMessage());
        assertFalse(Files.exists(dir), "using it created nothing either");
        gone.close();
    }

    @Test
    void craftedHandlesAreRefusedWhenRead() throws Exception
    {
        final Handle good = LogHandles.handle(DurableLogConfig.builder(root.resolve("log")).build());
        assertRefused(new Handle(good.transport(), good.directory(), good.name(), good.kind(), good.param() | 1L << 50,
            null, good.related()), "parameter word");
        assertRefused(new Handle(good.transport(), good.directory(), good.name(), good.kind(), good.param() | 0xFFL << 32,
            null, good.related()), "parameter word");
        assertRefused(new Handle(good.transport(), good.directory(), good.name(), good.kind(), good.param() & ~0xFFFF_FFFFL,
            null, good.related()), "maxMessageLength");
        assertRefused(good.withRelated("keep everything"), "retention");
        assertRefused(new Handle(good.transport(), good.directory(), "other.cq4t", good.kind(), good.param(), null,
            good.related()), "not a durable log handle");
        assertFalse(Files.exists(root.resolve("log")));
    }

    private static void assertRefused(final Serializable handle, final String what)
    {
        final InvalidObjectException ex = assertThrows(InvalidObjectException.class, () -> read(serialize(handle)));
        assertTrue(ex.getMessage().contains(what), ex.getMessage());
    }

    private static void deleteTree(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path path : (Iterable<Path>)files.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.delete(path);
            }
        }
    }
}
