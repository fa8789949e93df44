package io.mmipc.agrona.map;

import io.mmipc.IpcContext;
import io.mmipc.MapOptions;
import io.mmipc.SharedLong;
import io.mmipc.SharedMap;
import io.mmipc.codec.Codecs;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.Random;

/**
 * The child JVMs of the crash tests: {@code main(scenario, directory, args...)}. They open the map
 * by name in the directory, write, and are killed with SIGKILL somewhere in the middle.
 */
public final class MapChild
{
    static final MapOptions OPTIONS = MapOptions.defaults().maxEntries(256).stripes(4).maxKeyBytes(512)
        .maxValueBytes(4096).dataBytes(256 * 1024);
    static final int STREAM_KEYS = 64;
    static final int MAX_STREAM_VALUE = 1508;
    private static final byte[] NOISE = new byte[4096];

    static
    {
        new Random(7).nextBytes(NOISE);
    }

    private MapChild()
    {
    }

    public static void main(final String[] args)
    {
        final IpcContext ctx = IpcContext.open(Paths.get(args[1]));
        if (args[0].equals("stream"))
        {
            stream(ctx, ctx.dict("stream", Codecs.bytes(), Codecs.bytes(), OPTIONS));
        }
        final SharedMap<String, String> map = ctx.dict("crash", Codecs.utf8(), Codecs.utf8(), OPTIONS);
        switch (args[0])
        {
            // Stops at the crash point named by the system property, holding the stripe's lock.
            case "put" -> map.put(args[2], args[3]);
            case "remove" -> map.remove(args[2]);
            default -> throw new IllegalArgumentException("no scenario " + args[0]);
        }
        throw new IllegalStateException("did not stop at crash point " + System.getProperty(MapCrashPoints.PROPERTY));
    }

    /**
     * Puts and removes bytes, one operation after the other, numbered on from where the last child
     * was killed; after each returns, records its number in {@code completed}. Little happens
     * outside the map's calls, so a kill at a random moment often lands inside one.
     */
    private static void stream(final IpcContext ctx, final SharedMap<byte[], byte[]> map)
    {
        final SharedLong completed = ctx.longValue("completed", 0);
        final UnsafeBuffer[] keys = new UnsafeBuffer[STREAM_KEYS];
        for (int k = 0; k < STREAM_KEYS; k++)
        {
            keys[k] = new UnsafeBuffer(streamKey(k));
        }
        final UnsafeBuffer value = new UnsafeBuffer(new byte[MAX_STREAM_VALUE]);
        System.out.println("streaming from " + completed.get());
        System.out.flush();
        for (long op = completed.get() + 1; ; op++)
        {
            final UnsafeBuffer key = keys[(int)(op % STREAM_KEYS)];
            final int length = streamValue(op, value);
            if (length < 0)
            {
                map.removeBytes(key, 0, key.capacity());
            }
            else
            {
                map.putBytes(key, 0, key.capacity(), value, 0, length);
            }
            completed.setRelease(op);
        }
    }

    static byte[] streamKey(final long op)
    {
        final int k = (int)(op % STREAM_KEYS);
        // Some keys are too long for a record and live in blocks.
        return (k % 8 == 0 ? "long-key-" + "k".repeat(100) + k : "key-" + k).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes operation {@code op}'s value: its number, then bytes that depend on it.
     *
     * @return its length, or -1 when the operation is a remove.
     */
    static int streamValue(final long op, final MutableDirectBuffer into)
    {
        if (op % 11 == 0)
        {
            return -1;
        }
        final int length = Long.BYTES + (int)(op * 37 % 1500); // from the record's slot to a dozen blocks
        into.putLong(0, op);
        into.putBytes(Long.BYTES, NOISE, (int)(op * 13 % 1024), length - Long.BYTES);
        return length;
    }

    static byte[] streamValue(final long op)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MAX_STREAM_VALUE]);
        final int length = streamValue(op, buffer);
        return length < 0 ? null : java.util.Arrays.copyOf(buffer.byteArray(), length);
    }
}
