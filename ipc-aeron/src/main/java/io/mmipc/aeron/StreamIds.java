package io.mmipc.aeron;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The Aeron stream ids of an object, from its kind and name: {@code in} carries frames toward
 * the home node, {@code out} frames from the home to a remote end. Two names that hash alike
 * would share streams; the HELLO names the object, so a home ignores the other's handshakes,
 * and a node refuses to create the second ({@link AeronMessaging}).
 */
final class StreamIds
{
    static final byte PIPE = 1;
    static final byte QUEUE = 2;
    /** A queue's consumers on other nodes: credit requests in, messages out. */
    static final byte DISPATCH = 3;

    private StreamIds()
    {
    }

    static int in(final byte kind, final String name)
    {
        return base(kind, name);
    }

    static int out(final byte kind, final String name)
    {
        return base(kind, name) | 1;
    }

    /**
     * @return an even id in [0x1000, 2^31): clear of small ids that Aeron's samples and tools use.
     */
    private static int base(final byte kind, final String name)
    {
        final CRC32C crc = new CRC32C();
        crc.update(kind);
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return (int)(crc.getValue() & 0x7FFF_EFFE) | 0x1000;
    }
}
