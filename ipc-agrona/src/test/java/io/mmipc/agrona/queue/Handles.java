package io.mmipc.agrona.queue;

import io.mmipc.codec.Codec;
import io.mmipc.codec.Codecs;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.Serializable;
import java.util.Base64;

/**
 * Passes shared objects to child JVMs the way the Process issue will: Java serialization (through
 * the filtered codec), as a command-line argument.
 */
public final class Handles
{
    private static final Codec<Serializable> JAVA = Codecs.java();

    private Handles()
    {
    }

    public static String encode(final Object shared)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final int length = JAVA.encode((Serializable)shared, buffer, 0);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @SuppressWarnings("unchecked")
    public static <T> T decode(final String text)
    {
        final byte[] bytes = Base64.getDecoder().decode(text);
        return (T)JAVA.decode(new UnsafeBuffer(bytes), 0, bytes.length);
    }
}
