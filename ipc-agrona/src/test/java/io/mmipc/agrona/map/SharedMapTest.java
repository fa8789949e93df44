package io.mmipc.agrona.map;

import io.mmipc.IpcContext;
import io.mmipc.MapOptions;
import io.mmipc.SharedMap;
import io.mmipc.codec.Codecs;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The map contract in one JVM: every method against a {@link HashMap} model, values inline and in
 * blocks, space reused, the byte-level path, iteration views.
 */
@Timeout(60)
class SharedMapTest
{
    @TempDir
    Path root;

    @Test
    void actsLikeAConcurrentMap()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<String, Long> map = ctx.dict("counts", Codecs.utf8(), Codecs.int64());
            assertTrue(map.isEmpty());
            assertNull(map.put("a", 1L));
            assertEquals(1L, map.put("a", 2L));
            assertEquals(2L, map.get("a"));
            assertNull(map.get("b"));
            assertTrue(map.containsKey("a"));
            assertFalse(map.containsKey("b"));
            assertEquals(2L, map.putIfAbsent("a", 9L));
            assertNull(map.putIfAbsent("b", 3L));
            assertEquals(3L, map.get("b"));
            assertFalse(map.replace("b", 4L, 5L));
            assertTrue(map.replace("b", 3L, 5L));
            assertEquals(5L, map.replace("b", 6L));
            assertNull(map.replace("c", 1L));
            assertFalse(map.containsKey("c"), "replace does not add");
            assertFalse(map.remove("b", 5L));
            assertTrue(map.remove("b", 6L));
            assertNull(map.get("b"));
            assertEquals(2L, map.remove("a"));
            assertNull(map.remove("a"));
            assertTrue(map.isEmpty());

            assertEquals(1L, map.merge("hits", 1L, Long::sum));
            assertEquals(2L, map.merge("hits", 1L, Long::sum));
            assertNull(map.merge("hits", 1L, (a, b) -> null), "null removes");
            assertFalse(map.containsKey("hits"));
            assertEquals(10L, map.computeIfAbsent("x", k -> 10L));
            assertEquals(10L, map.computeIfAbsent("x", k -> fail("not called when present")));
            assertNull(map.computeIfAbsent("y", k -> null), "null maps nothing");
            assertFalse(map.containsKey("y"));
            assertEquals(11L, map.computeIfPresent("x", (k, v) -> v + 1));
            assertNull(map.computeIfPresent("y", (k, v) -> fail("not called when absent")));
            assertEquals(12L, map.compute("x", (k, v) -> v == null ? 0 : v + 1));
            assertEquals(0L, map.compute("z", (k, v) -> v == null ? 0 : v + 1));
            assertNull(map.compute("z", (k, v) -> null));
            assertNull(map.compute("never", (k, v) -> null));
            assertEquals(Map.of("x", 12L), map.snapshot());
            assertEquals(12L, map.getOrDefault("x", -1L));
            assertEquals(-1L, map.getOrDefault("w", -1L));

