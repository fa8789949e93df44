package io.mmipc.aeron;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

import static io.mmipc.aeron.FrameDescriptor.SEALED_HEADER_LENGTH;
import static io.mmipc.aeron.FrameDescriptor.SEALED_OVERHEAD;
import static io.mmipc.aeron.FrameDescriptor.SEALED_VERSION_OFFSET;
import static io.mmipc.aeron.FrameDescriptor.SEQUENCE_OFFSET;
import static io.mmipc.aeron.FrameDescriptor.TAG_LENGTH;
import static io.mmipc.aeron.FrameDescriptor.VERSION;

/**
 * One direction of a session: seals frames with AES-256-GCM under the direction's key and the next
 * sequence number (the header is authenticated, the payload encrypted and authenticated), or
 * opens them, refusing any frame whose tag or sequence is not the expected one. The nonce is the
 * sequence, which never goes back: a frame is sealed only once the publication has room for it
 * ({@link NetSession}), so no nonce is ever used twice with one key. Not thread-safe: the sending
 * side is used under the sender's lock, the receiving side under the poller's.
 */
final class Seal
{
    static final String ALGORITHM = "AES/GCM/NoPadding";
    private static final int NONCE_LENGTH = 12;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] nonce = new byte[NONCE_LENGTH];
    private final UnsafeBuffer nonceBuffer = new UnsafeBuffer(nonce);
    private final UnsafeBuffer header = new UnsafeBuffer(new byte[0]);
    private final boolean sealing;
    private long sequence;

    /**
     * @param key     32 bytes from the handshake, one per direction.
     * @param sealing true for the sending side, false for the receiving one.
     */
    Seal(final byte[] key, final boolean sealing)
    {
        this.key = new SecretKeySpec(key, 0, 32, "AES");
        this.sealing = sealing;
        try
        {
            cipher = Cipher.getInstance(ALGORITHM);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", ex);
        }
    }

    /**
     * Writes the version and next sequence into the header of {@code frame} (type, flags and
     * payload are written already), encrypts the payload in place and appends the tag.
     *
     * @param payloadEnd where the payload ends in {@code frame}.
     * @return the frame's length.
     */
    int seal(final byte[] frame, final int payloadEnd)
    {
        header.wrap(frame);
        header.putByte(SEALED_VERSION_OFFSET, VERSION);
        header.putByte(SEALED_VERSION_OFFSET + 1, (byte)0);
        header.putLong(SEQUENCE_OFFSET, sequence);
        try
        {
            init(Cipher.ENCRYPT_MODE, sequence++);
            cipher.updateAAD(frame, 0, SEALED_HEADER_LENGTH);
            return SEALED_HEADER_LENGTH +
                cipher.doFinal(frame, SEALED_HEADER_LENGTH, payloadEnd - SEALED_HEADER_LENGTH, frame, SEALED_HEADER_LENGTH);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("cannot seal a frame of " + payloadEnd + " bytes: " + ex, ex);
        }
    }

    /**
     * Decrypts {@code frame} (of {@code length} bytes) in place when it carries the expected
     * sequence and a valid tag; the sequence then moves on.
     *
     * @return true when it was authentic; its payload is then plain, from {@link FrameDescriptor#SEALED_HEADER_LENGTH}
     *         for {@link #payloadLength} bytes.
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
        try
        {
            init(Cipher.DECRYPT_MODE, sequence);
            cipher.updateAAD(frame, 0, SEALED_HEADER_LENGTH);
            cipher.doFinal(frame, SEALED_HEADER_LENGTH, length - SEALED_HEADER_LENGTH, frame, SEALED_HEADER_LENGTH);
        }
        catch (final AEADBadTagException forged)
        {
            return false;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("cannot open a frame of " + length + " bytes: " + ex, ex);
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

    private void init(final int mode, final long nonceSequence) throws GeneralSecurityException
    {
        if ((mode == Cipher.ENCRYPT_MODE) != sealing)
        {
            throw new IllegalStateException("a " + (sealing ? "sealing" : "opening") + " side used the other way");
        }
        nonceBuffer.putLong(0, nonceSequence);
        cipher.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
    }
}
