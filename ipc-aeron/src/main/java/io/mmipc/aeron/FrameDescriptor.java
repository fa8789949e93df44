package io.mmipc.aeron;

/**
 * The frames mmipc puts in Aeron messages. Every object has two streams: {@code in} toward its
 * home node, {@code out} from the home node to a remote end ({@link StreamIds}). Aeron carries
 * the frames reliably and in order per publication (one Aeron session); mmipc authenticates them.
 * <p>
 * Handshake frames (before a session key exists), little-endian:
 * <pre>
 *   0        1        2                4
 *   +--------+--------+----------------+------------------------------------------+
 *   |  type  | version|    reserved    |  body                                    |
 *   +--------+--------+----------------+------------------------------------------+
 *   HELLO     (remote to home): nonceC[16] | port int | end byte | kind byte |
 *                               hostLen byte | host | nameLen byte | name | codecLen byte | codec
 *   CHALLENGE (home to remote): nonceC[16] | nonceH[16] | macH[32]
 *   RESPONSE  (remote to home): macC[32]
 * </pre>
 * Sealed frames (after the handshake), encrypted and authenticated with the direction's session key:
 * <pre>
 *   0        1        2        3        4                          12
 *   +--------+--------+--------+--------+--------------------------+-----------+-----------+
 *   |  type  | flags  | version|   0    |  sequence (long)         |  payload  |  tag[16]  |
 *   +--------+--------+--------+--------+--------------------------+-----------+-----------+
 *   READY: payload = status byte (0 accepted, 1 refused) | UTF-8 reason
 *   DATA:  payload = a chunk of a message; flags FIRST and LAST mark its ends; or, with flag
 *          BATCH (and FIRST and LAST), whole small messages sent in quick succession:
 *          +-----------------+-----------+-----------------+-----------+---
 *          | length (int LE) |  message  | length (int LE) |  message  | ...
 *          +-----------------+-----------+-----------------+-----------+---
 *   CLOSE: payload empty: the sender closed its end
 * </pre>
 * The payload is encrypted with AES-128-GCM ({@link Seal}) under the direction's key, the 12
 * header bytes authenticated with it (GCM's additional data), the 16-byte tag after it. The nonce
 * is the sequence, which starts at 0 in each direction and must arrive exactly in order, so a
 * replayed or injected frame fails; without the secret nobody reads a payload. Handshake frames
 * travel in clear: an eavesdropper learns which object is opened, by which host, with which codec.
 */
final class FrameDescriptor
{
    /** Bumped when any frame's layout changes; a frame of another version is dropped. */
    static final byte VERSION = 3;

    static final byte HELLO = 1;
    static final byte CHALLENGE = 2;
    static final byte RESPONSE = 3;
    static final byte READY = 4;
    static final byte DATA = 5;
    static final byte CLOSE = 6;

    static final byte FLAG_FIRST = 1;
    static final byte FLAG_LAST = 2;
    /** A DATA frame of whole messages, each after its length ({@link Batch}). */
    static final byte FLAG_BATCH = 4;
    /** The length word before each message of a batch. */
    static final int RECORD_HEADER_LENGTH = 4;
    /**
     * The payload bytes of a batch frame, at most: under one MTU ({@link AeronNode#MTU}), so a
     * batch is one datagram, sealed once for up to 16 messages of 64 bytes.
     */
    static final int BATCH_PAYLOAD = 1024;
    /** The largest message sent in a batch; longer ones go in frames of their own. */
    static final int MAX_BATCHED = 256;

    static final int TYPE_OFFSET = 0;
    static final int VERSION_OFFSET = 1;
    static final int BODY_OFFSET = 4;

    static final int NONCE_LENGTH = 16;
    static final int FULL_MAC_LENGTH = 32;
    /** The GCM tag that ends a sealed frame. */
    static final int MAC_LENGTH = 16;

    static final int CHALLENGE_LENGTH = BODY_OFFSET + NONCE_LENGTH * 2 + FULL_MAC_LENGTH;
    static final int RESPONSE_LENGTH = BODY_OFFSET + FULL_MAC_LENGTH;
    /** The longest HELLO: three strings of at most 255 bytes. */
    static final int MAX_HELLO_LENGTH = BODY_OFFSET + NONCE_LENGTH + 4 + 2 + 3 * 256;

    static final int SEALED_FLAGS_OFFSET = 1;
    static final int SEALED_VERSION_OFFSET = 2;
    static final int SEQUENCE_OFFSET = 4;
    static final int SEALED_HEADER_LENGTH = 12;
    static final int SEALED_OVERHEAD = SEALED_HEADER_LENGTH + MAC_LENGTH;

    /**
     * The largest chunk of a message in one DATA frame that a receiver accepts: 64 KiB, well under
     * Aeron's largest message (an eighth of the 1 MiB term, {@link AeronNode#TERM_LENGTH}); Aeron
     * fragments a chunk into MTU-sized frames and {@code FragmentAssembler} joins them again.
     */
    static final int MAX_CHUNK = 64 * 1024;
    /**
     * The chunk a sender cuts a larger message into, so a receiver opens each chunk while the
     * sender seals the next instead of one after the other: with the HMAC-SHA256 tags frames had
     * then (1.2 GB/s here), a 64 KiB round trip on loopback took 0.80–0.86 ms in 16 KiB chunks
     * instead of 1.08–1.14 ms in one ({@code NetBenchmark}).
     */
    static final int SEND_CHUNK = 16 * 1024;

    private FrameDescriptor()
    {
    }
}
