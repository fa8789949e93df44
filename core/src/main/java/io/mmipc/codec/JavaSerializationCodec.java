package io.mmipc.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.io.DirectBufferInputStream;
import org.agrona.io.ExpandableDirectBufferOutputStream;

import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
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

    @Override
    @SuppressWarnings("unchecked")
    public T decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final ObjectInputFilter base = filter.toObjectInputFilter();
        final String[] refused = new String[1];
        try (ObjectInputStream in = new ObjectInputStream(new DirectBufferInputStream(buffer, offset, length)))
        {
            in.setObjectInputFilter(info ->
            {
                final ObjectInputFilter.Status status = base.checkInput(info);
                if (status == ObjectInputFilter.Status.REJECTED && refused[0] == null)
                {
                    refused[0] = info.serialClass() != null ? "class " + info.serialClass().getName() :
                        "a stream past the limits (depth " + info.depth() + ", references " + info.references() +
                        ", array length " + info.arrayLength() + ")";
                }
                return status;
            });
            return (T)in.readObject();
        }
        catch (final InvalidClassException ex)
        {
            throw new CodecException("refused to deserialize " + (refused[0] != null ? refused[0] : ex.classname) +
                ": not in the allow-list (allow it with SerialFilter.allowClass or allowPackage; filter: " +
                filter + ")", ex);
        }
        catch (final IOException | ClassNotFoundException | ClassCastException ex)
        {
            throw new CodecException("cannot deserialize " + length + " bytes: " + ex, ex);
        }
    }

    private static String describe(final Object value)
    {
        return value == null ? "null" : "a " + value.getClass().getName();
    }
}
