package io.mmipc;

import io.mmipc.SharedMemoryFaultException;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

class SharedMemoryTest
{
    @TempDir
    Path root;

    @Test
    @Timeout(120)
    void aChildSeesTheParentsWritesAndTheParentSeesTheChilds() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMemory mem = ctx.sharedMemory("block", 4096);
            mem.putBytes(64, "hello from the parent".getBytes());
            mem.putLongRelease(0, 21);

            final String out = Children.run(Duration.ofSeconds(60), Child.class, ctx.directory().toString());
            assertTrue(out.contains("child read 21 hello from the parent"), out);
            assertEquals(42, mem.getLongAcquire(8), "the child's write");
            final byte[] reply = new byte["hello from the child".length()];
            mem.getBytes(1024, reply);
            assertEquals("hello from the child", new String(reply));
        }
        assertFalse(Files.exists(root.resolve("block")));
    }

    @Test
    @Timeout(60)
    void aChildCanStillUseItsMappingWhenTheCreatorClosed() throws Exception
    {
        final Path dir;
        try (IpcContext ctx = IpcContext.create(root); ChildJvm child = Children.start(Holder.class, root.toString()))
        {
            dir = ctx.directory();
            ctx.sharedMemory("held", 128).putLongRelease(0, 5);
            Files.writeString(root.resolve("dir"), dir.toString());
            Children.awaitLine(child, "mapped", Duration.ofSeconds(60));
            ctx.close(); // removes the directory while the child still maps a file of it
            assertFalse(Files.exists(dir));
            Files.writeString(root.resolve("go"), "go");
            assertTrue(Children.finish(child, Duration.ofSeconds(30)).contains("still 5"));
        }
    }

    @Test
    void outOfBoundsAccessIsRefused()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMemory mem = ctx.sharedMemory("b", 64);
            assertEquals(64, mem.size());
            assertThrows(IndexOutOfBoundsException.class, () -> mem.getLong(60));
            assertThrows(IndexOutOfBoundsException.class, () -> mem.putInt(-1, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> mem.putBytes(60, new byte[5]));
            assertThrows(IllegalArgumentException.class, () -> mem.getLongAcquire(4));
            assertThrows(IllegalArgumentException.class, () -> ctx.sharedMemory("c", 0));
        }
    }

    @Test
    void reopeningWithAnotherSizeIsRefused()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            ctx.sharedMemory("sized", 64);
            final SharedObjectMismatchException ex =
                assertThrows(SharedObjectMismatchException.class, () -> ctx.sharedMemory("sized", 128));
            assertTrue(ex.getMessage().endsWith("sized: parameters differ: size is 64 in the file, 128 requested"),
                ex.getMessage());
            assertEquals(64, ctx.sharedMemory("sized").size(), "open without a size takes the file's");
        }
    }

    @Test
    void callsAfterCloseAreIllegalState()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMemory mem = ctx.sharedMemory("b", 64);
            mem.close();
            assertThrows(IllegalStateException.class, () -> mem.getLong(0));
            assertThrows(IllegalStateException.class, () -> mem.putLongRelease(0, 1));
        }
        final IpcContext closed = IpcContext.create(root);
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.sharedMemory("late", 64));
    }

    @Test
    void truncationBehindOurBackIsDetected() throws IOException
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMemory mem = ctx.sharedMemory("shrinks", 1 << 20);
            mem.putLong((1 << 20) - 8, 1);
            mem.checkBacked();
            truncate(mem.path(), 4096);
            final SharedMemoryFaultException ex = assertThrows(SharedMemoryFaultException.class, mem::checkBacked);
            assertTrue(ex.getMessage().contains("shrinks"), ex.getMessage());
            assertTrue(ex.getMessage().contains("4096 bytes"), ex.getMessage());
            assertEquals(0, mem.getLong(8), "the part still backed by the file works");
        }
    }

    @Test
    @Timeout(120)
    void touchingATruncatedMappingFaultsWithoutACrashAndIsExplained() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            ctx.sharedMemory("shrinks", 1 << 20);
            // Run in a child: HotSpot delivers the fault asynchronously, and it must not land in this JVM.
            final String out = Children.run(Duration.ofSeconds(60), Toucher.class, ctx.directory().toString());
            assertTrue(out.contains("caught "), out);
            assertTrue(out.contains("explained: ") && out.contains("4096 bytes but was mapped with 1048832"), out);
        }
    }

    static void truncate(final Path path, final long size) throws IOException
    {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE))
        {
            ch.truncate(size);
        }
    }

    /** Maps a block, truncates it, then touches the lost part until the fault is reported. */
    public static final class Toucher
    {
        public static void main(final String[] args) throws Exception
        {
            try (IpcContext ctx = IpcContext.open(Paths.get(args[0])))
            {
                final SharedMemory mem = ctx.sharedMemory("shrinks");
                truncate(mem.path(), 4096);
                long sum = 0;
                try
                {
                    // Compiled code gets the fault at its next safepoint; System.gc() makes one soon.
                    for (int i = 0; i < 1_000_000; i++)
                    {
                        sum += mem.getLong((1 << 20) - 8);
                        if ((i & 1023) == 0)
                        {
                            System.gc();
                        }
                    }
                    System.out.println("no fault reported, sum " + sum);
                }
                catch (final SharedMemoryFaultException | InternalError ex)
                {
                    System.out.println("caught " + ex.getClass().getName() + ": " + ex.getMessage());
                }
                try
                {
                    mem.checkBacked();
                }
                catch (final SharedMemoryFaultException ex)
                {
                    System.out.println("explained: " + ex.getMessage());
                }
            }
        }
    }

    /** Opens the parent's block, reads its message, writes a reply. */
    public static final class Child
    {
        public static void main(final String[] args)
        {
            try (IpcContext ctx = IpcContext.open(Paths.get(args[0])))
            {
                final SharedMemory mem = ctx.sharedMemory("block");
                final long value = mem.getLongAcquire(0);
                final byte[] text = new byte["hello from the parent".length()];
                mem.getBytes(64, text);
                System.out.println("child read " + value + " " + new String(text));
                mem.putBytes(1024, "hello from the child".getBytes());
                mem.putLongRelease(8, value * 2);
            }
        }
    }

    /** Maps a file, waits until told, then reads it again. */
    public static final class Holder
    {
        public static void main(final String[] args) throws Exception
        {
            final Path root = Paths.get(args[0]);
            awaitFile(root.resolve("dir"));
            try (IpcContext ctx = IpcContext.open(Paths.get(Files.readString(root.resolve("dir")))))
            {
                final SharedMemory mem = ctx.sharedMemory("held");
                System.out.println("mapped");
                awaitFile(root.resolve("go"));
                System.out.println("still " + mem.getLongAcquire(0));
            }
        }

        private static void awaitFile(final Path path) throws InterruptedException
        {
            final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.exists(path))
            {
                if (System.nanoTime() > deadline)
                {
                    throw new AssertionError("no " + path);
                }
                Thread.sleep(5);
            }
        }
    }
}
