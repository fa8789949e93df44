package io.mmipc.agrona.map;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.SharedMap;
import io.mmipc.codec.Codec;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.launch.ChildOutput;
import io.mmipc.test.Children;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A map travels as a small handle (directory, name, codecs, capacity); threads of one JVM share it safely.
 */
@Timeout(120)
class MapHandleTest
{
    @TempDir
    Path root;

    static void appendTo(final SharedMap<String, ArrayList<String>> lists, final String item)
    {
        lists.merge("items", new ArrayList<>(List.of(item)), (a, b) ->
        {
            a.addAll(b);
            return a;
        });
    }

    @Test
    void aTaskCarriesAMapWithJavaSerializedValuesToAChild() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<String, ArrayList<String>> lists = ctx.dict("lists", Codecs.utf8(), Codecs.java());
            lists.put("items", new ArrayList<>(List.of("from the parent")));
            final JvmProcess child = ctx.process(() -> appendTo(lists, "from the child"))
                .jvmOptions(Children.QUICK_JVM.toArray(String[]::new)).output(ChildOutput.CAPTURE).start();
            try
            {
                assertTrue(child.join(Duration.ofSeconds(90)));
                assertEquals(0, child.exitCode().getAsInt(), child::stderr);
            }
            finally
            {
                if (child.isAlive())
                {
                    child.kill();
                }
            }
            assertEquals(List.of("from the parent", "from the child"), lists.get("items"));
        }
    }

    @Test
    void aHandleIsSmallAndResolvesToOneMapPerJvm() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<String, Long> map = ctx.dict("counts", Codecs.utf8(), Codecs.int64());
            map.put("a", 1L);
            final byte[] bytes = serialize(map);
            assertTrue(bytes.length < 1024, bytes.length + " bytes");
            @SuppressWarnings("unchecked")
            final SharedMap<String, Long> once = (SharedMap<String, Long>)deserialize(bytes);
            final Object twice = deserialize(serialize(map));
            assertSame(once, twice);
            assertNotSame(map, once, "re-opened through the joined context, not the sender's");
            assertEquals(1L, once.get("a"));
            once.put("b", 2L);
            assertEquals(2L, map.get("b"));
            assertEquals(map.options(), once.options());
        }
    }

    @Test
    void handlesOfAMapWithASerializableCodecResolveToOneMapPerJvm() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<String, ArrayList<String>> lists = ctx.dict("lists", Codecs.utf8(), Codecs.java());
            lists.put("items", new ArrayList<>(List.of("a")));
            // Each handle carries its own copy of the Java-serialization codec; the map is still opened once.
            final Object once = deserialize(serialize(lists));
            final Object twice = deserialize(serialize(lists));
            assertSame(once, twice);
            assertEquals(List.of("a"), ((SharedMap<?, ?>)once).get("items"));
        }
    }

    @Test
    void aCodecThatCannotTravelIsNamedAtSerialization()
    {
        final Codec<String> local = new Codec<>()
        {
            @Override
            public String id()
            {
                return "local-utf8";
            }

            @Override
            public int encode(final String value, final MutableDirectBuffer buffer, final int offset)
            {
                return buffer.putStringWithoutLengthUtf8(offset, value);
            }

            @Override
            public String decode(final DirectBuffer buffer, final int offset, final int length)
            {
                return buffer.getStringWithoutLengthUtf8(offset, length);
            }
        };
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<String, String> map = ctx.dict("local", local, Codecs.utf8());
            map.put("works", "here");
            final NotSerializableException ex = assertThrows(NotSerializableException.class, () -> serialize(map));
            assertTrue(ex.getMessage().contains("dict 'local'") && ex.getMessage().contains("local-utf8") &&
                ex.getMessage().contains("Serializable"), ex.getMessage());
        }
    }

    @Test
    void threadsOfOneJvmShareTheMapAndItsStripes() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<Integer, Long> map = ctx.dict("threads", Codecs.int32(), Codecs.int64());
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++)
            {
                threads.add(new Thread(() ->
                {
                    try
                    {
                        for (int i = 0; i < 20_000; i++)
                        {
                            map.merge(i % 50, 1L, Long::sum);
                            final Long seen = map.get((i * 7) % 50);
                            if (seen != null && (seen < 1 || seen > 1600))
                            {
                                throw new AssertionError("read " + seen);
                            }
                        }
                    }
                    catch (final Throwable ex)
                    {
                        failure.compareAndSet(null, ex);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (final Thread thread : threads)
            {
                thread.join(60_000);
                assertFalse(thread.isAlive());
            }
            assertNull(failure.get());
            for (int k = 0; k < 50; k++)
            {
                assertEquals(1600L, map.get(k), "key " + k);
            }
        }
    }

    private static byte[] serialize(final Object object) throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(final byte[] bytes) throws Exception
    {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)))
        {
            return in.readObject();
        }
    }
}
