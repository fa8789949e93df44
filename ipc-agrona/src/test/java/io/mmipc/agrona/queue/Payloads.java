package io.mmipc.agrona.queue;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Messages derived from (producer, sequence), so a torn, foreign or reordered one shows up: an
 * int producer, an int sequence, then 0 to 119 bytes that depend on both.
 */
public final class Payloads
{
    static final int HEADER = 8;

    private Payloads()
    {
    }

    static int length(final int producer, final int seq)
    {
        return HEADER + (producer * 7 + seq * 13) % 120;
    }

    static byte fill(final int producer, final int seq, final int i)
    {
        return (byte)(producer * 31 + seq * 17 + i);
    }

    public static int write(final MutableDirectBuffer buffer, final int producer, final int seq)
    {
        final int length = length(producer, seq);
        buffer.putInt(0, producer);
        buffer.putInt(4, seq);
        for (int i = HEADER; i < length; i++)
        {
            buffer.putByte(i, fill(producer, seq, i));
        }
        return length;
    }

    /**
     * @return null when the message is intact, else what is wrong.
     */
    public static String check(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER)
        {
            return "message of " + length + " bytes";
        }
        final int producer = buffer.getInt(offset);
        final int seq = buffer.getInt(offset + 4);
        if (producer < 0 || seq < 0 || length != length(producer, seq))
        {
            return "producer " + producer + " seq " + seq + " with length " + length;
        }
        for (int i = HEADER; i < length; i++)
        {
            if (buffer.getByte(offset + i) != fill(producer, seq, i))
            {
                return "producer " + producer + " seq " + seq + " torn at byte " + i;
            }
        }
        return null;
    }
}
