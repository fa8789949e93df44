package io.mmipc.agrona.map;

import io.mmipc.MapOptions;
import io.mmipc.codec.Codec;
import io.mmipc.codec.CodecRef;

import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.util.Objects;

/**
 * What a dict's {@link io.mmipc.internal.spi.Handle} carries in its codec slot: the codecs of keys
 * and values ({@link CodecRef}: a serializable codec, or a built-in one's id) and the capacity,
 * all of which re-opening checks against the file.
 * <p>
 * Two shapes are equal when their codec ids and capacities are: a serializable codec arrives as a
 * new instance with each handle, and the per-JVM cache of handles must still find the map it
 * opened for the first.
 */
record DictShape(Serializable keys, Serializable values, int maxEntries, int maxKeyBytes, int maxValueBytes,
    long dataBytes, int stripes, int blockBytes) implements Serializable
{
    DictShape
    {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(values, "values");
    }

    /**
     * @param owner the map being serialized, for the message of a codec that cannot travel.
     */
    static DictShape of(final Codec<?> keys, final Codec<?> values, final MapOptions options, final Object owner)
        throws NotSerializableException
    {
        return new DictShape(CodecRef.of(keys, owner), CodecRef.of(values, owner), options.maxEntries(),
            options.maxKeyBytes(), options.maxValueBytes(), options.dataBytes(), options.stripes(),
            options.blockBytes());
    }

    /**
     * @throws IllegalArgumentException naming the value when a capacity is out of range.
     */
    MapOptions options()
    {
        return MapOptions.defaults().maxEntries(maxEntries).maxKeyBytes(maxKeyBytes).maxValueBytes(maxValueBytes)
            .dataBytes(dataBytes).stripes(stripes).blockBytes(blockBytes);
    }

    <K> Codec<K> keyCodec() throws InvalidObjectException
    {
        return CodecRef.resolve(keys);
    }

    <V> Codec<V> valueCodec() throws InvalidObjectException
    {
        return CodecRef.resolve(values);
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof DictShape other && idOf(keys).equals(idOf(other.keys)) &&
            idOf(values).equals(idOf(other.values)) && maxEntries == other.maxEntries &&
            maxKeyBytes == other.maxKeyBytes && maxValueBytes == other.maxValueBytes &&
            dataBytes == other.dataBytes && stripes == other.stripes && blockBytes == other.blockBytes;
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(idOf(keys), idOf(values), maxEntries, maxKeyBytes, maxValueBytes, dataBytes, stripes,
            blockBytes);
    }

    private static Object idOf(final Serializable ref)
    {
        return ref instanceof Codec<?> codec ? codec.id() : ref;
    }
}
