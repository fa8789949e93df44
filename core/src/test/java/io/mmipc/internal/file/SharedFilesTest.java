package io.mmipc.internal.file;

import io.mmipc.SharedFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.stream.Stream;

import static io.mmipc.SharedFileException.Reason.*;
import static org.junit.jupiter.api.Assertions.*;

class SharedFilesTest
{
    @TempDir
    Path dir;

    private static SharedFileSpec spec(final long capacity)
    {
        return SharedFileSpec.builder(ObjectKind.SHARED_MEMORY, capacity)
            .param(0, "capacity", capacity)
            .typeTag("int64")
            .initializer(body -> body.putLong(0, 42))
            .build();
    }

    @Test
    void createThenOpenSeesTheSameBytes() throws IOException
    {
        try (SharedFile created = SharedFiles.createOrOpen(dir, "block", spec(1024));
             SharedFile opened = SharedFiles.open(dir.resolve("block"), spec(1024)))
        {
            assertTrue(created.created());
            assertFalse(opened.created());
            assertEquals(42, opened.body().getLong(0), "initializer ran before publication");
            created.body().putLongRelease(8, 7);
            assertEquals(7, opened.body().getLongAcquire(8));
            assertEquals(ObjectKind.SHARED_MEMORY, opened.kind());
            assertEquals(1024 + SharedFileDescriptor.HEADER_LENGTH, Files.size(dir.resolve("block")));
            assertEquals(ProcessHandle.current().pid(), opened.header().creator().pid());
            assertEquals("int64", opened.header().typeTag());
            assertEquals(1024, opened.header().param(0));
        }
        assertOnlyFiles("block");
    }

    @Test
    void createOrOpenOfAnExistingNameOpensIt() throws IOException
    {
        try (SharedFile first = SharedFiles.createOrOpen(dir, "x", spec(64));
             SharedFile second = SharedFiles.createOrOpen(dir, "x", spec(64)))
        {
            assertTrue(first.created());
            assertFalse(second.created());
            assertThrows(FileAlreadyExistsException.class, () -> SharedFiles.create(dir, "x", spec(64)));
        }
    }

