package io.mmipc.agrona.map;

import io.mmipc.ListOptions;
import io.mmipc.codec.Codec;
import io.mmipc.codec.CodecRef;

import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.util.Objects;

/**
 * What a list's {@link io.mmipc.internal.spi.Handle} carries in its codec slot: the elements'
 * codec ({@link CodecRef}) and the capacity, which re-opening checks against the file. Equal when
 * the codec ids and capacities are, as {@link DictShape}.
 */
record ListShape(Serializable codec, int maxElements, int maxElementBytes, long dataBytes, int blockBytes)
    implements Serializable
{
    ListShape
    {
        Objects.requireNonNull(codec, "codec");
    }

    /**
     * @param owner the list being serialized, for the message of a codec that cannot travel.
     */
    static ListShape of(final Codec<?> codec, final ListOptions options, final Object owner)
        throws NotSerializableException
    {
        return new ListShape(CodecRef.of(codec, owner), options.maxElements(), options.maxElementBytes(),
            options.dataBytes(), options.blockBytes());
    }

    /**
     * @throws IllegalArgumentException naming the value when a capacity is out of range.
     */
    ListOptions options()
    {
        return ListOptions.defaults().maxElements(maxElements).maxElementBytes(maxElementBytes).dataBytes(dataBytes)
            .blockBytes(blockBytes);
    }

    <T> Codec<T> elementCodec() throws InvalidObjectException
    {
        return CodecRef.resolve(codec);
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof ListShape other && idOf(codec).equals(idOf(other.codec)) &&
            maxElements == other.maxElements && maxElementBytes == other.maxElementBytes &&
            dataBytes == other.dataBytes && blockBytes == other.blockBytes;
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(idOf(codec), maxElements, maxElementBytes, dataBytes, blockBytes);
    }

    private static Object idOf(final Serializable ref)
    {
        return ref instanceof Codec<?> c ? c.id() : ref;
    }
}
