package io.mmipc;

import io.mmipc.codec.SerialFilter;
import io.mmipc.internal.dir.ContextDirectory;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.internal.launch.TaskCodec;
import io.mmipc.internal.launch.TaskMain;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Hostile input beyond {@link HostileInputTest}: another kind's file where a context marker should
 * be, and a crafted task stream read by a child JVM's {@link TaskMain}.
 */
class HostileMarkerAndTaskTest
{
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path root;

    @Test
    @Timeout(30)
    void anotherKindsFileInPlaceOfAMarkerIsRefusedNamingIt() throws Exception
    {
        final Path foreign;
        try (IpcContext donor = IpcContext.create(root); SharedMemory mem = donor.sharedMemory("m", 4096))
        {
            foreign = Files.copy(mem.path(), root.resolve("copied-memory-file"));
        }
        final Path dir = Files.createDirectory(root.resolve("fake-ctx"));
        final Path marker = dir.resolve(ContextDirectory.MARKER);
        Files.move(foreign, marker, StandardCopyOption.ATOMIC_MOVE);

        final UncheckedIOException joined = assertThrows(UncheckedIOException.class, () -> IpcContext.open(dir));
        assertNames(joined, marker.toString(), "not a context marker");
        final UncheckedIOException byName = assertThrows(UncheckedIOException.class,
            () -> IpcContext.builder().root(root).name("fake-ctx").build());
        assertNames(byName, marker.toString(), "not a context marker");
        final Exception removed = assertThrows(Exception.class, () -> IpcContext.remove(root, "fake-ctx"));
        assertNames(removed, "not a context marker");
        try (IpcContext sweeper = IpcContext.create(root))
        {
            assertTrue(Files.exists(marker), "the sweep left a directory that is not a context alone");
        }
        assertTrue(Files.exists(marker), "left as it was");
    }

    @Test
    @Timeout(120)
    void aCraftedTaskStreamDeclaringAnArrayItsBytesCannotHoldIsRefusedByTheChild() throws Exception
    {
        final long[] data = new long[16];
        java.util.Arrays.fill(data, 0x0102030405060708L);
        final Task task = () -> System.out.println(data.length);
        final SerialFilter filter = SerialFilter.defaults().allowPackage("io.mmipc");
        final byte[] bytes = TaskCodec.serialize(task, "the task", filter);
        // The array's length word precedes its first element: make it declare 8,000,000 longs (64 MB),
        // within maxArrayLength, but far beyond what this stream of a few hundred bytes can hold.
        final int at = indexOfLength16ThenData(bytes);
        bytes[at] = 0x00;
        bytes[at + 1] = 0x7A;
        bytes[at + 2] = 0x12;
        bytes[at + 3] = 0x00;
        try (ChildJvm child = Children.launcher(TaskMain.class)
            .systemProperty(TaskMain.FILTER_PROPERTY, filter.spec())
            .stdin(bytes)
            .start())
        {
            assertTrue(child.waitFor(LIMIT), "the child did not finish");
            assertEquals(TaskMain.EXIT_BAD_TASK, child.exitCode().getAsInt(), child::stderr);
            assertTrue(child.stderr().contains("refused to read its task"), child.stderr());
            assertTrue(child.stderr().contains("an array of 8000000 long needs 64000000 bytes of data, more than the " +
                bytes.length + "-byte stream holds"), child.stderr());
        }
    }

    @Test
    void aFilterSpecThatSpecDoesNotWriteIsRefusedNamingThePart()
    {
        final SerialFilter filter = SerialFilter.defaults().allowPackage("com.acme").maxDepth(7);
        assertEquals(filter.spec(), SerialFilter.fromSpec(filter.spec()).spec());
        assertNames(assertThrows(IllegalArgumentException.class, () -> SerialFilter.fromSpec("java.lang.*;!*")),
            "java.lang.*;!*");
        assertNames(assertThrows(IllegalArgumentException.class,
            () -> SerialFilter.fromSpec("maxbytes=-1;maxdepth=2;maxrefs=3;maxarray=4;!*")), "maxbytes", "-1");
        assertNames(assertThrows(IllegalArgumentException.class,
            () -> SerialFilter.fromSpec("maxbytes=1;maxdepth=2;maxrefs=3;maxarray=4;!java.**;!*")), "!java.**");
    }

    private static int indexOfLength16ThenData(final byte[] bytes)
    {
        outer:
        for (int i = 0; i + 12 <= bytes.length; i++)
        {
            final byte[] want = {0, 0, 0, 16, 1, 2, 3, 4, 5, 6, 7, 8};
            for (int k = 0; k < want.length; k++)
            {
                if (bytes[i + k] != want[k])
                {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no long[16] in the task's stream");
    }

    private static void assertNames(final Throwable ex, final String... fragments)
    {
        for (final String fragment : fragments)
        {
            assertTrue(ex.getMessage() != null && ex.getMessage().contains(fragment),
                "\"" + fragment + "\" is not in: " + ex.getMessage());
        }
    }
}
