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
 * Sealed frames (after the handshake), authenticated with the direction's session key:
 * <pre>
 *   0        1        2        3        4                          12
 *   +--------+--------+--------+--------+--------------------------+-----------+-----------+
 *   |  type  | flags  | version|   0    |  sequence (long)         |  payload  |  mac[16]  |
 *   +--------+--------+--------+--------+--------------------------+-----------+-----------+
 *   READY: payload = status byte (0 accepted, 1 refused) | UTF-8 reason
 *   DATA:  payload = a chunk of a message; flags FIRST and LAST mark its ends; or, with flag
 *          BATCH (and FIRST and LAST), whole small messages sent in quick succession:
 *          +-----------------+-----------+-----------------+-----------+---
 *          | length (int LE) |  message  | length (int LE) |  message  | ...
 *          +-----------------+-----------+-----------------+-----------+---
 *   CLOSE: payload empty: the sender closed its end
 * </pre>
 * The mac is the first 16 bytes of HMAC-SHA256(key, bytes 0 to the mac); the sequence starts at 0
 * in each direction and must arrive exactly in order, so a replayed or injected frame fails.
 */
final class FrameDescriptor
{
    /** Bumped when any frame's layout changes; a frame of another version is dropped. */
    static final byte VERSION = 2;

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
     * batch is one datagram, and a mac over it costs about what 16 macs of 64-byte frames would.
     */
    static final int BATCH_PAYLOAD = 1024;
    /** The largest message sent in a batch; longer ones go in frames of their own. */
    static final int MAX_BATCHED = 256;

    static final int TYPE_OFFSET = 0;
    static final int VERSION_OFFSET = 1;
    static final int BODY_OFFSET = 4;

    static final int NONCE_LENGTH = 16;
    static final int FULL_MAC_LENGTH = 32;
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
     * The chunk a sender cuts a larger message into. An HMAC runs at about 1 GB/s here, so a 64 KiB
     * frame took the sender 55 µs to seal and its receiver as long again to open, one after the
     * other; in 16 KiB chunks the receiver opens each while the sender seals the next, and a 64 KiB
     * round trip on loopback took 0.80–0.86 ms instead of 1.08–1.14 ms ({@code NetBenchmark}).
     */
    static final int SEND_CHUNK = 16 * 1024;

    private FrameDescriptor()
    {
    }
}
