package io.mmipc.aeron;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The challenge-response handshake, one algorithm for both sides. The transcript is the HELLO
 * frame as sent followed by the home node's nonce; everything is an HMAC-SHA256 of it under the
 * shared secret with a label:
 * <pre>
 *   macH   = HMAC(secret, "mmipc-home"   | transcript)   home proves it knows the secret
 *   macC   = HMAC(secret, "mmipc-remote" | transcript)   remote proves it knows the secret
 *   keyIn  = HMAC(secret, "mmipc-in"     | transcript)   seals frames remote to home (AES-128-GCM: its first 16 bytes)
 *   keyOut = HMAC(secret, "mmipc-out"    | transcript)   seals frames home to remote (the same)
 * </pre>
 * Both nonces are fresh per session, so a recorded handshake cannot be replayed, and a session's
 * keys seal nothing else: a frame's sequence number, its GCM nonce, never repeats under a key.
 */
final class Handshake
{
    static final String ALGORITHM = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake()
    {
    }

    static byte[] nonce()
    {
        final byte[] nonce = new byte[FrameDescriptor.NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    static byte[] challenge(final byte[] nonceC, final byte[] nonceH, final byte[] homeProof)
    {
        final byte[] challenge = new byte[FrameDescriptor.CHALLENGE_LENGTH];
        challenge[0] = FrameDescriptor.CHALLENGE;
        challenge[FrameDescriptor.VERSION_OFFSET] = FrameDescriptor.VERSION;
        int at = FrameDescriptor.BODY_OFFSET;
        System.arraycopy(nonceC, 0, challenge, at, FrameDescriptor.NONCE_LENGTH);
        at += FrameDescriptor.NONCE_LENGTH;
        System.arraycopy(nonceH, 0, challenge, at, FrameDescriptor.NONCE_LENGTH);
        at += FrameDescriptor.NONCE_LENGTH;
        System.arraycopy(homeProof, 0, challenge, at, FrameDescriptor.FULL_MAC_LENGTH);
        return challenge;
    }

    static byte[] response(final byte[] remoteProof)
    {
        final byte[] response = new byte[FrameDescriptor.RESPONSE_LENGTH];
        response[0] = FrameDescriptor.RESPONSE;
        response[FrameDescriptor.VERSION_OFFSET] = FrameDescriptor.VERSION;
        System.arraycopy(remoteProof, 0, response, FrameDescriptor.BODY_OFFSET, FrameDescriptor.FULL_MAC_LENGTH);
        return response;
    }

    static byte[] transcript(final byte[] hello, final int helloLength, final byte[] nonceH)
    {
        final byte[] transcript = new byte[helloLength + nonceH.length];
        System.arraycopy(hello, 0, transcript, 0, helloLength);
        System.arraycopy(nonceH, 0, transcript, helloLength, nonceH.length);
        return transcript;
    }

    static byte[] homeProof(final byte[] secret, final byte[] transcript)
    {
        return hmac(secret, "mmipc-home", transcript);
    }

    static byte[] remoteProof(final byte[] secret, final byte[] transcript)
    {
        return hmac(secret, "mmipc-remote", transcript);
    }

    static byte[] keyIn(final byte[] secret, final byte[] transcript)
    {
        return hmac(secret, "mmipc-in", transcript);
    }

    static byte[] keyOut(final byte[] secret, final byte[] transcript)
    {
        return hmac(secret, "mmipc-out", transcript);
    }

    /**
     * @return true when {@code length} bytes of {@code actual} from {@code offset} equal {@code expected}, in constant time.
     */
    static boolean matches(final byte[] expected, final byte[] actual, final int offset, final int length)
    {
        if (length != expected.length || offset < 0 || offset + length > actual.length)
        {
            return false;
        }
        final byte[] slice = new byte[length];
        System.arraycopy(actual, offset, slice, 0, length);
        return MessageDigest.isEqual(expected, slice);
    }

    static Mac mac(final byte[] key)
    {
        try
        {
            final Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", ex);
        }
    }

    private static byte[] hmac(final byte[] secret, final String label, final byte[] transcript)
    {
        final Mac mac = mac(secret);
        mac.update(label.getBytes(StandardCharsets.US_ASCII));
        return mac.doFinal(transcript);
    }
}
