package io.mmipc.aeron;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

import static io.mmipc.aeron.FrameDescriptor.MAC_LENGTH;
import static io.mmipc.aeron.FrameDescriptor.SEALED_HEADER_LENGTH;
import static io.mmipc.aeron.FrameDescriptor.SEALED_OVERHEAD;
import static io.mmipc.aeron.FrameDescriptor.SEALED_VERSION_OFFSET;
import static io.mmipc.aeron.FrameDescriptor.SEQUENCE_OFFSET;
import static io.mmipc.aeron.FrameDescriptor.VERSION;

/**
 * One direction of a session: seals frames with its key and the next sequence number, or opens
 * them, refusing any frame whose tag or sequence is not the expected one. Sealing is AES-128-GCM
 * ({@link #CIPHER}): the payload is encrypted in place, the 12-byte header is authenticated with
 * it, and the 16-byte tag follows. The nonce is the sequence number, which never repeats under one
 * key: each session derives fresh keys per direction ({@link Handshake}), and a frame is sealed
 * only once the publication has room for it ({@link NetSession}), so every sealed sequence number
 * goes out once. The receiver builds the nonce from the sequence it expects, not from the frame.
 * Not thread-safe: the sending side is used under the sender's lock, the receiving side under the
 * poller's.
 * <p>
 * Cost (bench's {@code MacBenchmark}): 0.6 µs for a small frame, 1.5 times the HMAC-SHA256 tag
 * that only authenticated frames before, and 3.9 µs for a 16 KiB chunk, 0.3 times the HMAC's,
 * once the JIT has compiled the JDK's GCM code; until then (the first thousand or so large frames
 * of a process) a 16 KiB chunk takes up to about a millisecond to seal or open.
 */
final class Seal
{
    static final String CIPHER = "AES/GCM/NoPadding";
    /** AES-128: the first 16 bytes of the direction's 32-byte key. */
    static final int KEY_LENGTH = 16;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = MAC_LENGTH * 8;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] nonce = new byte[NONCE_LENGTH];
    private final UnsafeBuffer header = new UnsafeBuffer(new byte[0]);
    private long sequence;

    Seal(final byte[] key)
    {
        if (key.length < KEY_LENGTH)
        {
            throw new IllegalArgumentException("a session key of " + key.length + " bytes, needs " + KEY_LENGTH);
        }
        this.key = new SecretKeySpec(key, 0, KEY_LENGTH, "AES");
        try
        {
            cipher = Cipher.getInstance(CIPHER);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(CIPHER + " is not available in this JVM", ex);
        }
    }

    /**
     * Writes the version and next sequence into the header of {@code frame} (type, flags and
     * payload are written already), encrypts the payload in place and appends the tag.
     *
     * @param payloadEnd where the payload ends in {@code frame}, which has
     *                   {@link FrameDescriptor#MAC_LENGTH} bytes after it.
     * @return the frame's length.
     */
    int seal(final byte[] frame, final int payloadEnd)
    {
        header.wrap(frame);
        header.putByte(SEALED_VERSION_OFFSET, VERSION);
        header.putByte(SEALED_VERSION_OFFSET + 1, (byte)0);
        final long n = sequence++;
        header.putLong(SEQUENCE_OFFSET, n);
        try
        {
            cipher.init(Cipher.ENCRYPT_MODE, key, nonce(n));
            cipher.updateAAD(frame, 0, SEALED_HEADER_LENGTH);
            return SEALED_HEADER_LENGTH + cipher.doFinal(
                frame, SEALED_HEADER_LENGTH, payloadEnd - SEALED_HEADER_LENGTH, frame, SEALED_HEADER_LENGTH);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("cannot seal a frame of " + payloadEnd + " bytes with " + CIPHER, ex);
        }
    }

    /**
     * Authenticates {@code frame} (of {@code length} bytes) and decrypts it in place: its payload
     * is then plain from the header to {@code length - MAC_LENGTH}.
     *
     * @return true when it carries the expected sequence and a valid tag; the sequence then moves
     *         on. After false the frame's bytes mean nothing.
     */
    boolean open(final byte[] frame, final int length)
    {
        if (length < SEALED_OVERHEAD || length > frame.length || frame[SEALED_VERSION_OFFSET] != VERSION)
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
            cipher.init(Cipher.DECRYPT_MODE, key, nonce(sequence));
            cipher.updateAAD(frame, 0, SEALED_HEADER_LENGTH);
            cipher.doFinal(frame, SEALED_HEADER_LENGTH, length - SEALED_HEADER_LENGTH, frame, SEALED_HEADER_LENGTH);
        }
        catch (final AEADBadTagException forged)
        {
            return false;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("cannot open a frame of " + length + " bytes with " + CIPHER, ex);
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

    /** The 96-bit nonce: the sequence number, little-endian, then four zero bytes. */
    private GCMParameterSpec nonce(final long n)
    {
        for (int i = 0; i < 8; i++)
        {
            nonce[i] = (byte)(n >>> (8 * i));
        }
        return new GCMParameterSpec(TAG_BITS, nonce);
    }
}
