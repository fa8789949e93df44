package io.mmipc.bench.queue;

/**
 * The payload every contender carries.
 */
final class Messages
{
    private Messages()
    {
    }

    static byte[] create(final int size)
    {
        final byte[] message = new byte[size];
        for (int i = 0; i < size; i++)
        {
            message[i] = (byte)(i * 7 + 1);
        }
        return message;
    }

    static long firstLong(final byte[] message)
    {
        long value = 0;
        for (int i = 0; i < Math.min(8, message.length); i++)
        {
            value |= (message[i] & 0xFFL) << (8 * i);
        }
        return value;
    }
}
