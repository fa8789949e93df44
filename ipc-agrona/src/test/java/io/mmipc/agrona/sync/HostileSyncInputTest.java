package io.mmipc.agrona.sync;

import io.mmipc.IpcContext;
import io.mmipc.SharedDoubleArray;
import io.mmipc.SharedIntArray;
import io.mmipc.SharedLock;
import io.mmipc.SharedLongArray;
import io.mmipc.SharedSemaphore;
import io.mmipc.internal.file.Names;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.ObjectProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The worst input a caller can give the sync objects, through {@link IpcContext}: every call fails
 * at once with an exception naming the parameter and the value, creates no file, and never hangs.
 */
@Timeout(60)
class HostileSyncInputTest
{
    private static final List<String> BAD_NAMES = List.of("a/b", "../escape", "/abs", "a\\b", "", ".", "..",
        "x".repeat(Names.MAX_LENGTH + 1), "nul\0byte", "new\nline");

    @TempDir
    Path root;

    @Test
    void everyFactoryRefusesABadNameNamingIt() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLock lock = ctx.lock("lock");
            final List<Function<String, Object>> factories = List.of(
                n -> ctx.intValue(n, 0), n -> ctx.longValue(n, 0), n -> ctx.doubleValue(n, 0),
                n -> ctx.booleanValue(n, false), n -> ctx.intArray(n, 1), n -> ctx.longArray(n, 1),
                n -> ctx.doubleArray(n, 1), n -> ctx.lock(n), n -> ctx.rlock(n), n -> ctx.semaphore(n, 1),
                n -> ctx.boundedSemaphore(n, 1), n -> ctx.event(n), n -> ctx.condition(n, lock),
                n -> ctx.barrier(n, 2));
            final long before = fileCount(ctx.directory());
            for (final Function<String, Object> factory : factories)
            {
                for (final String name : BAD_NAMES)
                {
                    final String message = refused(IllegalArgumentException.class, () -> factory.apply(name));
                    assertTrue(message.contains("name"), message);
                    if (name.isEmpty())
                    {
                        assertTrue(message.contains("must not be empty"), message);
                    }
                    else if (name.length() > Names.MAX_LENGTH)
                    {
                        assertTrue(message.contains(name.length() + " characters, the limit is " + Names.MAX_LENGTH),
                            message);
                    }
                    else if (name.equals(".") || name.equals(".."))
                    {
                        assertTrue(message.contains("\"" + name + "\""), message);
                    }
                    else
                    {
                        assertTrue(message.contains("has the character"), message);
                    }
                }
                refused(RuntimeException.class, () -> factory.apply(null));
            }
            assertEquals(before, fileCount(ctx.directory()), "a refused name creates nothing");
            assertFalse(Files.exists(ctx.directory().getParent().resolve("escape")), "nothing escaped the directory");
            assertFalse(Files.exists(root.resolve("escape")), "nothing escaped the directory");
        }
    }

    @Test
    void arrayLengthsOutsideTheirRangeAreRefusedNamingTheLength() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final long before = fileCount(ctx.directory());
            for (final int length : new int[]{-1, Integer.MIN_VALUE, Integer.MAX_VALUE})
            {
                for (final Executable make : List.<Executable>of(() -> ctx.intArray("ia", length),
                    () -> ctx.longArray("la", length), () -> ctx.doubleArray("da", length)))
                {
                    final String message = refused(IllegalArgumentException.class, make);
                    assertTrue(message.contains("length"), message);
                    assertTrue(message.contains(String.valueOf(length)), message);
                }
            }
            refused(NullPointerException.class, () -> ctx.intArray("ia", (int[])null));
            assertEquals(before, fileCount(ctx.directory()), "a refused length creates nothing");
        }
    }

    @Test
    void indicesOutsideAnArrayAreRefusedNamingIndexAndLength() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedIntArray ints = ctx.intArray("ia", 3);
            final SharedLongArray longs = ctx.longArray("la", 3);
            final SharedDoubleArray doubles = ctx.doubleArray("da", 3);
            for (final int index : new int[]{-1, 3, Integer.MAX_VALUE, Integer.MIN_VALUE})
            {
                for (final Executable touch : List.<Executable>of(() -> ints.get(index), () -> ints.set(index, 1),
                    () -> ints.getAndAdd(index, 1), () -> longs.get(index), () -> longs.compareAndSet(index, 0, 1),
                    () -> doubles.get(index), () -> doubles.set(index, 1.0)))
                {
                    final String message = refused(IndexOutOfBoundsException.class, touch);
                    assertTrue(message.contains(String.valueOf(index)), message);
                    assertTrue(message.contains("3"), message);
                }
            }
        }
    }

    @Test
    void permitsAndPartiesOutsideTheirRangeAreRefusedNamingTheValue() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final long before = fileCount(ctx.directory());
            for (final int permits : new int[]{-1, Integer.MIN_VALUE})
            {
                String message = refused(IllegalArgumentException.class, () -> ctx.semaphore("s", permits));
                assertTrue(message.contains("permits") && message.contains(String.valueOf(permits)), message);
                message = refused(IllegalArgumentException.class, () -> ctx.boundedSemaphore("b", permits));
                assertTrue(message.contains("permits") && message.contains(String.valueOf(permits)), message);
            }
            for (final int parties : new int[]{0, -1, Integer.MIN_VALUE, BarrierDescriptor.MAX_PARTIES + 1,
                Integer.MAX_VALUE})
            {
                final String message = refused(IllegalArgumentException.class, () -> ctx.barrier("b", parties));
                assertTrue(message.contains("parties") && message.contains(String.valueOf(parties)), message);
            }
            final String message = refused(IllegalArgumentException.class, () -> ctx.condition("c", null));
            assertTrue(message.contains("lock") && message.contains("null"), message);
            assertEquals(before, fileCount(ctx.directory()), "refused parameters create nothing");
        }
    }

    @Test
    void negativeCountsAndTimeoutsNeverHang() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedSemaphore semaphore = ctx.semaphore("s", 1);
            String message = refused(IllegalArgumentException.class, () -> semaphore.release(-1));
            assertTrue(message.contains("-1"), message);
            message = refused(IllegalArgumentException.class, () -> semaphore.acquire(-1));
            assertTrue(message.contains("-1"), message);
            assertFalse(ctx.event("e").await(-1, TimeUnit.SECONDS), "a negative timeout does not wait");
            final SharedLock lock = ctx.lock("l");
            assertTrue(lock.tryLock(Long.MIN_VALUE, TimeUnit.NANOSECONDS), "a free lock is taken at once");
            lock.unlock();
        }
    }

    @Test
    void craftedHandlesAreRefusedNamingTheField() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            ctx.intValue("placeholdr", 1);
            final byte[] good = serialize(new Handle(ObjectProvider.SHARED_MEMORY, ctx.directory().toString(),
                "placeholdr", "int", 0, null, null));
            // The same stream with one field rewritten in place, as a hostile sender would.
            String message = refusedHandle(replace(good, "placeholdr", "../../etc/"));
            assertTrue(message.contains("has the character '/'"), message);
            message = refusedHandle(replace(good, "placeholdr", "..        ".trim() + "/passwd."));
            assertTrue(message.contains("name"), message);
            message = refusedHandle(replace(good, ctx.directory().toString(),
                "x".repeat(ctx.directory().toString().length())));
            assertTrue(message.contains("is not absolute"), message);
            message = refusedHandle(replace(serialize(new Handle(ObjectProvider.SHARED_MEMORY,
                ctx.directory().toString(), "placeholdr", "lockx", 0, null, null)), "lockx", "LOCK/"));
            assertTrue(message.contains("handle kind \"LOCK/\" is not a word"), message);
            message = refusedHandle(serialize(new Handle(ObjectProvider.SHARED_MEMORY, ctx.directory().toString(),
                "placeholdr", "long-array", -5, null, null)));
            assertTrue(message.contains("-5"), message);
            message = refusedHandle(serialize(new Handle(ObjectProvider.SHARED_MEMORY, ctx.directory().toString(),
                "placeholdr", "no-such-kind", 0, null, null)));
            assertTrue(message.contains("no-such-kind"), message);
            message = refusedHandle(serialize(new Handle(ObjectProvider.SHARED_MEMORY, ctx.directory().toString(),
                "placeholdr", "lock", 0, null, null)));
            assertTrue(message.contains(ctx.directory().resolve("placeholdr").toString()), message);
        }
    }

    private static String refused(final Class<? extends Throwable> type, final Executable call)
    {
        final Throwable ex = assertThrows(type, call);
        return String.valueOf(ex.getMessage());
    }

    private static String refusedHandle(final byte[] stream)
    {
        final InvalidObjectException ex = assertThrows(InvalidObjectException.class, () ->
        {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(stream)))
            {
                in.readObject();
            }
        });
        final StringBuilder all = new StringBuilder();
        for (Throwable t = ex; t != null; t = t.getCause())
        {
            all.append(t.getMessage()).append(" / ");
        }
        return all.toString();
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

    /** Rewrites one string of a serialized stream with another of the same length. */
    private static byte[] replace(final byte[] stream, final String from, final String to)
    {
        final byte[] a = from.getBytes(StandardCharsets.UTF_8);
        final byte[] b = to.getBytes(StandardCharsets.UTF_8);
        assertEquals(a.length, b.length);
        final byte[] out = stream.clone();
        int found = 0;
        for (int i = 0; i + a.length <= out.length; i++)
        {
            int j = 0;
            while (j < a.length && out[i + j] == a[j])
            {
                j++;
            }
            if (j == a.length)
            {
                System.arraycopy(b, 0, out, i, b.length);
                found++;
            }
        }
        assertEquals(1, found, "\"" + from + "\" once in the stream");
        return out;
    }

    private static long fileCount(final Path directory) throws Exception
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.count();
        }
    }
}
