package io.mmipc.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * The built-in codecs.
 */
public final class Codecs
{
    private static final Codec<byte[]> BYTES = new Codec<>()
    {
        @Override
        public String id()
        {
            return "bytes";
        }

        @Override
        public int encode(final byte[] value, final MutableDirectBuffer buffer, final int offset)
        {
            buffer.putBytes(offset, value);
            return value.length;
        }

        @Override
        public byte[] decode(final DirectBuffer buffer, final int offset, final int length)
        {
            checkRange(id(), buffer, offset, length);
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            return bytes;
        }
    };

    private static final Codec<String> UTF8 = new Codec<>()
    {
        @Override
        public String id()
        {
            return "utf8";
        }

        @Override
        public int encode(final String value, final MutableDirectBuffer buffer, final int offset)
        {
            final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            buffer.putBytes(offset, bytes);
            return bytes.length;
        }

        @Override
        public String decode(final DirectBuffer buffer, final int offset, final int length)
        {
            checkRange(id(), buffer, offset, length);
            return buffer.getStringWithoutLengthUtf8(offset, length);
        }
    };

    private static final Codec<Integer> INT32 = new Fixed<>("int32", Integer.BYTES)
    {
        @Override
        public int encode(final Integer value, final MutableDirectBuffer buffer, final int offset)
        {
            buffer.putInt(offset, value);
            return Integer.BYTES;
        }

        @Override
        Integer read(final DirectBuffer buffer, final int offset)
        {
            return buffer.getInt(offset);
        }
    };

    private static final Codec<Long> INT64 = new Fixed<>("int64", Long.BYTES)
    {
        @Override
        public int encode(final Long value, final MutableDirectBuffer buffer, final int offset)
        {
            buffer.putLong(offset, value);
            return Long.BYTES;
        }

        @Override
        Long read(final DirectBuffer buffer, final int offset)
        {
            return buffer.getLong(offset);
        }
    };

    private static final Codec<Double> FLOAT64 = new Fixed<>("float64", Double.BYTES)
    {
        @Override
        public int encode(final Double value, final MutableDirectBuffer buffer, final int offset)
        {
            buffer.putDouble(offset, value);
            return Double.BYTES;
        }

        @Override
        Double read(final DirectBuffer buffer, final int offset)
        {
            return buffer.getDouble(offset);
        }
    };

    private Codecs()
    {
    }

    /** Byte arrays as they are. */
    public static Codec<byte[]> bytes()
    {
        return BYTES;
    }

    /** Strings as UTF-8. */
    public static Codec<String> utf8()
    {
        return UTF8;
    }

    /** 32-bit integers, little-endian. */
    public static Codec<Integer> int32()
    {
        return INT32;
    }

    /** 64-bit integers, little-endian. */
    public static Codec<Long> int64()
    {
        return INT64;
    }

    /** 64-bit IEEE doubles, little-endian. */
    public static Codec<Double> float64()
    {
        return FLOAT64;
    }

    /**
     * @return the built-in codec whose {@link Codec#id()} is {@code id} ("bytes", "utf8", "int32",
     *         "int64", "float64"), or null. Handles of shared objects name such codecs by id.
     */
    public static Codec<?> builtIn(final String id)
    {
        switch (id)
        {
            case "bytes":
                return BYTES;
            case "utf8":
                return UTF8;
            case "int32":
                return INT32;
            case "int64":
                return INT64;
            case "float64":
                return FLOAT64;
            default:
                return null;
        }
    }

    /**
     * Java serialization, decoding only classes {@link SerialFilter#defaults()} admits.
     */
    public static <T extends Serializable> Codec<T> java()
    {
        return new JavaSerializationCodec<>(SerialFilter.defaults());
    }

    /**
     * Java serialization, decoding only the classes {@code filter} admits.
     */
    public static <T extends Serializable> Codec<T> java(final SerialFilter filter)
    {
        return new JavaSerializationCodec<>(filter);
    }

    /**
     * @throws CodecException naming the codec, offset, length and capacity, when the bytes to
     *                        decode are not all inside {@code buffer}.
     */
    static void checkRange(final String codecId, final DirectBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || length < 0 || offset > buffer.capacity() - length)
        {
            throw new CodecException(codecId + " codec: offset " + offset + " and length " + length +
                " are not inside the " + buffer.capacity() + "-byte buffer");
        }
    }

    private abstract static class Fixed<T> implements Codec<T>
    {
        private final String id;
        private final int length;

        Fixed(final String id, final int length)
        {
            this.id = id;
            this.length = length;
        }

        @Override
        public String id()
        {
            return id;
        }

        @Override
        public int fixedLength()
        {
            return length;
        }

        @Override
        public T decode(final DirectBuffer buffer, final int offset, final int actual)
        {
            if (actual != length)
            {
                throw new CodecException(id + " value must be " + length + " bytes, got " + actual);
            }
            checkRange(id, buffer, offset, length);
            return read(buffer, offset);
        }

        abstract T read(DirectBuffer buffer, int offset);
    }
}
