package io.mmipc.internal;

import io.mmipc.codec.SerialFilter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * Java serialization that names the class an allow-list refuses. The JDK's own refusal says only
 * "filter status: REJECTED"; these streams say which class, on both sides:
 * <ul>
 *   <li>{@link #write}: the sender checks every class it writes against the receiver's
 *   {@link SerialFilter}, so a value the receiver would refuse fails here, before it is sent. It
 *   checks classes as the receiver does (one check per class descriptor, arrays by their element
 *   type); the receiver's bounds on depth, references and array length it leaves to the receiver.</li>
 *   <li>{@link #read}: the receiver records the first class (or bound) its filter refused.</li>
 * </ul>
 */
public final class FilteredSerialization
{
    private FilteredSerialization()
    {
    }

    /**
     * A class, or a stream past the filter's bounds, that an allow-list refused.
     */
    public static final class RefusedException extends InvalidClassException
    {
        private static final long serialVersionUID = 1L;

        private final String refusedClass;

        RefusedException(final String refusedClass, final String what)
        {
            super(what);
            this.refusedClass = refusedClass;
        }

        /**
         * @return the refused class's name, or null when a bound (depth, references, array length) was passed.
         */
        public String refusedClass()
        {
            return refusedClass;
        }

        /**
         * @return the refused class's package, or "" for the default package or no class.
         */
        public String refusedPackage()
        {
            final int dot = refusedClass == null ? -1 : refusedClass.lastIndexOf('.');
            return dot < 0 ? "" : refusedClass.substring(0, dot);
        }
    }

    /**
     * @throws RefusedException naming the first class {@code filter} refuses.
     * @throws IOException when a value cannot be serialized ({@link java.io.NotSerializableException}).
     */
    public static byte[] write(final Object value, final SerialFilter filter) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        final CheckingOutputStream out = new CheckingOutputStream(bytes, filter);
        try (out)
        {
            out.writeObject(value);
        }
        if (out.refused != null)
        {
            throw new RefusedException(out.refused, "class " + out.refused + " is not in the allow-list");
        }
        return bytes.toByteArray();
    }

    /**
     * @throws RefusedException naming the first class (or bound) {@code filter} refused.
     */
    public static Object read(final byte[] bytes, final ObjectInputFilter filter)
        throws IOException, ClassNotFoundException
    {
        final RecordingFilter recording = new RecordingFilter(filter);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)))
        {
            in.setObjectInputFilter(recording);
            return in.readObject();
        }
        catch (final InvalidClassException ex)
        {
            if (recording.refusedClass != null || recording.refusedBound != null)
            {
                final RefusedException refused = new RefusedException(recording.refusedClass,
                    recording.refusedClass != null ? "class " + recording.refusedClass + " is not in the allow-list" :
                        "the stream is past the allow-list's bounds: " + recording.refusedBound);
                refused.initCause(ex);
                throw refused;
            }
            throw ex;
        }
    }

    /**
     * Records the first refused class rather than throwing: a stream that fails writes the exception
     * into itself (its class would be checked too), and what failed it must be the one reported.
     */
    private static final class CheckingOutputStream extends ObjectOutputStream
    {
        private final SerialFilter filter;
        private String refused;

        CheckingOutputStream(final ByteArrayOutputStream out, final SerialFilter filter) throws IOException
        {
            super(out);
            this.filter = filter;
        }

        // Called once per class descriptor written: exactly the classes the reader's filter sees.
        @Override
        protected void annotateClass(final Class<?> type)
        {
            check(type);
        }

        @Override
        protected void annotateProxyClass(final Class<?> type)
        {
            check(type);
        }

        private void check(final Class<?> type)
        {
            if (refused == null && !filter.admits(type))
            {
                refused = elementType(type).getName();
            }
        }
    }

    /**
     * @return an array's element type (the filter judges arrays by it), else {@code type}.
     */
    static Class<?> elementType(final Class<?> type)
    {
        Class<?> element = type;
        while (element.isArray())
        {
            element = element.getComponentType();
        }
        return element;
    }

    /**
     * @return {@code type} as the first object of a small stream: what the filter says of the class alone.
     */
    static ObjectInputFilter.FilterInfo alone(final Class<?> type)
    {
        return new ObjectInputFilter.FilterInfo()
        {
            @Override
            public Class<?> serialClass()
            {
                return type;
            }

            @Override
            public long arrayLength()
            {
                return -1;
            }

            @Override
            public long depth()
            {
                return 1;
            }

            @Override
            public long references()
            {
                return 1;
            }

            @Override
            public long streamBytes()
            {
                return 0;
            }
        };
    }

    /**
     * @return the {@code max...} limits of a JDK pattern filter ("maxdepth=64;maxrefs=..."), from its spec.
     */
    static String bounds(final ObjectInputFilter filter)
    {
        final StringBuilder limits = new StringBuilder();
        for (final String part : String.valueOf(filter).split(";"))
        {
            if (part.startsWith("max"))
            {
                limits.append(limits.length() == 0 ? "" : ";").append(part);
            }
        }
        return limits.length() == 0 ? "none named" : limits.toString();
    }

    private static final class RecordingFilter implements ObjectInputFilter
    {
        private final ObjectInputFilter delegate;
        private String refusedClass;
        private String refusedBound;

        RecordingFilter(final ObjectInputFilter delegate)
        {
            this.delegate = delegate;
        }

        @Override
        public Status checkInput(final FilterInfo info)
        {
            final Status status = delegate.checkInput(info);
            if (status == Status.REJECTED && refusedClass == null && refusedBound == null)
            {
                final Class<?> type = info.serialClass();
                if (type != null && delegate.checkInput(alone(type)) == Status.REJECTED)
                {
                    refusedClass = elementType(type).getName();
                }
                else if (delegate instanceof SerialFilter.Checker checker && checker.refusal() != null)
                {
                    refusedBound = checker.refusal() + " (bounds: " + bounds(delegate) + ")";
                }
                else
                {
                    refusedBound = "depth " + info.depth() + ", references " + info.references() +
                        ", array length " + info.arrayLength() + ", stream bytes " + info.streamBytes() +
                        (type == null ? "" : ", at a " + type.getName()) + " (bounds: " + bounds(delegate) + ")";
                }
            }
            return status;
        }
    }
}