    @Test
    void filesAreOwnerOnly() throws IOException
    {
        try (SharedFile ignored = SharedFiles.createOrOpen(dir, "perm", spec(64)))
        {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("perm"))));
        }
    }

    @Test
    void badNamesAreRefusedAndLeaveNoFile()
    {
        for (final String bad : new String[] {"", "..", "a/b", "../escape", "x".repeat(201)})
        {
            final IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> SharedFiles.createOrOpen(dir, bad, spec(64)));
            assertTrue(ex.getMessage().contains("name"), ex.getMessage());
        }
        assertOnlyFiles();
    }

    @Test
    void badLengthsAreRefusedBeforeAnyFileIsMade()
    {
        assertThrows(IllegalArgumentException.class, () -> SharedFileSpec.builder(ObjectKind.SHARED_MEMORY, -1));
        assertThrows(IllegalArgumentException.class,
            () -> SharedFileSpec.builder(ObjectKind.SHARED_MEMORY, Integer.MAX_VALUE));
        assertOnlyFiles();
    }

    @Test
    void aFailingInitializerLeavesNoFile()
    {
        final SharedFileSpec failing = SharedFileSpec.builder(ObjectKind.SHARED_MEMORY, 64)
            .initializer(body -> { throw new IllegalStateException("boom"); })
            .build();
        assertThrows(IllegalStateException.class, () -> SharedFiles.createOrOpen(dir, "fails", failing));
        assertOnlyFiles();
    }

    @Test
    void missingFileIsNoSuchFile()
    {
        assertThrows(NoSuchFileException.class, () -> SharedFiles.open(dir.resolve("absent"), spec(64)));
    }

    @Test
    void truncatedFileIsRefused() throws IOException
    {
        SharedFiles.createOrOpen(dir, "t", spec(4096)).close();
        try (FileChannel ch = FileChannel.open(dir.resolve("t"), StandardOpenOption.WRITE))
        {
            ch.truncate(1000);
        }
        assertReason(TRUNCATED, "t", "1000 bytes");

        try (FileChannel ch = FileChannel.open(dir.resolve("t"), StandardOpenOption.WRITE))
        {
            ch.truncate(100);
        }
        assertReason(TRUNCATED, "t", "header");
    }

    @Test
    void randomBytesAreNotAnMmipcFile() throws IOException
    {
        final byte[] junk = new byte[8192];
        new Random(1).nextBytes(junk);
        Files.write(dir.resolve("junk"), junk);
        assertReason(NOT_MMIPC_FILE, "junk", "not an mmipc file");

        Files.write(dir.resolve("empty"), new byte[0]);
        assertReason(NOT_MMIPC_FILE, "empty", "0 bytes");
    }

    @Test
    void fileOfAnotherKindIsRefused() throws IOException
    {
        SharedFiles.createOrOpen(dir, "pipe", SharedFileSpec.builder(ObjectKind.PIPE, 64).build()).close();
        final SharedFileException ex = assertReason(WRONG_KIND, "pipe", "PIPE");
        assertTrue(ex.getMessage().contains("holds an object of kind PIPE, not SHARED_MEMORY"), ex.getMessage());
    }

    @Test
    void fileOfAFutureVersionIsRefused() throws IOException
    {
        SharedFiles.createOrOpen(dir, "future", spec(64)).close();
        patchInt(dir.resolve("future"), SharedFileDescriptor.VERSION_OFFSET, SharedFileDescriptor.LAYOUT_VERSION + 1);
        assertReason(UNSUPPORTED_VERSION, "future", "version " + (SharedFileDescriptor.LAYOUT_VERSION + 1));
    }

    @Test
    void differentParametersAreRefusedNamingBoth() throws IOException
    {
        SharedFiles.createOrOpen(dir, "cap", spec(64)).close();
        final SharedFileException ex = assertThrows(SharedFileException.class,
            () -> SharedFiles.createOrOpen(dir, "cap", spec(128)));
        assertEquals(PARAMETERS_DIFFER, ex.reason());
        assertTrue(ex.getMessage().contains("capacity is 64 in the file, 128 requested"), ex.getMessage());

        final SharedFileSpec otherType = SharedFileSpec.builder(ObjectKind.SHARED_MEMORY, 64)
            .param(0, "capacity", 64).typeTag("float64").build();
        final SharedFileException typeEx = assertThrows(SharedFileException.class,
            () -> SharedFiles.open(dir.resolve("cap"), otherType));
        assertTrue(typeEx.getMessage().contains("\"int64\" in the file, \"float64\" requested"), typeEx.getMessage());
    }

    @Test
    void corruptHeaderLengthIsRefused() throws IOException
    {
        SharedFiles.createOrOpen(dir, "c", spec(64)).close();
        patchLong(dir.resolve("c"), SharedFileDescriptor.TOTAL_LENGTH_OFFSET, -5);
        assertReason(CORRUPT, "c", "total length -5");
    }

    @Test
    void callsAfterCloseAreIllegalState() throws IOException
    {
        final SharedFile file = SharedFiles.createOrOpen(dir, "closed", spec(64));
        file.close();
        file.close(); // idempotent
        assertTrue(file.isUnmapped());
        final IllegalStateException ex = assertThrows(IllegalStateException.class, file::enter);
        assertTrue(ex.getMessage().contains("closed"), ex.getMessage());
    }

    @Test
    void closeDuringAnOperationUnmapsWhenItEnds() throws IOException
    {
        final SharedFile file = SharedFiles.createOrOpen(dir, "inflight", spec(64));
        file.enter();
        file.close();
        assertTrue(file.isClosed());
        assertFalse(file.isUnmapped(), "must not unmap under an operation");
        assertEquals(42, file.body().getLong(0), "memory still mapped while the operation runs");
        file.exit();
        assertTrue(file.isUnmapped());
    }

    @Test
    void aCloseFromAnotherThreadUnmapsWhenTheOwnerNextTouchesTheFile() throws Exception
    {
        final SharedFile file = SharedFiles.createOrOpen(dir, "xthread", spec(64));
        final Thread closer = new Thread(file::close);
        closer.start();
        closer.join();
        assertTrue(file.isClosed());
        assertFalse(file.isUnmapped(), "the owner might have been in flight: only it may unmap");
        assertThrows(IllegalStateException.class, file::enter);
        assertTrue(file.isUnmapped());
    }

    @Test
    void onlyTheOwnerOfAnOpenFileMayTouchItUnguardedAndAnotherThreadsCloseStillWaitsForIt() throws Exception
    {
        final SharedFile file = SharedFiles.createOrOpen(dir, "unguarded", spec(64));
        assertTrue(file.ownerOpenOpaque(), "the thread that mapped the file, file open");
        final boolean[] seen = new boolean[1];
        final Thread other = new Thread(() -> seen[0] = file.ownerOpenOpaque());
        other.start();
        other.join();
        assertFalse(seen[0], "another thread must count itself in");

        final Thread closer = new Thread(file::close);
        closer.start();
        closer.join();
        assertFalse(file.ownerOpenOpaque(), "closed: the owner goes through enter(), which throws");
        assertFalse(file.isUnmapped(), "an unguarded operation of the owner may still run: only the owner unmaps");
        assertEquals(42, file.body().getLong(0));
        assertThrows(IllegalStateException.class, file::enter);
        assertTrue(file.isUnmapped());
        assertFalse(file.ownerOpenOpaque());
    }

    @Test
    void anOwnersOwnCloseEndsItsUnguardedAccess() throws IOException
    {
        final SharedFile file = SharedFiles.createOrOpen(dir, "ownclose", spec(64));
        assertTrue(file.ownerOpenOpaque());
        file.close();
        assertTrue(file.isUnmapped());
        assertFalse(file.ownerOpenOpaque(), "the owner sees its own close");
    }

    @Test
    void anOwnerCloseWaitsForOtherThreadsInFlight() throws Exception
    {
        final SharedFile file = SharedFiles.createOrOpen(dir, "others", spec(64));
        final java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch leave = new java.util.concurrent.CountDownLatch(1);
        final long[] read = new long[1];
        final Thread other = new Thread(() ->
        {
            file.enter();
            try
            {
                entered.countDown();
                leave.await();
                read[0] = file.body().getLong(0);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            finally
            {
                file.exit();
            }
        });
        other.start();
        entered.await();
        file.close();
        assertFalse(file.isUnmapped(), "another thread is in flight");
        leave.countDown();
        other.join();
        assertEquals(42, read[0]);
        assertTrue(file.isUnmapped(), "the last thread out unmaps");
    }

    @Test
    void aPendingInterruptNeitherFailsCreateOrOpenNorIsLost() throws Exception
    {
        Thread.currentThread().interrupt();
        try (SharedFile created = SharedFiles.createOrOpen(dir, "interrupted", spec(64)))
        {
            assertTrue(Thread.currentThread().isInterrupted(), "the status is kept for the next blocking call");
            created.body().putLong(0, 7);
            try (SharedFile opened = SharedFiles.open(dir.resolve("interrupted"), spec(64)))
            {
                assertTrue(Thread.currentThread().isInterrupted());
                assertEquals(7, opened.body().getLong(0));
                assertEquals(ObjectKind.SHARED_MEMORY, SharedFiles.readHeader(opened.path()).kind());
            }
        }
        finally
        {
            assertTrue(Thread.interrupted(), "still set after close, and cleared here");
        }
    }

    @Test
    void temporaryNamesAreRecognised()
    {
        assertTrue(SharedFiles.isTemporaryName("queue~tmp-123-abc"));
        assertFalse(SharedFiles.isTemporaryName("queue"));
    }

    private SharedFileException assertReason(
        final SharedFileException.Reason reason, final String name, final String fragment)
    {
        final SharedFileException ex = assertThrows(SharedFileException.class,
            () -> SharedFiles.open(dir.resolve(name), spec(64)));
        assertEquals(reason, ex.reason(), ex.getMessage());
        assertTrue(ex.getMessage().contains(dir.resolve(name).toString()), "names the file: " + ex.getMessage());
        assertTrue(ex.getMessage().contains(fragment), ex.getMessage());
        return ex;
    }

    private void assertOnlyFiles(final String... names)
    {
        try (Stream<Path> files = Files.list(dir))
        {
            assertArrayEquals(names, files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new));
        }
        catch (final IOException ex)
        {
            fail(ex);
        }
    }

    static void patchInt(final Path path, final int offset, final int value) throws IOException
    {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE))
        {
            ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value), offset);
        }
    }

    static void patchLong(final Path path, final int offset, final long value) throws IOException
    {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE))
        {
            ch.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value), offset);
        }
    }
}
