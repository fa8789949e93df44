package io.mmipc;

import io.mmipc.codec.Codec;
import io.mmipc.codec.CodecException;
import io.mmipc.codec.Codecs;
import io.mmipc.codec.SerialFilter;
import io.mmipc.internal.dir.ContextDirectory;
import io.mmipc.internal.file.FileTrust;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Core's public entry points fed the worst: non-regular files, another user's files and
 * directories, modes that let others write, crafted serialized streams, out-of-range offsets,
 * lengths and sizes. Each is a clear exception naming the file or parameter, never a hang, a fault
 * or a changed file. Another user is played by root: {@code chown} to a uid nobody has.
 */
class HostileInputTest
{
    private static final int STRANGER = 54321;

    @TempDir
    Path root;

    // ---- non-regular files ----

    @Test
    @Timeout(30)
    void aFifoWhereAContextMarkerShouldBeBlocksNeitherCreateNorJoin() throws Exception
    {
        final Path dir = Files.createDirectory(root.resolve("ctx-1-fifo"));
        final Path marker = dir.resolve(ContextDirectory.MARKER);
        run("mkfifo", marker.toString());

        try (IpcContext ctx = IpcContext.create(root))
        {
            assertTrue(Files.isDirectory(ctx.directory()), "the sweep read no FIFO");
        }
        final UncheckedIOException joined = assertThrows(UncheckedIOException.class, () -> IpcContext.open(dir));
        assertNames(joined, marker.toString(), "a FIFO");

        final Path named = Files.createDirectory(root.resolve("fifo-ctx"));
        run("mkfifo", named.resolve(ContextDirectory.MARKER).toString());
        final UncheckedIOException byName = assertThrows(UncheckedIOException.class,
            () -> IpcContext.builder().root(root).name("fifo-ctx").build());
        assertNames(byName, named.resolve(ContextDirectory.MARKER).toString(), "a FIFO");
        assertTrue(isFifo(marker), "left as it was");
    }

