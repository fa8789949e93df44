package io.mmipc.internal.dir;

import io.mmipc.IpcContext;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class ContextDirectoryTest
{
    @TempDir
    Path root;

    @Test
    void aPrivateContextIsOwnerOnlyAndRemovedOnClose() throws Exception
    {
        final Path dir;
        try (IpcContext ctx = IpcContext.create(root))
        {
            dir = ctx.directory();
            assertTrue(ctx.isOwner());
            assertEquals(root, dir.getParent());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            assertTrue(Files.exists(dir.resolve(ContextDirectory.MARKER)));
            ctx.sharedMemory("a", 64);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a"))));
        }
        assertFalse(Files.exists(dir));
    }

    @Test
    void widerPermissionsWhenAskedFor() throws Exception
    {
        try (IpcContext ctx = IpcContext.builder().root(root)
            .filePermissions(PosixFilePermissions.fromString("rw-rw----")).build())
        {
            ctx.sharedMemory("shared", 64);
            assertEquals("rwxrwx---", PosixFilePermissions.toString(Files.getPosixFilePermissions(ctx.directory())));
            assertEquals("rw-rw----",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(ctx.directory().resolve("shared"))));
        }
    }

    @Test
    void aNamedContextIsJoinedAndOnlyItsCreatorRemovesIt() throws Exception
    {
        try (IpcContext creator = IpcContext.builder().root(root).name("meet").removeOnClose(true).build())
        {
            try (IpcContext joiner = IpcContext.builder().root(root).name("meet").build())
            {
                assertFalse(joiner.isOwner());
                assertEquals(creator.directory(), joiner.directory());
            }
            assertTrue(Files.isDirectory(creator.directory()), "a joiner's close leaves the directory");
        }
        assertFalse(Files.exists(root.resolve("meet")));
        assertThrows(IllegalArgumentException.class, () -> IpcContext.builder().root(root).name("../x").build());
    }

    @Test
    @Timeout(90)
    void aDirectoryLeftByAKilledCreatorIsSwept() throws Exception
    {
        final Path leftover;
        try (ChildJvm child = Children.start(Creator.class, root.toString()))
        {
            leftover = Paths.get(Children.awaitLine(child, "created ", Duration.ofSeconds(60)));
            assertTrue(Files.exists(leftover.resolve("data")));
            child.kill();
            assertTrue(child.waitFor(Duration.ofSeconds(20)));
        }
        assertTrue(Files.isDirectory(leftover), "kill -9 leaves the directory");
        try (IpcContext next = IpcContext.create(root))
        {
            assertFalse(Files.exists(leftover), "creating a context sweeps the dead creator's directory");
            assertTrue(Files.isDirectory(next.directory()));
        }
    }

    @Test
    @Timeout(90)
    void aCreatorStoppedWithSigtermRemovesItsDirectoryOnTheWayOut() throws Exception
    {
        final Path leftover;
        try (ChildJvm child = Children.start(Creator.class, root.toString()))
        {
            leftover = Paths.get(Children.awaitLine(child, "created ", Duration.ofSeconds(60)));
            assertTrue(Files.exists(leftover.resolve("data")));
            child.process().destroy(); // SIGTERM, as a service manager or Ctrl-C's SIGINT would stop it
            assertTrue(child.waitFor(Duration.ofSeconds(30)), "the child did not exit on SIGTERM");
            assertEquals(143, child.exitCode().getAsInt(), child::stderr);
        }
        assertFalse(Files.exists(leftover), "the creator's shutdown hook removes its directory");
    }

    @Test
    void liveCreatorsPersistentAndFreshUnmarkedDirectoriesAreKept() throws Exception
    {
        try (IpcContext live = IpcContext.create(root))
        {
            final Path persistent = IpcContext.builder().root(root).name("keep").build().directory();
            final Path fresh = Files.createDirectory(root.resolve("half-made"));
            final Path stale = Files.createDirectory(root.resolve("ctx-4194999-5eed"));
            Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
            final Path usersOwn = Files.createDirectory(root.resolve("abandoned"));
            Files.setLastModifiedTime(usersOwn, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));

            assertEquals(1, ContextDirectory.sweep(root));
            assertTrue(Files.isDirectory(live.directory()));
            assertTrue(Files.isDirectory(persistent));
            assertTrue(Files.isDirectory(fresh));
            assertFalse(Files.exists(stale), "a half-made private directory (mmipc's name, no marker) goes");
            assertTrue(Files.isDirectory(usersOwn), "an old unmarked directory mmipc did not name stays");
        }
    }

    @Test
    void theDefaultRootIsPerUserUnderDevShm()
    {
        final String before = System.getProperty(ContextDirectory.ROOT_PROPERTY);
        System.clearProperty(ContextDirectory.ROOT_PROPERTY);
        try
        {
            final Path defaultRoot = ContextDirectory.defaultRoot();
            final Path expectedParent = Files.isWritable(Paths.get("/dev/shm")) ? Paths.get("/dev/shm") :
                Paths.get(System.getProperty("java.io.tmpdir")).toAbsolutePath();
            assertEquals(expectedParent, defaultRoot.getParent());
            assertTrue(defaultRoot.getFileName().toString().startsWith("mmipc-"));
            System.setProperty(ContextDirectory.ROOT_PROPERTY, root.toString());
            assertEquals(root, ContextDirectory.defaultRoot());
        }
        finally
        {
            if (before == null)
            {
                System.clearProperty(ContextDirectory.ROOT_PROPERTY);
            }
            else
            {
                System.setProperty(ContextDirectory.ROOT_PROPERTY, before);
            }
        }
    }

    @Test
    @Timeout(60)
    void aContextWhoseCreationFailsOnAFullFileSystemLeavesNoDirectory() throws Exception
    {
        final Path mount = Files.createDirectory(root.resolve("small-tmpfs"));
        final boolean mounted = command("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", mount.toString());
        if (!mounted)
        {
            assertNotEquals("true", System.getenv("CI"), "mount -t tmpfs is not permitted here, and CI=true");
        }
        Assumptions.assumeTrue(mounted, "mount -t tmpfs is not permitted here (run as root to test a full tmpfs)");
        try
        {
            fill(mount.resolve("ballast"));
            final UncheckedIOException priv = assertThrows(UncheckedIOException.class, () -> IpcContext.create(mount));
            assertTrue(priv.getMessage().contains("cannot allocate"), "the marker failed, not the mkdir: " + priv);
            final UncheckedIOException named = assertThrows(UncheckedIOException.class,
                () -> IpcContext.builder().root(mount).name("orders-svc").build());
            assertTrue(named.getMessage().contains("full"), named.getMessage());
            try (Stream<Path> left = Files.list(mount))
            {
                assertEquals(List.of("ballast"), left.map(p -> p.getFileName().toString()).toList(),
                    "no unmarked directory, no temporary file");
            }
        }
        finally
        {
            assertTrue(command("umount", mount.toString()), "umount " + mount);
        }
    }

    private static void fill(final Path file) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            final ByteBuffer page = ByteBuffer.allocate(4096);
            while (true)
            {
                channel.write(page.clear());
            }
        }
        catch (final IOException full)
        {
            if (!full.getMessage().contains("No space left"))
            {
                throw full;
            }
        }
    }

    private static boolean command(final String... command) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(20, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            return false;
        }
        process.getInputStream().readAllBytes();
        return process.exitValue() == 0;
    }

    /** Creates a context with a file in it, prints where, and waits to be killed. */
    public static final class Creator
    {
        public static void main(final String[] args) throws Exception
        {
            final IpcContext ctx = IpcContext.create(Paths.get(args[0]));
            ctx.sharedMemory("data", 4096);
            System.out.println("created " + ctx.directory());
            Thread.sleep(120_000);
        }
    }
}
