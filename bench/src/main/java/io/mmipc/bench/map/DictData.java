package io.mmipc.bench.map;

import io.mmipc.MapOptions;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * What every dict benchmark stores: {@value #KEYS} entries of 16-byte string keys and 32-byte
 * string values, read and written in a fixed scattered order.
 */
final class DictData
{
    static final int KEYS = 1024;
    static final MapOptions OPTIONS = MapOptions.defaults().maxEntries(4 * KEYS);
    static final String NAME = "bench-dict";

    static final String[] KEY = new String[KEYS];
    static final String[] VALUE = new String[KEYS];
    static final UnsafeBuffer[] KEY_BYTES = new UnsafeBuffer[KEYS];
    static final UnsafeBuffer[] VALUE_BYTES = new UnsafeBuffer[KEYS];

    static
    {
        for (int i = 0; i < KEYS; i++)
        {
            KEY[i] = String.format("dict-key-%07d", i);
            VALUE[i] = String.format("value-%026d", (long)i * 7919);
            KEY_BYTES[i] = new UnsafeBuffer(KEY[i].getBytes(StandardCharsets.UTF_8));
            VALUE_BYTES[i] = new UnsafeBuffer(VALUE[i].getBytes(StandardCharsets.UTF_8));
        }
    }

    private DictData()
    {
    }

    /**
     * @return the index after {@code i}: a stride that visits every key in an order unrelated to their hashes.
     */
    static int next(final int i)
    {
        return (i + 389) & (KEYS - 1);
    }
}