    @Test
    @Timeout(30)
    void aFifoADirectoryALinkOrADeviceWhereAnObjectShouldBeIsRefusedByName() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Path dir = ctx.directory();
            final SharedMemory real = ctx.sharedMemory("real", 64);
            real.putLong(0, 42);
            run("mkfifo", dir.resolve("fifo").toString());
            Files.createDirectory(dir.resolve("folder"));
            Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));
            Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
            final Map<String, String> types = new HashMap<>(Map.of("fifo", "a FIFO", "folder", "a directory",
                "link", "a symbolic link", "dangling", "a symbolic link"));
            if (FileTrust.currentUid() == 0)
            {
                run("mknod", dir.resolve("device").toString(), "c", "1", "3");
                types.put("device", "a character device");
            }
            for (final Map.Entry<String, String> e : types.entrySet())
            {
                final Path path = dir.resolve(e.getKey());
                assertNames(assertThrows(UncheckedIOException.class, () -> ctx.sharedMemory(e.getKey(), 64)),
                    path.toString(), e.getValue());
                assertNames(assertThrows(UncheckedIOException.class, () -> ctx.sharedMemory(e.getKey())),
                    path.toString(), e.getValue());
            }
            assertEquals(42, real.getLong(0), "the link's target is untouched");
            assertTrue(isFifo(dir.resolve("fifo")));
        }
    }

    @Test
    void aRootThatIsALinkIsRefused() throws Exception
    {
        final Path real = Files.createDirectory(root.resolve("real"));
        final Path link = Files.createSymbolicLink(root.resolve("link"), real);
        assertNames(assertThrows(UncheckedIOException.class, () -> IpcContext.create(link)),
            link.toString(), "a symbolic link");
        assertEmpty(real);
    }

    // ---- foreign owners and modes ----

    @Test
    void aSquattedRootIsRefusedNamingItsOwnerAndMode() throws Exception
    {
        assumeRoot();
        final Path squat = Files.createDirectory(root.resolve("mmipc-victim"));
        chown(squat);
        Files.setPosixFilePermissions(squat, PosixFilePermissions.fromString("rwxrwxrwx"));

        final UncheckedIOException ex = assertThrows(UncheckedIOException.class, () -> IpcContext.create(squat));
        assertInstanceOf(AccessDeniedException.class, ex.getCause());
        assertNames(ex, squat.toString(), "owned by", Integer.toString(STRANGER), "rwxrwxrwx");
        assertThrows(UncheckedIOException.class, () -> IpcContext.builder().root(squat).name("orders-svc").build());
        assertEmpty(squat);
    }

    @Test
    void aRootOthersMayWriteIsRefusedEvenWhenItIsOurs() throws Exception
    {
        final Path open = Files.createDirectory(root.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertNames(assertThrows(UncheckedIOException.class, () -> IpcContext.create(open)),
            open.toString(), "others may write it", "rwxrwxrwx");

        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwx---"));
        assertNames(assertThrows(UncheckedIOException.class, () -> IpcContext.create(open)),
            open.toString(), "group members may write it");
        assertEmpty(open);
        try (IpcContext asked = IpcContext.builder().root(open)
            .filePermissions(PosixFilePermissions.fromString("rw-rw----")).build())
        {
            asked.sharedMemory("shared", 64).putLong(0, 7);
            try (IpcContext joiner = IpcContext.open(asked.directory()))
            {
                assertEquals(7, joiner.sharedMemory("shared").getLong(0),
                    "a joiner (a child JVM re-opening a handle) accepts what the creator asked for");
            }
        }
    }

    @Test
    void aSquattedNamedContextIsRefusedNeitherJoinedNorRemoved() throws Exception
    {
        assumeRoot();
        final Path dir;
        try (IpcContext attacker = IpcContext.builder().root(root).name("orders-svc").build())
        {
            dir = attacker.directory();
            attacker.sharedMemory("orders", 64);
        }
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path p : (Iterable<Path>)files::iterator)
            {
                chown(p);
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                    Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwxrwxrwx" : "rw-rw-rw-"));
            }
        }
        final UncheckedIOException byName = assertThrows(UncheckedIOException.class,
            () -> IpcContext.builder().root(root).name("orders-svc").build());
        assertInstanceOf(AccessDeniedException.class, byName.getCause());
        assertNames(byName, dir.toString(), Integer.toString(STRANGER));

        final UncheckedIOException joined = assertThrows(UncheckedIOException.class, () -> IpcContext.open(dir));
        assertInstanceOf(AccessDeniedException.class, joined.getCause(), "permission denied, not 'no such file'");
        assertNames(joined, dir.toString(), "owned by", Integer.toString(STRANGER));

        assertNames(assertThrows(UncheckedIOException.class, () -> IpcContext.remove(root, "orders-svc")),
            dir.toString(), Integer.toString(STRANGER));
        assertTrue(Files.exists(dir.resolve("orders")));
    }

    @Test
    void aFileOfAnotherUserOrThatOthersMayWriteIsRefused() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            ctx.sharedMemory("loose", 64).close();
            final Path loose = ctx.directory().resolve("loose");
            Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-rw-rw-"));
            try (IpcContext joiner = IpcContext.open(ctx.directory()))
            {
                final UncheckedIOException ex = assertThrows(UncheckedIOException.class, () -> joiner.sharedMemory("loose"));
                assertInstanceOf(AccessDeniedException.class, ex.getCause());
                assertNames(ex, loose.toString(), "rw-rw-rw-", "not its directory");
            }
            if (FileTrust.currentUid() == 0)
            {
                ctx.sharedMemory("planted", 64).close();
                final Path planted = ctx.directory().resolve("planted");
                chown(planted);
                try (IpcContext joiner = IpcContext.open(ctx.directory()))
                {
                    assertNames(assertThrows(UncheckedIOException.class, () -> joiner.sharedMemory("planted", 64)),
                        planted.toString(), "owned by", Integer.toString(STRANGER));
                }
            }
        }
    }

    // ---- sizes, offsets, lengths and names ----

    @Test
    void sizesOffsetsLengthsAndNamesOutOfRangeAreRefusedNamingThem()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            for (final int size : new int[] {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE})
            {
                assertMessage(IllegalArgumentException.class, () -> ctx.sharedMemory("block", size), "\"block\"",
                    "size", Integer.toString(size));
            }
            final SharedMemory mem = ctx.sharedMemory("block", 64);
            assertMessage(IndexOutOfBoundsException.class, () -> mem.getLong(60), "offset 60", "block", "64 bytes");
            assertMessage(IndexOutOfBoundsException.class, () -> mem.putLong(-8, 1), "offset -8");
            assertMessage(IndexOutOfBoundsException.class, () -> mem.getBytes(0, new UnsafeBuffer(new byte[8]), 0, -1),
                "length -1");
            assertMessage(IndexOutOfBoundsException.class, () -> mem.putBytes(Integer.MAX_VALUE, new byte[2]),
                "offset " + Integer.MAX_VALUE);
            for (final String name : new String[] {"../escape", "a/b", "", ".", "x".repeat(201), "nul\u0000"})
            {
                assertThrows(IllegalArgumentException.class, () -> ctx.sharedMemory(name, 8), name);
                assertThrows(IllegalArgumentException.class,
                    () -> IpcContext.builder().root(root).name(name).build(), name);
            }
            assertThrows(IllegalArgumentException.class, () -> IpcContext.remove(root, "../" + root.getFileName()));
        }
        assertEmpty(root);
    }

    @Test
    void codecsRefuseOffsetsAndLengthsOutsideTheBuffer()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
        final List<Codec<?>> codecs = List.of(Codecs.bytes(), Codecs.utf8(), Codecs.int64(), Codecs.java());
        for (final Codec<?> codec : codecs)
        {
            final int fixed = codec.fixedLength() > 0 ? codec.fixedLength() : 4;
            assertMessage(CodecException.class, () -> codec.decode(buffer, -1, fixed), "offset -1");
            assertMessage(CodecException.class, () -> codec.decode(buffer, 12, fixed == 4 ? 5 : fixed), "16-byte buffer");
            if (codec.fixedLength() < 0)
            {
                assertMessage(CodecException.class, () -> codec.decode(buffer, 0, -1), "length -1");
                assertMessage(CodecException.class, () -> codec.decode(buffer, 1, Integer.MAX_VALUE), "length " +
                    Integer.MAX_VALUE);
            }
        }
    }

    // ---- crafted serialized streams ----

    @Test
    @Timeout(10)
    void aTinyStreamDeclaringAHugeArrayIsRefusedBeforeAnythingIsAllocated() throws Exception
    {
        final byte[] longs = serialize(new long[0]);
        assertEquals(27, longs.length);
        patchLastInt(longs, 400_000_000);
        assertMessage(CodecException.class, () -> decode(Codecs.java(), longs), "an array of 400000000 long",
            "maxArrayLength " + SerialFilter.DEFAULT_MAX_ARRAY_LENGTH);
        patchLastInt(longs, 40_000_000); // within maxArrayLength, but not within 27 bytes
        assertMessage(CodecException.class, () -> decode(Codecs.java(), longs),
            "an array of 40000000 long", "320000000 bytes", "27-byte stream");

        final byte[] objects = serialize(new Object[0]);
        patchLastInt(objects, 60_000_000);
        assertMessage(CodecException.class, () -> decode(Codecs.java(), objects),
            "an array of 60000000 java.lang.Object", "per byte");

        final byte[] huge = serialize(new byte[0]);
        patchLastInt(huge, Integer.MAX_VALUE);
        assertMessage(CodecException.class, () -> decode(Codecs.java(), huge), "maxArrayLength");
    }

    @Test
    @Timeout(10)
    void deeplyNestedSetsAreRefusedQuicklyAtTheDepthLimit()
    {
        final byte[] bomb = encode(Codecs.java(), nestedSets(40));
        assertMessage(CodecException.class, () -> decode(Codecs.java(), bomb), "nest 21 deep",
            "maxDepth " + SerialFilter.DEFAULT_MAX_DEPTH);
    }

    @Test
    @Timeout(30)
    void theLimitsAreConfigurableAndNamedWhenHit()
    {
        final ArrayList<Object> nested = new ArrayList<>(List.of(new ArrayList<>(List.of(new ArrayList<>(List.of(1))))));
        final Codec<Serializable> shallow = Codecs.java(SerialFilter.defaults().maxDepth(3));
        assertMessage(CodecException.class, () -> decode(shallow, encode(shallow, nested)), "maxDepth 3");

        final Codec<Serializable> shortArrays = Codecs.java(SerialFilter.defaults().maxArrayLength(10));
        assertMessage(CodecException.class, () -> decode(shortArrays, encode(shortArrays, new int[11])),
            "an array of 11 int", "maxArrayLength 10");

        final ArrayList<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < 200; i++)
        {
            numbers.add(1000 + i);
        }
        final Codec<Serializable> fewRefs = Codecs.java(SerialFilter.defaults().maxReferences(100));
        assertMessage(CodecException.class, () -> decode(fewRefs, encode(fewRefs, numbers)), "maxReferences 100");

        final Codec<Serializable> shortStreams = Codecs.java(SerialFilter.defaults().maxStreamBytes(64));
        final byte[] long200 = encode(shortStreams, new byte[200]);
        assertMessage(CodecException.class, () -> decode(shortStreams, long200), long200.length + " bytes",
            "maxStreamBytes 64");

        for (final long bad : new long[] {0, -1})
        {
            assertThrows(IllegalArgumentException.class, () -> SerialFilter.defaults().maxDepth(bad));
            assertThrows(IllegalArgumentException.class, () -> SerialFilter.defaults().maxArrayLength(bad));
            assertThrows(IllegalArgumentException.class, () -> SerialFilter.defaults().maxReferences(bad));
            assertThrows(IllegalArgumentException.class, () -> SerialFilter.defaults().maxStreamBytes(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> SerialFilter.defaults().allowPattern("maxdepth=1000"));
        assertEquals(7, SerialFilter.defaults().maxDepth(7).allowPackage("com.acme").maxDepth(),
            "limits survive extending the allow-list");
    }

    @Test
    @Timeout(30)
    void ordinaryLargeValuesStillDecodeWithTheDefaults()
    {
        final Codec<Serializable> codec = Codecs.java();
        final ArrayList<Integer> ints = new ArrayList<>();
        final HashMap<String, Long> map = new HashMap<>();
        for (int i = 0; i < 100_000; i++)
        {
            ints.add(i);
            if (i < 20_000)
            {
                map.put("k" + i, (long)i);
            }
        }
        final ArrayList<Object> mixed = new ArrayList<>(List.of(new byte[1 << 20], new long[1 << 16], map, ints));
        final byte[] bytes = encode(codec, mixed);
        @SuppressWarnings("unchecked")
        final List<Object> back = (List<Object>)decode(codec, bytes);
        assertEquals(1 << 20, ((byte[])back.get(0)).length);
        assertEquals(map, back.get(2));
        assertEquals(ints, back.get(3));
    }

    @Test
    @Timeout(60)
    void truncatedAndGarbledStreamsAreCodecExceptionsAndNothingElse()
    {
        final Codec<Serializable> codec = Codecs.java();
        final HashMap<String, Object> value = new HashMap<>(Map.of("a", List.of(1, 2L, "three"), "b", new int[] {4}));
        final byte[] whole = encode(codec, value);
        for (int length = 0; length < whole.length; length++)
        {
            final int cut = length;
            assertThrows(CodecException.class, () -> codec.decode(new UnsafeBuffer(whole), 0, cut), "cut at " + cut);
        }
        final Random random = new Random(14);
        for (int i = 0; i < 2_000; i++)
        {
            final byte[] garbled = whole.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--)
            {
                garbled[4 + random.nextInt(garbled.length - 4)] = (byte)random.nextInt();
            }
            try
            {
                codec.decode(new UnsafeBuffer(garbled), 0, garbled.length);
            }
            catch (final CodecException expected)
            {
                // the only way to fail
            }
        }
    }

    // ---- helpers ----

    /** Nested sets whose hash codes recurse twice per level: 2^depth work to read them. */
    private static HashSet<Object> nestedSets(final int depth)
    {
        final HashSet<Object> top = new HashSet<>();
        Set<Object> s1 = top;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < depth; i++)
        {
            final Set<Object> t1 = new HashSet<>();
            final Set<Object> t2 = new HashSet<>();
            t1.add("x"); // t1 differs from t2
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return top;
    }

    private static byte[] serialize(final Object value) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    /** An empty array's stream ends with its length: make it declare another. */
    private static void patchLastInt(final byte[] stream, final int value)
    {
        final int at = stream.length - 4;
        stream[at] = (byte)(value >>> 24);
        stream[at + 1] = (byte)(value >>> 16);
        stream[at + 2] = (byte)(value >>> 8);
        stream[at + 3] = (byte)value;
    }

    @SuppressWarnings("unchecked")
    private static <T> byte[] encode(final Codec<T> codec, final Object value)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = codec.encode((T)value, buffer, 0);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private static Object decode(final Codec<?> codec, final byte[] bytes)
    {
        return codec.decode(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private static <X extends Throwable> void assertMessage(
        final Class<X> type, final Executable call, final String... fragments)
    {
        assertNames(assertThrows(type, call), fragments);
    }

    private static void assertNames(final Throwable ex, final String... fragments)
    {
        for (final String fragment : fragments)
        {
            assertTrue(ex.getMessage() != null && ex.getMessage().contains(fragment),
                "\"" + fragment + "\" is not in: " + ex.getMessage());
        }
    }

    private static void assertEmpty(final Path dir)
    {
        try (Stream<Path> files = Files.list(dir))
        {
            assertEquals(List.of(), files.toList(), "nothing made in " + dir);
        }
        catch (final IOException ex)
        {
            fail(ex);
        }
    }

    private static boolean isFifo(final Path path) throws IOException
    {
        return FileTrust.stat(path).type().equals("a FIFO (named pipe)");
    }

    private static void assumeRoot()
    {
        assumeTrue(FileTrust.currentUid() == 0, "needs root to play another user with chown");
    }

    private static void chown(final Path path) throws IOException
    {
        Files.setAttribute(path, "unix:uid", STRANGER, LinkOption.NOFOLLOW_LINKS);
    }

    static void run(final String... command) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(10, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish");
        }
        final String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
    }
}
