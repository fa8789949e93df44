package io.mmipc.bench.support;

import org.agrona.DirectBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The message every contender of the transport benchmarks carries, and the checksum every consumer
 * takes of what it receives: the sum of the payload's little-endian longs plus its trailing bytes.
 * It reads every byte (a consumer that reads 8 bytes of a 64 KiB message would compare a
 * producer's copy with nothing), costs one add per 8 bytes, allocates nothing, and changes when
 * any one byte changes (a byte's change moves the sum by a non-zero multiple of a power of two
 * below 2^64).
 */
public final class Payload
{
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Payload()
    {
    }

    /**
     * @return {@code size} bytes that differ from their neighbours, so a shifted or torn copy is seen.
     */
    public static byte[] create(final int size)
    {
        final byte[] message = new byte[size];
        for (int i = 0; i < size; i++)
        {
            message[i] = (byte)(i * 7 + 1);
        }
        return message;
    }

    /**
     * @return the checksum of every byte of {@code message}.
     */
    public static long checksum(final byte[] message)
    {
        return checksum(message, 0, message.length);
    }

    public static long checksum(final byte[] bytes, final int offset, final int length)
    {
        long sum = 0;
        final int longsEnd = offset + (length & ~7);
        int i = offset;
        for (; i < longsEnd; i += 8)
        {
            sum += (long)LONGS.get(bytes, i);
        }
        for (final int end = offset + length; i < end; i++)
        {
            sum += bytes[i] & 0xFF;
        }
        return sum;
    }

    /**
     * @return the same checksum as {@link #checksum(byte[], int, int)} for the same bytes in a buffer.
     */
    public static long checksum(final DirectBuffer buffer, final int offset, final int length)
    {
        long sum = 0;
        final int longsEnd = offset + (length & ~7);
        int i = offset;
        for (; i < longsEnd; i += 8)
        {
            sum += buffer.getLong(i, ByteOrder.LITTLE_ENDIAN);
        }
        for (final int end = offset + length; i < end; i++)
        {
            sum += buffer.getByte(i) & 0xFF;
        }
        return sum;
    }
}
