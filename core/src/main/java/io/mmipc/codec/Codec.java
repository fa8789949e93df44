package io.mmipc.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Turns values into bytes in a buffer and back. Transports write the bytes straight into shared
 * memory (or into a scratch buffer that is then copied in once), and decode from shared memory.
 *
 * @param <T> the type of value.
 */
public interface Codec<T>
{
    /**
     * @return a stable name stored in shared files, so that a process opening an object with
     *         another codec is refused ("utf8", "int64", "java:default").
     */
    String id();

    /**
     * Writes {@code value} at {@code offset}. The buffer may be an expandable one: write with its
     * ordinary {@code put} methods and it grows as needed.
     *
     * @return the number of bytes written.
     */
    int encode(T value, MutableDirectBuffer buffer, int offset);

    /**
     * Reads a value from {@code length} bytes at {@code offset}. The bytes may come from another
     * process: a codec checks them and throws {@link CodecException} rather than misread them.
     */
    T decode(DirectBuffer buffer, int offset, int length);

    /**
     * @return the exact encoded length of every value, or -1 when lengths vary.
     */
    default int fixedLength()
    {
        return -1;
    }
}
