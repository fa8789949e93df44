package io.mmipc.codec;

import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.Serializable;

/**
 * How a shared object's handle names its codec on its way to another JVM: the codec itself when
 * it is {@link Serializable}, else the id of a built-in codec.
 */
public final class CodecRef
{
    private CodecRef()
    {
    }

    /**
     * @param owner the object being serialized, for the message.
     */
    public static Serializable of(final Codec<?> codec, final Object owner) throws NotSerializableException
    {
        if (codec instanceof Serializable serializable)
        {
            return serializable;
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
    public static <T> Codec<T> resolve(final Object ref) throws InvalidObjectException
    {
        if (ref instanceof Codec<?> codec)
        {
            return (Codec<T>)codec;
        }
        if (ref instanceof String id && Codecs.builtIn(id) != null)
        {
            return (Codec<T>)Codecs.builtIn(id);
        }
        throw new InvalidObjectException("unknown codec reference " + ref);
    }
}
