package io.mmipc.codec;

import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An allow-list and limits for Java deserialization. Bytes in a shared file are input like any
 * other: another process, a bug or a crash can leave anything there, so a decoder admits only the
 * classes it expects, and refuses a stream that would take more memory or time than its size
 * justifies.
 * <p>
 * The defaults admit the value classes of {@code java.lang}, {@code java.util}, {@code java.time}
 * and {@code java.math}, {@link java.lang.invoke.SerializedLambda} (for tasks) and mmipc's own
 * classes. Extend it with {@link #allowPackage}, {@link #allowClass} or {@link #allowPattern}:
 * <pre>{@code
 * SerialFilter filter = SerialFilter.defaults().allowPackage("com.acme.orders").maxDepth(32);
 * }</pre>
 * <b>Limits</b> (each refusal is a {@link CodecException} naming the limit and the value):
 * <ul>
 *   <li>{@link #maxStreamBytes} ({@value #DEFAULT_MAX_STREAM_BYTES} by default): the longest stream.</li>
 *   <li>{@link #maxDepth} ({@value #DEFAULT_MAX_DEPTH}): how deep objects nest. Each level can
 *   double the work of a crafted stream (nested {@code HashSet}s whose hash codes recurse), so
 *   raise it with care.</li>
 *   <li>{@link #maxReferences} ({@value #DEFAULT_MAX_REFERENCES}): objects and back-references.</li>
 *   <li>{@link #maxArrayLength} ({@value #DEFAULT_MAX_ARRAY_LENGTH}): elements of one array.</li>
 *   <li>And always, whatever the limits: a primitive array must fit in the stream that declares it
 *   (a 27-byte stream cannot declare a {@code long[400000000]}), and all the arrays of one stream,
 *   collections' tables included, take at most {@value #ARRAY_BYTES_PER_STREAM_BYTE} bytes of
 *   memory per byte of the stream, plus {@value #ARRAY_BYTES_FLOOR}.</li>
 * </ul>
 */
public final class SerialFilter implements Serializable
{
    private static final long serialVersionUID = 2L;

    public static final long DEFAULT_MAX_STREAM_BYTES = 256L << 20;
    public static final long DEFAULT_MAX_DEPTH = 20;
    public static final long DEFAULT_MAX_REFERENCES = 1_000_000;
    public static final long DEFAULT_MAX_ARRAY_LENGTH = 64L << 20;
    /** Memory all arrays of a stream may take, per byte of the stream. */
    public static final int ARRAY_BYTES_PER_STREAM_BYTE = 8;
    /** Memory all arrays of a stream may take in any case. */
    public static final int ARRAY_BYTES_FLOOR = 64 << 10;

    private static final int REFERENCE_BYTES = 4;

    private static final List<String> DEFAULT_PATTERNS = List.of(
        "java.lang.*",
        "java.lang.invoke.SerializedLambda",
        "java.util.*",
        "java.time.*",
        "java.math.*",
        "io.mmipc.**");

    private final List<String> patterns;
    private final long maxStreamBytes;
    private final long maxDepth;
    private final long maxReferences;
    private final long maxArrayLength;
    private final transient ObjectInputFilter classes;

    private SerialFilter(
        final List<String> patterns,
        final long maxStreamBytes,
        final long maxDepth,
        final long maxReferences,
        final long maxArrayLength)
    {
        this.patterns = List.copyOf(patterns);
        this.maxStreamBytes = maxStreamBytes;
        this.maxDepth = maxDepth;
        this.maxReferences = maxReferences;
        this.maxArrayLength = maxArrayLength;
        this.classes = ObjectInputFilter.Config.createFilter(
            (this.patterns.isEmpty() ? "" : String.join(";", this.patterns) + ";") + "!*");
    }

    /**
     * @return the default allow-list and limits (immutable: the other methods return new filters).
     */
    public static SerialFilter defaults()
    {
        return of(DEFAULT_PATTERNS.toArray(new String[0]));
    }

    /**
     * @return a filter with the default limits that admits only what {@code patterns} admit (JDK
     *         filter syntax, without the final {@code !*}, which is always added).
     */
    public static SerialFilter of(final String... patterns)
    {
        for (final String pattern : patterns)
        {
            checkPattern(pattern);
        }
        return new SerialFilter(List.of(patterns), DEFAULT_MAX_STREAM_BYTES, DEFAULT_MAX_DEPTH,
            DEFAULT_MAX_REFERENCES, DEFAULT_MAX_ARRAY_LENGTH);
    }

    /**
     * @return this filter, also admitting the classes of {@code packageName} and its subpackages.
     */
    public SerialFilter allowPackage(final String packageName)
    {
        return allowPattern(Objects.requireNonNull(packageName, "packageName") + ".**");
    }

    /**
     * @return this filter, also admitting {@code type}.
     */
    public SerialFilter allowClass(final Class<?> type)
    {
        return allowPattern(type.getName());
    }

    /**
     * @return this filter, also admitting what the JDK filter pattern admits ({@code com.acme.*}).
     */
    public SerialFilter allowPattern(final String pattern)
    {
        checkPattern(pattern);
        final List<String> more = new ArrayList<>(patterns);
        more.add(pattern);
        return new SerialFilter(more, maxStreamBytes, maxDepth, maxReferences, maxArrayLength);
    }

    /**
     * @return this filter, refusing streams longer than {@code bytes}.
     */
    public SerialFilter maxStreamBytes(final long bytes)
    {
        return new SerialFilter(patterns, positive("maxStreamBytes", bytes), maxDepth, maxReferences, maxArrayLength);
    }

    /**
     * @return this filter, refusing objects nested deeper than {@code depth}.
     */
    public SerialFilter maxDepth(final long depth)
    {
        return new SerialFilter(patterns, maxStreamBytes, positive("maxDepth", depth), maxReferences, maxArrayLength);
    }

    /**
     * @return this filter, refusing streams with more than {@code count} objects and back-references.
     */
    public SerialFilter maxReferences(final long count)
    {
        return new SerialFilter(patterns, maxStreamBytes, maxDepth, positive("maxReferences", count), maxArrayLength);
    }

    /**
     * @return this filter, refusing arrays of more than {@code length} elements.
     */
    public SerialFilter maxArrayLength(final long length)
    {
        return new SerialFilter(patterns, maxStreamBytes, maxDepth, maxReferences, positive("maxArrayLength", length));
    }

    public long maxStreamBytes()
    {
        return maxStreamBytes;
    }

    public long maxDepth()
    {
        return maxDepth;
    }

    public long maxReferences()
    {
        return maxReferences;
    }

    public long maxArrayLength()
    {
        return maxArrayLength;
    }

    /**
     * @return a filter for any number of streams: the allow-list and the limits, arrays bounded
     *         as if each stream were {@link #maxStreamBytes} long. Prefer {@link #checker(long)}.
     */
    public ObjectInputFilter toObjectInputFilter()
    {
        return new Checker(this, maxStreamBytes, false);
    }

    /**
     * @param streamLength the length of the one stream the checker will see.
     * @return a filter for that one stream, which also bounds its arrays by its length and
     *         remembers why it refused ({@link Checker#refusal()}).
     */
    public Checker checker(final long streamLength)
    {
        return new Checker(this, streamLength, true);
    }

    /**
     * @return the patterns admitted (without the final {@code !*}).
     */
    public List<String> patterns()
    {
        return patterns;
    }

    /**
     * @return true when a stream may hold an object of {@code type}.
     */
    public boolean admits(final Class<?> type)
    {
        Class<?> component = type;
        while (component.isArray())
        {
            component = component.getComponentType();
        }
        return component.isPrimitive() || classes.checkInput(new Info(component, -1, 1, 1, 0)) ==
            ObjectInputFilter.Status.ALLOWED;
    }

    /**
     * @return the filter in the JDK's syntax: limits, allowed patterns, then {@code !*}.
     */
    public String spec()
    {
        return "maxbytes=" + maxStreamBytes + ";maxdepth=" + maxDepth + ";maxrefs=" + maxReferences +
            ";maxarray=" + maxArrayLength + ";" + (patterns.isEmpty() ? "" : String.join(";", patterns) + ";") + "!*";
    }

    /**
     * The inverse of {@link #spec()}: how a child JVM gets its parent's filter back from a system
     * property, so that its streams get the same per-stream {@link #checker(long)}.
     *
     * @throws IllegalArgumentException naming the first part that {@link #spec()} would not write.
     */
    public static SerialFilter fromSpec(final String spec)
    {
        final String[] parts = Objects.requireNonNull(spec, "spec").split(";", -1);
        if (parts.length < 5 || !"!*".equals(parts[parts.length - 1]))
        {
            throw new IllegalArgumentException("filter spec \"" + spec + "\" is not one SerialFilter.spec() writes: " +
                "it must be four limits, the patterns, then !*");
        }
        final long[] limits = new long[4];
        final String[] keys = {"maxbytes=", "maxdepth=", "maxrefs=", "maxarray="};
        for (int i = 0; i < keys.length; i++)
        {
            if (!parts[i].startsWith(keys[i]))
            {
                throw new IllegalArgumentException("filter spec part " + i + " \"" + parts[i] + "\" must start with " +
                    keys[i]);
            }
            try
            {
                limits[i] = positive(keys[i].substring(0, keys[i].length() - 1),
                    Long.parseLong(parts[i].substring(keys[i].length())));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("filter spec part \"" + parts[i] + "\" is not a number", ex);
            }
        }
        final List<String> patterns = new ArrayList<>();
        for (int i = keys.length; i < parts.length - 1; i++)
        {
            checkPattern(parts[i]);
            patterns.add(parts[i]);
        }
        return new SerialFilter(patterns, limits[0], limits[1], limits[2], limits[3]);
    }

    /**
     * Rebuilds the JDK filter, which is not serializable, from the patterns.
     */
    private Object readResolve()
    {
        return new SerialFilter(patterns, maxStreamBytes, maxDepth, maxReferences, maxArrayLength);
    }

    @Override
    public String toString()
    {
        return spec();
    }

    private static void checkPattern(final String pattern)
    {
        if (pattern == null || pattern.isBlank() || pattern.contains(";") || pattern.startsWith("!") ||
            pattern.contains("="))
        {
            throw new IllegalArgumentException("allow pattern \"" + pattern + "\" must be one positive JDK filter pattern");
        }
    }

    private static long positive(final String what, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
        return value;
    }

    /**
     * The filter of one stream (or, from {@link #toObjectInputFilter()}, of any number): refuses
     * what the allow-list or a limit refuses, and remembers the first refusal in words.
     */
    public static final class Checker implements ObjectInputFilter
    {
        private final SerialFilter filter;
        private final long streamLength;
        private final boolean oneStream;
        private final long arrayBytesBudget;
        private long arrayBytes;
        private String refusal;

        private Checker(final SerialFilter filter, final long streamLength, final boolean oneStream)
        {
            this.filter = filter;
            this.streamLength = streamLength;
            this.oneStream = oneStream;
            this.arrayBytesBudget = ARRAY_BYTES_FLOOR + ARRAY_BYTES_PER_STREAM_BYTE * Math.max(0, streamLength);
        }

        /**
         * @return why this checker refused the stream ("class java.net.Socket is not allowed",
         *         "depth 21 exceeds maxDepth 20"), or null when it refused nothing.
         */
        public String refusal()
        {
            return refusal;
        }

        @Override
        public String toString()
        {
            return filter.spec();
        }

        @Override
        public Status checkInput(final FilterInfo info)
        {
            final String problem = problem(info);
            if (problem == null)
            {
                return Status.ALLOWED;
            }
            if (refusal == null && oneStream)
            {
                refusal = problem;
            }
            return Status.REJECTED;
        }

        private String problem(final FilterInfo info)
        {
            if (info.streamBytes() > filter.maxStreamBytes)
            {
                return "the stream is past " + info.streamBytes() + " bytes, over maxStreamBytes " +
                    filter.maxStreamBytes + " (SerialFilter.maxStreamBytes)";
            }
            if (info.depth() > filter.maxDepth)
            {
                return "objects nest " + info.depth() + " deep, over maxDepth " + filter.maxDepth +
                    " (SerialFilter.maxDepth)";
            }
            if (info.references() > filter.maxReferences)
            {
                return "the stream holds " + info.references() + " references, over maxReferences " +
                    filter.maxReferences + " (SerialFilter.maxReferences)";
            }
            final Class<?> type = info.serialClass();
            if (type == null)
            {
                return null;
            }
            if (type.isArray() && info.arrayLength() >= 0)
            {
                final String arrayProblem = arrayProblem(type, info.arrayLength());
                if (arrayProblem != null)
                {
                    return arrayProblem;
                }
            }
            Class<?> component = type;
            while (component.isArray())
            {
                component = component.getComponentType();
            }
            if (!component.isPrimitive() && filter.classes.checkInput(info) != Status.ALLOWED)
            {
                return "class " + component.getName() + " is not in the allow-list (allow it with " +
                    "SerialFilter.allowClass or allowPackage; filter: " + filter.spec() + ")";
            }
            return null;
        }

        private String arrayProblem(final Class<?> type, final long length)
        {
            final String what = "an array of " + length + " " + type.getComponentType().getName();
            if (length > filter.maxArrayLength)
            {
                return what + " is over maxArrayLength " + filter.maxArrayLength + " (SerialFilter.maxArrayLength)";
            }
            final Class<?> element = type.getComponentType();
            final long elementBytes = element.isPrimitive() ? primitiveBytes(element) : REFERENCE_BYTES;
            final long bytes = length * elementBytes;
            if (element.isPrimitive() && bytes > streamLength)
            {
                return what + " needs " + bytes + " bytes of data, more than the " + streamLength + "-byte stream" +
                    (oneStream ? "" : " (maxStreamBytes)") + " holds";
            }
            if (oneStream)
            {
                arrayBytes += bytes;
                if (arrayBytes > arrayBytesBudget)
                {
                    return what + " brings the stream's arrays to " + arrayBytes + " bytes of memory, more than " +
                        ARRAY_BYTES_PER_STREAM_BYTE + " per byte of its " + streamLength + " bytes (plus " +
                        ARRAY_BYTES_FLOOR + ")";
                }
            }
            else if (bytes > arrayBytesBudget)
            {
                return what + " takes " + bytes + " bytes of memory, more than " + ARRAY_BYTES_PER_STREAM_BYTE +
                    " per byte of maxStreamBytes " + streamLength;
            }
            return null;
        }

        private static long primitiveBytes(final Class<?> type)
        {
            if (type == long.class || type == double.class)
            {
                return 8;
            }
            if (type == int.class || type == float.class)
            {
                return 4;
            }
            if (type == short.class || type == char.class)
            {
                return 2;
            }
            return 1;
        }
    }

    private record Info(Class<?> serialClass, long arrayLength, long depth, long references, long streamBytes)
        implements ObjectInputFilter.FilterInfo
    {
    }
}
