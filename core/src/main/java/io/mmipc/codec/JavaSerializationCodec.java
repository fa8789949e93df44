package io.mmipc.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.io.DirectBufferInputStream;
import org.agrona.io.ExpandableDirectBufferOutputStream;

import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * Java serialization with an {@link SerialFilter} on every decode. Serializable itself (with its
 * filter), so a queue's handle can carry it to a child JVM.
 */
final class JavaSerializationCodec<T extends Serializable> implements Codec<T>, Serializable
{
    private static final long serialVersionUID = 1L;

    private final SerialFilter filter;

    JavaSerializationCodec(final SerialFilter filter)
    {
        this.filter = filter;
    }

    @Override
    public String id()
    {
        return "java";
    }

    @Override
    public int encode(final T value, final MutableDirectBuffer buffer, final int offset)
    {
        final ExpandableDirectBufferOutputStream out = new ExpandableDirectBufferOutputStream(buffer, offset);
        try (ObjectOutputStream oos = new ObjectOutputStream(out))
        {
            oos.writeObject(value);
        }
        catch (final NotSerializableException ex)
        {
            throw new CodecException("cannot serialize " + describe(value) + ": " + ex.getMessage() +
                " does not implement java.io.Serializable", ex);
        }
        catch (final IOException ex)
        {
            throw new CodecException("cannot serialize " + describe(value) + ": " + ex, ex);
        }
        return out.position();
    }

    /**
     * Decodes through a {@link SerialFilter.Checker} for this one stream: a stream longer than the
     * filter allows is refused before a byte is read, and anything the filter refuses on the way is
     * a {@link CodecException} that says which class or limit, and the value.
     */
    @Override
    @SuppressWarnings("unchecked")
    public T decode(final DirectBuffer buffer, final int offset, final int length)
    {
        Codecs.checkRange(id(), buffer, offset, length);
        if (length > filter.maxStreamBytes())
        {
            throw new CodecException("refused to deserialize " + length + " bytes: longer than maxStreamBytes " +
                filter.maxStreamBytes() + " (SerialFilter.maxStreamBytes)");
        }
        final SerialFilter.Checker checker = filter.checker(length);
        try (ObjectInputStream in = new ObjectInputStream(new DirectBufferInputStream(buffer, offset, length)))
        {
            in.setObjectInputFilter(checker);
            return (T)in.readObject();
        }
        catch (final InvalidClassException ex)
        {
            throw new CodecException("refused to deserialize " + length + " bytes: " +
                (checker.refusal() != null ? checker.refusal() : "class " + ex.classname + " (" + ex.getMessage() +
                "); filter: " + filter), ex);
        }
        catch (final IOException | ClassNotFoundException | RuntimeException ex)
        {
            // A crafted stream can make a class's readObject throw anything: all of it is bad input.
            throw new CodecException("cannot deserialize " + length + " bytes: " + ex, ex);
        }
    }

    private static String describe(final Object value)
    {
        return value == null ? "null" : "a " + value.getClass().getName();
    }
}
