package io.mmipc.agrona.queue;

import io.mmipc.codec.Codec;
import io.mmipc.codec.Codecs;

import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.Serializable;

/**
 * How a handle names its codec: the codec itself when it is {@link Serializable}, else the id of
 * a built-in codec.
 */
final class CodecRef
{
    private CodecRef()
    {
    }

    /**
     * @param owner the object being serialized, for the message.
     */
    static Serializable of(final Codec<?> codec, final String owner) throws NotSerializableException
    {
        if (codec instanceof Serializable)
        {
            return (Serializable)codec;
        }
        if (Codecs.builtIn(codec.id()) == codec)
        {
            return codec.id();
        }
        throw new NotSerializableException(owner + " cannot travel as a handle: its codec " +
            codec.getClass().getName() + " (id \"" + codec.id() + "\") is neither Serializable nor built-in; " +
            "make the codec implement java.io.Serializable");
    }

    @SuppressWarnings("unchecked")
    static <T> Codec<T> resolve(final Object ref) throws InvalidObjectException
    {
        if (ref instanceof Codec)
        {
            return (Codec<T>)ref;
        }
        if (ref instanceof String)
        {
            final Codec<?> codec = Codecs.builtIn((String)ref);
            if (codec != null)
            {
                return (Codec<T>)codec;
            }
        }
        throw new InvalidObjectException("unknown codec reference " + ref);
    }
}
