package io.mmipc.internal.counters;

import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.internal.file.SharedFiles;
import io.mmipc.internal.owner.ProcessIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.mmipc.internal.counters.CounterSet.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The counters file, written by this process and read back with plain reads as {@code mmipc stat} does.
 */
class CountersTest
{
    @TempDir
    Path dir;

    private Counters open(final CounterSet set, final String name)
    {
        return ProcessCounters.open(dir, SharedFiles.OWNER_ONLY, set, name);
    }

    @Test
    void countsOfEveryObjectAreReadBackByName() throws IOException
    {
        final Counters queue = open(QUEUE, "tasks");
        final Counters lock = open(LOCK, "guard");
        assertTrue(queue.isCounted());
        queue.addRelease(MESSAGES_OUT, 3);
        queue.addRelease(BYTES_OUT, 192);
        queue.getAndAdd(MESSAGES_IN, 2);
        queue.addRelease(BYTES_IN, 128);
        lock.addRelease(ACQUISITIONS, 5);
        lock.addRelease(CONTENDED, 1);
        assertEquals(3, queue.get(MESSAGES_OUT));

        final List<CountersReader.ProcessFile> files = CountersReader.read(dir);
        assertEquals(1, files.size());
        final CountersReader.ProcessFile file = files.get(0);
        assertNull(file.problem());
        assertEquals(ProcessIdentity.current(), file.process());
        assertTrue(file.alive());
        assertEquals(dir.resolve(CountersDescriptor.fileName(ProcessIdentity.current())), file.path());
        final Map<String, Long> tasks = file.of("tasks").named();
        assertEquals(Map.of("messagesOut", 3L, "bytesOut", 192L, "fullEvents", 0L, "messagesIn", 2L, "bytesIn", 128L,
            "skippedClaims", 0L, "consumerTakeovers", 0L), tasks);
        assertEquals(5, file.of("guard").get(ACQUISITIONS));
        assertEquals(Set.of("tasks", "guard"), CountersReader.sumByObject(files).keySet());
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
            Files.getPosixFilePermissions(file.path()));
    }

    @Test
    void twoOpenObjectsOfOneNameHaveTwoRecordsSummedAndAClosedOnesRecordKeepsCounting() throws IOException
    {
        final Counters sender = open(QUEUE, "q");
        final Counters receiver = open(QUEUE, "q");
        assertNotEquals(sender.recordOffset(), receiver.recordOffset(), "each open object writes its own record");
        sender.addRelease(MESSAGES_OUT, 10);
        receiver.addRelease(MESSAGES_IN, 7);
        assertEquals(10, CountersReader.read(dir).get(0).of("q").get(MESSAGES_OUT));
        assertEquals(7, CountersReader.read(dir).get(0).of("q").get(MESSAGES_IN));

        sender.release();
        sender.release(); // a second release gives nothing back twice
        final Counters again = open(QUEUE, "q");
        final Counters third = open(QUEUE, "q");
        assertEquals(sender.recordOffset(), again.recordOffset(), "the closed object's record is reused");
        assertNotEquals(again.recordOffset(), third.recordOffset());
        again.addRelease(MESSAGES_OUT, 1);
        assertEquals(11, CountersReader.read(dir).get(0).of("q").get(MESSAGES_OUT), "the count goes on");
        assertEquals(3, ProcessCounters.of(dir, SharedFiles.OWNER_ONLY).recordsAllocated());
        final Counters other = open(PIPE_END_1, "q");
        assertNotEquals(sender.recordOffset(), other.recordOffset(), "records are reused by set and name only");
    }

    @Test
    void aFullFileLeavesObjectsUncountedAndSaysHowMany() throws IOException
    {
        final String previous = System.getProperty("mmipc.counters.records");
        System.setProperty("mmipc.counters.records", "2");
        try
        {
            assertTrue(open(LOCK, "a").isCounted());
            assertTrue(open(LOCK, "b").isCounted());
            final Counters c = open(LOCK, "c");
            assertFalse(c.isCounted());
            c.addRelease(ACQUISITIONS, 1); // private memory: harmless
            c.release();
            final CountersReader.ProcessFile file = CountersReader.read(dir).get(0);
            assertEquals(1, file.notCounted());
            assertEquals(2, file.records().size());
            assertNull(file.of("c"));
        }
        finally
        {
            if (previous == null)
            {
                System.clearProperty("mmipc.counters.records");
            }
            else
            {
                System.setProperty("mmipc.counters.records", previous);
            }
        }
    }

    @Test
    void aNameThatCannotBeStoredIsNotCounted()
    {
        assertFalse(open(QUEUE, "").isCounted());
        assertFalse(open(QUEUE, "x".repeat(CountersDescriptor.MAX_NAME_LENGTH + 1)).isCounted());
        assertTrue(open(QUEUE, "x".repeat(CountersDescriptor.MAX_NAME_LENGTH)).isCounted());
    }

    @Test
    void aDirectoryThatCannotHoldTheFileLeavesObjectsUncounted()
    {
        final Counters counters = ProcessCounters.open(dir.resolve("missing"), SharedFiles.OWNER_ONLY, QUEUE, "q");
        assertFalse(counters.isCounted());
        counters.addRelease(MESSAGES_OUT, 1);
        assertEquals(1, counters.get(MESSAGES_OUT));
    }

    @Test
    void theReaderReportsNonsenseInsteadOfTrustingIt() throws IOException
    {
        final Counters queue = open(QUEUE, "tasks");
        queue.addRelease(MESSAGES_OUT, 1);
        final Path path = CountersReader.read(dir).get(0).path();
        final long records = SharedFiles.readHeader(path).param(CountersDescriptor.PARAM_RECORDS);

        putInt(path, CountersDescriptor.ALLOCATED_OFFSET, (int)records + 1);
        CountersReader.ProcessFile file = CountersReader.read(dir).get(0);
        assertTrue(file.problem().contains("records allocated " + (records + 1)), file.problem());
        assertTrue(file.records().isEmpty());

        putInt(path, CountersDescriptor.ALLOCATED_OFFSET, 1);
        putInt(path, CountersDescriptor.recordOffset(0) + CountersDescriptor.NAME_LENGTH_OFFSET, 100_000);
        file = CountersReader.read(dir).get(0);
        assertTrue(file.problem().contains("name length 100000"), file.problem());
        assertTrue(file.records().isEmpty());

        putInt(path, CountersDescriptor.recordOffset(0) + CountersDescriptor.NAME_LENGTH_OFFSET, 5);
        putInt(path, CountersDescriptor.recordOffset(0) + CountersDescriptor.SET_ID_OFFSET, 999);
        assertTrue(CountersReader.read(dir).get(0).problem().contains("set id 999"));

        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE))
        {
            channel.truncate(SharedFileDescriptor.HEADER_LENGTH + 64);
        }
        file = CountersReader.read(dir).get(0);
        assertNotNull(file.problem());
        assertTrue(file.records().isEmpty());

        Files.writeString(dir.resolve(CountersDescriptor.FILE_PREFIX + "garbage"), "not a counters file");
        assertEquals(2, CountersReader.read(dir).size(), "a foreign file is listed with its problem, not thrown");
    }

    @Test
    void aFileStillUnderItsTemporaryNameIsNotRead() throws IOException
    {
        open(QUEUE, "tasks").addRelease(MESSAGES_OUT, 1);
        // What a creator leaves while it initialises a file: the name matches the prefix, the magic is not written yet.
        Files.write(dir.resolve(CountersDescriptor.FILE_PREFIX + "1-2~tmp-1-abc"), new byte[4096]);
        final List<CountersReader.ProcessFile> files = CountersReader.read(dir);
        assertEquals(1, files.size(), files::toString);
        assertNull(files.get(0).problem());
    }

    private static void putInt(final Path path, final int bodyOffset, final int value) throws IOException
    {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value),
                SharedFileDescriptor.HEADER_LENGTH + bodyOffset);
        }
    }
}