            map.set("s", 1L);
            assertTrue(map.delete("s"));
            assertFalse(map.delete("s"));
            assertThrows(NullPointerException.class, () -> map.put(null, 1L));
            assertThrows(NullPointerException.class, () -> map.put("k", null));
            assertThrows(NullPointerException.class, () -> map.get(null));
            assertEquals("{x=12}", map.toString(), "prints like a dict");
        }
    }

    @Test
    void matchesAHashMapThroughRandomOperationsOfEverySize()
    {
        final MapOptions options = MapOptions.defaults().maxEntries(400).stripes(4).maxValueBytes(3000)
            .maxKeyBytes(300).dataBytes(2 << 20);
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<String, String> map = ctx.dict("model", Codecs.utf8(), Codecs.utf8(), options);
            final Map<String, String> model = new HashMap<>();
            final Random random = new Random(42);
            for (int step = 0; step < 20_000; step++)
            {
                // Keys inline and in blocks (over 96 bytes); values in a slot, just past it, and long chains.
                final String key = (random.nextInt(8) == 0 ? "k".repeat(120) : "k") + random.nextInt(200);
                final String value = "v".repeat(random.nextInt(4) == 0 ? random.nextInt(2500) : random.nextInt(50)) +
                    step;
                switch (random.nextInt(6))
                {
                    case 0, 1 -> assertEquals(model.put(key, value), map.put(key, value), "put " + key);
                    case 2 -> assertEquals(model.remove(key), map.remove(key), "remove " + key);
                    case 3 -> assertEquals(model.get(key), map.get(key), "get " + key);
                    case 4 -> assertEquals(model.merge(key, value, (a, b) -> a.length() > 2000 ? null : a + "+"),
                        map.merge(key, value, (a, b) -> a.length() > 2000 ? null : a + "+"), "merge " + key);
                    default -> assertEquals(model.putIfAbsent(key, value), map.putIfAbsent(key, value), "putIfAbsent");
                }
                if (step % 2000 == 0)
                {
                    assertEquals(model, map.snapshot());
                    assertEquals(model.size(), map.size());
                }
            }
            assertEquals(model, map.snapshot());
            assertEquals(List.of(), ((AgronaMap<?, ?>)map).bytes().audit(), "no leak, no stray owner");
            map.clear();
            assertTrue(map.isEmpty());
            assertArrayEquals(new int[]{400, (2 << 20) / 128}, ((AgronaMap<?, ?>)map).bytes().free(),
                "clear gives every record and block back");
        }
    }

    @Test
    void deletedSpaceIsReusedWithoutEnd()
    {
        final MapOptions options = MapOptions.defaults().maxEntries(64).stripes(2).dataBytes(64 * 128);
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<Integer, byte[]> map = ctx.dict("churn", Codecs.int32(), Codecs.bytes(), options);
            final byte[] big = new byte[40 * 112]; // 40 of the 64 blocks
            for (int round = 0; round < 500; round++)
            {
                big[0] = (byte)round;
                for (int k = 0; k < 63; k++)
                {
                    map.set(k, new byte[]{(byte)round, (byte)k});
                }
                map.set(1000, big);
                assertEquals((byte)round, map.get(1000)[0]);
                for (int k = 0; k < 63; k += 2)
                {
                    assertTrue(map.delete(k));
                }
                map.delete(1000);
                map.clear();
            }
            assertEquals(List.of(), ((AgronaMap<?, ?>)map).bytes().audit());
        }
    }

    @Test
    void theByteLevelPathNeedsNoCodec()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<String, String> map = ctx.dict("bytes", Codecs.utf8(), Codecs.utf8());
            final UnsafeBuffer key = new UnsafeBuffer(new byte[32]);
            final int keyLength = key.putStringWithoutLengthUtf8(4, "alpha");
            final UnsafeBuffer value = new UnsafeBuffer("beta".getBytes(StandardCharsets.UTF_8));
            assertFalse(map.putBytes(key, 4, keyLength, value, 0, 4), "added");
            assertTrue(map.putBytes(key, 4, keyLength, value, 0, 4), "replaced");
            assertEquals("beta", map.get("alpha"), "the codec path sees the same bytes");
            assertTrue(map.containsKeyBytes(key, 4, keyLength));

            final UnsafeBuffer into = new UnsafeBuffer(new byte[8]);
            assertEquals(4, map.getBytes(key, 4, keyLength, into, 2));
            assertEquals("beta", into.getStringWithoutLengthUtf8(2, 4));
            assertThrows(IndexOutOfBoundsException.class, () -> map.getBytes(key, 4, keyLength, into, 6),
                "a buffer that cannot grow is not overrun");
            final ExpandableArrayBuffer grows = new ExpandableArrayBuffer(1);
            assertEquals(4, map.getBytes(key, 4, keyLength, grows, 10));
            assertEquals("beta", grows.getStringWithoutLengthUtf8(10, 4));

            assertTrue(map.removeBytes(key, 4, keyLength));
            assertFalse(map.removeBytes(key, 4, keyLength));
            assertEquals(-1, map.getBytes(key, 4, keyLength, into, 0));
        }
    }

    @Test
    void viewsIterateASnapshotAndWriteThrough()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<String, Integer> map = ctx.dict("views", Codecs.utf8(), Codecs.int32());
            for (int i = 0; i < 50; i++)
            {
                map.put("k" + i, i);
            }
            final Iterator<Map.Entry<String, Integer>> it = map.entrySet().iterator();
            map.put("added-after", -1);
            final List<String> seen = new ArrayList<>();
            while (it.hasNext())
            {
                final Map.Entry<String, Integer> e = it.next();
                seen.add(e.getKey());
                assertEquals(Integer.parseInt(e.getKey().substring(1)), e.getValue());
                if (e.getValue() % 2 == 0)
                {
                    it.remove();
                }
                else
                {
                    e.setValue(e.getValue() * 10);
                }
            }
            assertEquals(50, seen.size(), "the snapshot of when the iterator was made");
            assertFalse(seen.contains("added-after"));
            assertEquals(26, map.size());
            assertEquals(10, map.get("k1"));
            assertNull(map.get("k2"));

            final Set<String> keys = map.keySet();
            assertTrue(keys.contains("k3"));
            assertTrue(keys.remove("k3"));
            assertFalse(map.containsKey("k3"));
            assertTrue(map.values().contains(-1));
            assertTrue(map.entrySet().contains(Map.entry("k5", 50)));
            assertTrue(map.entrySet().remove(Map.entry("k5", 50)));
            assertEquals(24, map.size());
            assertEquals(new HashMap<>(map.snapshot()), new HashMap<>(map), "equals compares contents");
            map.keySet().clear();
            assertTrue(map.isEmpty());
        }
    }

    @Test
    void theFunctionOfAComputeMayReadOtherStripesButNotItsOwn()
    {
        final MapOptions options = MapOptions.defaults().stripes(2);
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<String, Integer> map = ctx.dict("nested", Codecs.utf8(), Codecs.int32(), options);
            map.put("other", 5);
            String same = null;
            String different = null;
            final MapLayout layout = ((AgronaMap<?, ?>)map).bytes().layout;
            final MapTable table = ((AgronaMap<?, ?>)map).bytes().table;
            for (int i = 0; same == null || different == null; i++)
            {
                final String key = "k" + i;
                final UnsafeBuffer bytes = new UnsafeBuffer(key.getBytes(StandardCharsets.UTF_8));
                final UnsafeBuffer other = new UnsafeBuffer("other".getBytes(StandardCharsets.UTF_8));
                final boolean sameStripe =
                    layout.stripeOfBucket(layout.bucketOf(table.hash(bytes, 0, bytes.capacity()))) ==
                    layout.stripeOfBucket(layout.bucketOf(table.hash(other, 0, other.capacity())));
                if (sameStripe && same == null)
                {
                    same = key;
                }
                else if (!sameStripe && different == null)
                {
                    different = key;
                }
            }
            assertEquals(6, map.compute(different, (k, v) -> map.get("other") + 1), "reads with its own buffers");
            final String sameKey = same;
            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> map.compute(sameKey, (k, v) -> map.put("other", 1)));
            assertTrue(ex.getMessage().contains("already held by this thread"), ex.getMessage());
            assertEquals(5, map.get("other"), "nothing changed");
            assertFalse(map.containsKey(sameKey));
            map.put(sameKey, 1); // the stripe's lock was released
        }
    }
}
