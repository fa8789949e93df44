package io.mmipc.aeron;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

import static io.mmipc.aeron.FrameDescriptor.RECORD_HEADER_LENGTH;

/**
 * The records of a batch frame ({@link FrameDescriptor#FLAG_BATCH}): small messages sent in
 * quick succession share one sealed DATA frame, so one mac covers them all. Each record is its
 * length (int, little-endian) and its bytes; nothing pads them. The frame is authenticated before
 * its records are read, and {@link #count} checks them all before any is delivered: a batch that
 * does not parse whole is a protocol violation, never a partial delivery.
 */
final class Batch
{
    private Batch()
    {
    }

    /**
     * Writes one record at {@code end} of {@code frame}.
     *
     * @return where the record ends.
     */
    static int append(final UnsafeBuffer frame, final int end, final DirectBuffer src, final int offset, final int length)
    {
        frame.putInt(end, length, ByteOrder.LITTLE_ENDIAN);
        frame.putBytes(end + RECORD_HEADER_LENGTH, src, offset, length);
        return end + RECORD_HEADER_LENGTH + length;
    }

    /**
     * @return how many records fill {@code [start, end)} of {@code frame} exactly, each at most
     *         {@code maxMessageLength} bytes; -1 when they do not (a length that is negative, too
     *         large, or runs past the end), or when there are none.
     */
    static int count(final UnsafeBuffer frame, final int start, final int end, final int maxMessageLength)
    {
        int position = start;
        int records = 0;
        while (position < end)
        {
            if (end - position < RECORD_HEADER_LENGTH)
            {
                return -1;
            }
            final int length = frame.getInt(position, ByteOrder.LITTLE_ENDIAN);
            if (length < 0 || length > maxMessageLength || length > end - position - RECORD_HEADER_LENGTH)
            {
                return -1;
            }
            position += RECORD_HEADER_LENGTH + length;
            records++;
        }
        return records == 0 ? -1 : records;
    }

    /**
     * @return the length of the record at {@code position} (which {@link #count} checked).
     */
    static int length(final UnsafeBuffer frame, final int position)
    {
        return frame.getInt(position, ByteOrder.LITTLE_ENDIAN);
    }
}
