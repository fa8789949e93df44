package io.mmipc.aeron;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

import static io.mmipc.aeron.FrameDescriptor.FULL_MAC_LENGTH;
import static io.mmipc.aeron.FrameDescriptor.MAC_LENGTH;
import static io.mmipc.aeron.FrameDescriptor.SEALED_HEADER_LENGTH;
import static io.mmipc.aeron.FrameDescriptor.SEALED_OVERHEAD;
import static io.mmipc.aeron.FrameDescriptor.SEALED_VERSION_OFFSET;
import static io.mmipc.aeron.FrameDescriptor.SEQUENCE_OFFSET;
import static io.mmipc.aeron.FrameDescriptor.VERSION;

/**
 * One direction of a session: seals frames with its key and the next sequence number, or opens
 * them, refusing any frame whose mac or sequence is not the expected one. A frame is sealed only once
 * the publication has room for it ({@link NetSession}), so every sealed sequence number goes out. Not thread-safe: the
 * sending side is used under the sender's lock, the receiving side under the poller's.
 */
final class Seal
{
    private final Mac mac;
    private final byte[] full = new byte[FULL_MAC_LENGTH];
    private final byte[] check = new byte[MAC_LENGTH];
    private final UnsafeBuffer header = new UnsafeBuffer(new byte[0]);
    private long sequence;

    Seal(final byte[] key)
    {
        mac = Handshake.mac(key);
    }

    /**
     * Writes the version and next sequence into the header of {@code frame} (type, flags and
     * payload are written already) and appends the mac.
     *
     * @param payloadEnd where the payload ends in {@code frame}.
     * @return the frame's length.
     */
    int seal(final byte[] frame, final int payloadEnd)
    {
        header.wrap(frame);
        header.putByte(SEALED_VERSION_OFFSET, VERSION);
        header.putByte(SEALED_VERSION_OFFSET + 1, (byte)0);
        header.putLong(SEQUENCE_OFFSET, sequence++);
        macOf(frame, payloadEnd);
        System.arraycopy(full, 0, frame, payloadEnd, MAC_LENGTH);
        return payloadEnd + MAC_LENGTH;
    }

    /**
     * @return true when {@code frame} (of {@code length} bytes) carries the expected sequence and
     *         a valid mac; the sequence then moves on.
     */
    boolean open(final byte[] frame, final int length)
    {
        if (length < SEALED_OVERHEAD || frame[SEALED_VERSION_OFFSET] != VERSION)
        {
            return false;
        }
        header.wrap(frame);
        if (header.getLong(SEQUENCE_OFFSET) != sequence)
        {
            return false;
        }
        final int end = length - MAC_LENGTH;
        macOf(frame, end);
        System.arraycopy(frame, end, check, 0, MAC_LENGTH);
        int diff = 0;
        for (int i = 0; i < MAC_LENGTH; i++)
        {
            diff |= full[i] ^ check[i];
        }
        if (diff != 0)
        {
            return false;
        }
        sequence++;
        return true;
    }

    static int payloadLength(final int frameLength)
    {
        return frameLength - SEALED_OVERHEAD;
    }

    /** Room a frame needs for {@code payload} bytes, rounded for the scratch buffers. */
    static int frameCapacity(final int payload)
    {
        return BitUtil.align(payload + SEALED_OVERHEAD + SEALED_HEADER_LENGTH, 64);
    }

    private void macOf(final byte[] frame, final int end)
    {
        try
        {
            mac.update(frame, 0, end);
            mac.doFinal(full, 0);
        }
        catch (final ShortBufferException ex)
        {
            throw new IllegalStateException("mac buffer of " + full.length + " bytes is too short", ex);
        }
    }
}
