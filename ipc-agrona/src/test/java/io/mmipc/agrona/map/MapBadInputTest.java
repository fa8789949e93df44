package io.mmipc.agrona.map;

import io.mmipc.IpcContext;
import io.mmipc.MapOptions;
import io.mmipc.SharedMap;
import io.mmipc.SharedMapFullException;
import io.mmipc.SharedStateCorruptedException;
import io.mmipc.codec.Codecs;
import io.mmipc.SharedFileException;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.ObjectProvider;
import io.mmipc.SharedObjectMismatchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every way to overflow or misuse a map is a clear exception naming the file and the numbers, and
 * leaves the map as it was.
 */
@Timeout(60)
class MapBadInputTest
{
    private static final MapOptions SMALL = MapOptions.defaults().maxEntries(10).maxKeyBytes(200).maxValueBytes(1000)
        .dataBytes(8 * 128).stripes(2);

    @TempDir
    Path root;

    @Test
    void aKeyOrValueOverTheDeclaredSizeIsRefusedWithTheNumbers()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<String, String> map = ctx.dict("sizes", Codecs.utf8(), Codecs.utf8(), SMALL);
            map.put("k", "v");
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> map.put("k".repeat(201), "v"));
            assertTrue(ex.getMessage().contains("key of 201 bytes") && ex.getMessage().contains("maxKeyBytes 200") &&
                ex.getMessage().contains(map.path().toString()), ex.getMessage());
            ex = assertThrows(IllegalArgumentException.class, () -> map.put("k", "v".repeat(1001)));
            assertTrue(ex.getMessage().contains("value of 1001 bytes") &&
                ex.getMessage().contains("maxValueBytes 1000"), ex.getMessage());
            assertThrows(IllegalArgumentException.class, () -> map.compute("k", (key, v) -> "v".repeat(1001)),
                "a computed value is checked too");
            assertThrows(IllegalArgumentException.class, () -> map.get("k".repeat(201)));
            assertEquals(Map.of("k", "v"), map.snapshot(), "nothing changed");
            map.put("k", "w"); // and no lock was left held
            assertEquals("w", map.get("k"));
        }
    }

    @Test
    void aFullTableIsAClearErrorAndChangesNothing()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<Integer, String> map = ctx.dict("entries", Codecs.int32(), Codecs.utf8(), SMALL);
            for (int i = 0; i < 10; i++)
            {
                map.put(i, "v" + i);
            }
            final SharedMapFullException ex = assertThrows(SharedMapFullException.class, () -> map.put(10, "v"));
            assertTrue(ex.getMessage().contains("all 10 entries (maxEntries) are in use") &&
                ex.getMessage().contains(map.path().toString()), ex.getMessage());
            assertEquals(map.path(), ex.path());
            assertThrows(SharedMapFullException.class, () -> map.putIfAbsent(11, "v"));
            assertEquals(10, map.size());
            assertFalse(map.containsKey(10));
            map.put(3, "replacing needs no new entry");
            assertEquals("replacing needs no new entry", map.get(3));
            map.remove(0);
            map.put(10, "fits again");
            assertEquals(10, map.size());
            assertEquals(List.of(), ((AgronaMap<?, ?>)map).bytes().audit());
        }
    }

    @Test
    void aFullDataSpaceIsAClearErrorAndLeaksNoBlock()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<String, byte[]> map = ctx.dict("data", Codecs.utf8(), Codecs.bytes(), SMALL);
            map.put("a", new byte[5 * 112]); // 5 of the 8 blocks
            map.put("b", new byte[2 * 112]);
            final SharedMapFullException ex = assertThrows(SharedMapFullException.class,
                () -> map.put("c", new byte[2 * 112]));
            assertTrue(ex.getMessage().contains("no room for a 224-byte value") &&
                ex.getMessage().contains("8 blocks of 128 bytes"), ex.getMessage());
            final SharedMapFullException replace = assertThrows(SharedMapFullException.class,
                () -> map.put("b", new byte[3 * 112]), "a replace needs its new blocks before it frees the old");
            assertEquals(2 * 112, map.get("b").length, "the old value stays");
            assertFalse(map.containsKey("c"));
            assertNotNull(replace.getMessage());
            assertEquals(List.of(), ((AgronaMap<?, ?>)map).bytes().audit(), "the partial chain was given back");
            assertArrayEquals(new int[]{8, 1}, ((AgronaMap<?, ?>)map).bytes().free());
            map.put("c", new byte[112]);
            assertEquals(112, map.get("c").length);
        }
    }

    @Test
    void reopeningWithAnotherCodecOrCapacityNamesTheFileAndBothValues()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<String, String> map = ctx.dict("shared", Codecs.utf8(), Codecs.utf8(), SMALL);
            SharedObjectMismatchException ex = assertThrows(SharedObjectMismatchException.class,
                () -> ctx.dict("shared", Codecs.utf8(), Codecs.int64(), SMALL));
            assertEquals(SharedFileException.Reason.PARAMETERS_DIFFER, ex.reason());
            assertEquals("type", ex.parameter());
            assertTrue(ex.getMessage().contains(map.path().toString()) &&
                ex.getMessage().contains("\"utf8->utf8\" in the file") &&
                ex.getMessage().contains("\"utf8->int64\" requested"), ex.getMessage());

            ex = assertThrows(SharedObjectMismatchException.class,
                () -> ctx.dict("shared", Codecs.utf8(), Codecs.utf8(), SMALL.maxEntries(20)));
            assertTrue(ex.getMessage().contains("maxEntries is 10 in the file, 20 requested"), ex.getMessage());
            ex = assertThrows(SharedObjectMismatchException.class,
                () -> ctx.dict("shared", Codecs.utf8(), Codecs.utf8(), SMALL.maxValueBytes(999)));
            assertTrue(ex.getMessage().contains("maxValueBytes is 1000 in the file, 999 requested"), ex.getMessage());
            ex = assertThrows(SharedObjectMismatchException.class, () -> ctx.dict("shared", Codecs.utf8(), Codecs.utf8()));
            assertTrue(ex.getMessage().contains("parameters differ"), ex.getMessage());

            final SharedMap<String, String> same = ctx.dict("shared", Codecs.utf8(), Codecs.utf8(), SMALL);
            same.put("seen", "by both");
            assertEquals("by both", map.get("seen"));
        }
    }

    @Test
    void aHandleOpensOnlyTheMapWhoseCodecsAndCapacityItCarries() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<String, Long> map = ctx.dict("shared", Codecs.utf8(), Codecs.int64(), SMALL);
            map.put("k", 1L);
            final DictShape shape = DictShape.of(Codecs.utf8(), Codecs.int64(), SMALL, "test");
            @SuppressWarnings("unchecked")
            final SharedMap<String, Long> reopened = (SharedMap<String, Long>)roundTrip(handle(ctx, "shared", shape));
            assertEquals(1L, reopened.get("k"));

            String message = refused(handle(ctx, "shared", DictShape.of(Codecs.utf8(), Codecs.utf8(), SMALL, "test")));
            assertTrue(message.contains(map.path() + ": parameters differ") &&
                message.contains("\"utf8->int64\" in the file") && message.contains("\"utf8->utf8\" requested"),
                message);
            message = refused(handle(ctx, "shared", DictShape.of(Codecs.utf8(), Codecs.int64(), SMALL.maxEntries(11),
                "test")));
            assertTrue(message.contains("maxEntries is 10 in the file, 11 requested"), message);
            message = refused(handle(ctx, "shared", new DictShape("utf8", "int64", 10, 200, 1000, 8 * 128, 3, 128)));
            assertTrue(message.contains("stripes") && message.contains("got 3"), message);
            message = refused(handle(ctx, "shared", new DictShape("utf8", "no-such-codec", 10, 200, 1000, 8 * 128, 2,
                128)));
            assertTrue(message.contains("no-such-codec"), message);
            message = refused(new Handle(ObjectProvider.SHARED_MEMORY, ctx.directory().toString(), "shared", "dict",
                0, "utf8", null));
            assertTrue(message.contains("not a dict's handle"), message);

            message = refused(handle(ctx, "missing", shape));
            assertTrue(message.contains(ctx.directory().resolve("missing").toString()), message);
            assertFalse(Files.exists(ctx.directory().resolve("missing")), "a handle never creates");
        }
    }

    @Test
    void impossibleOptionsAreRefusedBeforeAnyFileIsMade()
    {
        assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().stripes(3));
        assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().maxEntries(0));
        assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().blockBytes(100));
        assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().dataBytes(-1));
        try (IpcContext ctx = IpcContext.create(root))
        {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> ctx.dict("odd", Codecs.utf8(), Codecs.utf8(), MapOptions.defaults().dataBytes(1000)));
            assertTrue(ex.getMessage().contains("dataBytes 1000 is not a multiple of blockBytes 128"), ex.getMessage());
            ex = assertThrows(IllegalArgumentException.class, () -> ctx.dict("huge", Codecs.utf8(), Codecs.utf8(),
                MapOptions.defaults().maxEntries(MapOptions.MAX_ENTRIES).dataBytes(Integer.MAX_VALUE / 128 * 128)));
            assertTrue(ex.getMessage().contains("more than the"), ex.getMessage());
            assertFalse(ctx.directory().resolve("huge").toFile().exists());
        }
    }

    @Test
    void aCallAfterCloseIsAnIllegalStateException()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<String, String> map = ctx.dict("closing", Codecs.utf8(), Codecs.utf8());
            map.put("k", "v");
            map.close();
            assertTrue(map.isClosed());
            assertThrows(IllegalStateException.class, () -> map.get("k"));
            assertThrows(IllegalStateException.class, () -> map.put("k", "v"));
            assertThrows(IllegalStateException.class, map::size);
            assertTrue(map.toString().contains("closed"), map.toString());
            assertEquals("v", ctx.dict("closing", Codecs.utf8(), Codecs.utf8()).get("k"), "the file stays");
        }
    }

    @Test
    void aCloseDuringAWriteStillGivesTheStripeLockBack() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<String, Long> map = ctx.dict("closing", Codecs.utf8(), Codecs.int64());
            final SharedMap<String, Long> other = ctx.dict("closing", Codecs.utf8(), Codecs.int64());
            assertEquals(1L, map.compute("k", (k, v) ->
            {
                final Thread closer = new Thread(map::close);
                closer.start();
                try
                {
                    closer.join();
                }
                catch (final InterruptedException ex)
                {
                    throw new IllegalStateException(ex);
                }
                return 1L; // written after the close: the mapping stays until this call leaves
            }));
            assertTrue(map.isClosed());
            assertEquals(1L, other.get("k"));
            other.put("k", 2L); // would wait forever for a lock this live process never gave back
            assertEquals(2L, other.get("k"));
            assertEquals(0, ((AgronaMap<?, ?>)other).bytes().repairs());
        }
    }

    @Test
    void garbageInTheTableIsReportedNeverFollowed()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<String, String> map = ctx.dict("garbage", Codecs.utf8(), Codecs.utf8(), SMALL);
            map.put("k", "v");
            final ByteMap bytes = ((AgronaMap<?, ?>)map).bytes();
            final int bucket = bucketOf(bytes, "k");
            final int entry = bytes.table.body.getInt(bytes.layout.bucketOffset(bucket)) - 1;
            // A cycle: the entry's next points to itself, as a stray write could leave it.
            bytes.table.body.putInt(bytes.layout.entryOffset(entry) + MapDescriptor.NEXT_OFFSET, entry + 1);
            String sameBucket = null;
            for (int i = 0; sameBucket == null; i++)
            {
                sameBucket = bucketOf(bytes, "a" + i) == bucket ? "a" + i : null;
            }
            final String absent = sameBucket;
            final SharedStateCorruptedException ex = assertThrows(SharedStateCorruptedException.class,
                () -> map.get(absent), "a cycle is not walked forever");
            assertTrue(ex.getMessage().contains(map.path().toString()), ex.getMessage());
        }
    }

    private static Handle handle(final IpcContext ctx, final String name, final DictShape shape)
    {
        return new Handle(ObjectProvider.SHARED_MEMORY, ctx.directory().toString(), name, "dict", 0, shape, null);
    }

    /**
     * @return the message of the failure to read {@code handle} back.
     */
    private static String refused(final Handle handle)
    {
        final InvalidObjectException ex = assertThrows(InvalidObjectException.class, () -> roundTrip(handle));
        assertTrue(ex.getMessage().startsWith("cannot re-open dict handle"), ex.getMessage());
        return ex.getMessage();
    }

    private static Object roundTrip(final Object object) throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())))
        {
            return in.readObject();
        }
    }

    private static int bucketOf(final ByteMap bytes, final String key)
    {
        final org.agrona.concurrent.UnsafeBuffer buffer =
            new org.agrona.concurrent.UnsafeBuffer(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return bytes.layout.bucketOf(bytes.table.hash(buffer, 0, buffer.capacity()));
    }
}
