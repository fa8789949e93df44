package io.mmipc.internal.file;

import org.agrona.concurrent.AtomicBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a caller asks of a shared file: its kind, the parameters it must have, the length of its
 * body and how to initialise the body of a new file. On open, only the parameters the spec
 * names are compared; the rest are read from the file.
 */
public final class SharedFileSpec
{
    /** Fills the body of a new file before anyone else can see it. */
    @FunctionalInterface
    public interface BodyInitializer
    {
        /**
         * @param body the body alone: offset 0 is the first byte after the header.
         */
        void initialize(AtomicBuffer body);
    }

    private static final BodyInitializer ZEROED = body -> { };

    private final ObjectKind kind;
    private final long bodyLength;
    private final String[] paramNames = new String[SharedFileDescriptor.PARAM_COUNT];
    private final long[] params = new long[SharedFileDescriptor.PARAM_COUNT];
    private final String typeTag;
    private final BodyInitializer initializer;

    private SharedFileSpec(
        final ObjectKind kind,
        final long bodyLength,
        final String[] paramNames,
        final long[] params,
        final String typeTag,
        final BodyInitializer initializer)
    {
        this.kind = kind;
        this.bodyLength = bodyLength;
        System.arraycopy(paramNames, 0, this.paramNames, 0, paramNames.length);
        System.arraycopy(params, 0, this.params, 0, params.length);
        this.typeTag = typeTag;
        this.initializer = initializer;
    }

    /**
     * @param kind       what the file holds.
     * @param bodyLength bytes after the header for a new file; for an open, the least the file must have.
     */
    public static Builder builder(final ObjectKind kind, final long bodyLength)
    {
        return new Builder(kind, bodyLength);
    }

    public ObjectKind kind()
    {
        return kind;
    }

    public long bodyLength()
    {
        return bodyLength;
    }

    public long totalLength()
    {
        return SharedFileDescriptor.HEADER_LENGTH + bodyLength;
    }

    /**
     * @return the parameter's name, or null when this spec does not constrain it.
     */
    public String paramName(final int index)
    {
        return paramNames[index];
    }

    public long param(final int index)
    {
        return params[index];
    }

    /**
     * @return the type tag, or null when this spec does not constrain it.
     */
    public String typeTag()
    {
        return typeTag;
    }

    public BodyInitializer initializer()
    {
        return initializer;
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(kind.name()).append("{body=").append(bodyLength);
        for (int i = 0; i < paramNames.length; i++)
        {
            if (paramNames[i] != null)
            {
                sb.append(", ").append(paramNames[i]).append('=').append(params[i]);
            }
        }
        if (typeTag != null)
        {
            sb.append(", type=").append(typeTag);
        }
        return sb.append('}').toString();
    }

    public static final class Builder
    {
        private final ObjectKind kind;
        private final long bodyLength;
        private final String[] paramNames = new String[SharedFileDescriptor.PARAM_COUNT];
        private final long[] params = new long[SharedFileDescriptor.PARAM_COUNT];
        private String typeTag;
        private BodyInitializer initializer = ZEROED;

        private Builder(final ObjectKind kind, final long bodyLength)
        {
            this.kind = Objects.requireNonNull(kind, "kind");
            if (bodyLength < 0 || bodyLength > SharedFileDescriptor.MAX_TOTAL_LENGTH - SharedFileDescriptor.HEADER_LENGTH)
            {
                throw new IllegalArgumentException(
                    "body length " + bodyLength + " of a " + kind + " file not in [0, " +
                    (SharedFileDescriptor.MAX_TOTAL_LENGTH - SharedFileDescriptor.HEADER_LENGTH) + "]");
            }
            this.bodyLength = bodyLength;
        }

        /**
         * Constrains parameter {@code index}: a new file stores {@code value}; an open checks it.
         */
        public Builder param(final int index, final String name, final long value)
        {
            SharedFileDescriptor.paramOffset(index);
            paramNames[index] = Objects.requireNonNull(name, "name");
            params[index] = value;
            return this;
        }

        public Builder typeTag(final String tag)
        {
            if (tag != null && tag.getBytes(StandardCharsets.UTF_8).length > SharedFileDescriptor.TYPE_TAG_MAX_LENGTH)
            {
                throw new IllegalArgumentException(
                    "type tag \"" + tag + "\" is longer than " + SharedFileDescriptor.TYPE_TAG_MAX_LENGTH + " bytes");
            }
            this.typeTag = tag;
            return this;
        }

        public Builder initializer(final BodyInitializer initializer)
        {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        public SharedFileSpec build()
        {
            return new SharedFileSpec(kind, bodyLength, paramNames, params, typeTag, initializer);
        }
    }

    long[] paramsCopy()
    {
        return Arrays.copyOf(params, params.length);
    }
}
