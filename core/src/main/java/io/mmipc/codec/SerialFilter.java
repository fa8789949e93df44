package io.mmipc.codec;

import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An allow-list for Java deserialization. Bytes in a shared file are input like any other: another
 * process, a bug or a crash can leave anything there, so a decoder admits only the classes it
 * expects and refuses the rest.
 * <p>
 * The defaults admit the value classes of {@code java.lang}, {@code java.util}, {@code java.time}
 * and {@code java.math}, {@link java.lang.invoke.SerializedLambda} (for tasks) and mmipc's own
 * classes, with bounds on depth, references and array length. Extend it with
 * {@link #allowPackage}, {@link #allowClass} or {@link #allowPattern}:
 * <pre>{@code
 * SerialFilter filter = SerialFilter.defaults().allowPackage("com.acme.orders");
 * }</pre>
 */
public final class SerialFilter implements Serializable
{
    private static final long serialVersionUID = 1L;

    private static final List<String> DEFAULT_PATTERNS = List.of(
        "java.lang.*",
        "java.lang.invoke.SerializedLambda",
        "java.util.*",
        "java.time.*",
        "java.math.*",
        "io.mmipc.**");

    private final List<String> patterns;
    private final String limits;
    private final transient ObjectInputFilter filter;

    private SerialFilter(final List<String> patterns, final String limits)
    {
        this.patterns = List.copyOf(patterns);
        this.limits = limits;
        this.filter = ObjectInputFilter.Config.createFilter(spec());
    }

    /**
     * @return the default allow-list (immutable: the {@code allow*} methods return new filters).
     */
    public static SerialFilter defaults()
    {
        return new SerialFilter(DEFAULT_PATTERNS, "maxdepth=64;maxrefs=10000000;maxarray=536870912");
    }

    /**
     * @return a filter that admits only what {@code patterns} admit (JDK filter syntax, without the
     *         final {@code !*}, which is always added).
     */
    public static SerialFilter of(final String... patterns)
    {
        return new SerialFilter(List.of(patterns), "maxdepth=64;maxrefs=10000000;maxarray=536870912");
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
        if (pattern.isBlank() || pattern.contains(";") || pattern.startsWith("!"))
        {
            throw new IllegalArgumentException("allow pattern \"" + pattern + "\" must be one positive JDK filter pattern");
        }
        final List<String> more = new ArrayList<>(patterns);
        more.add(pattern);
        return new SerialFilter(more, limits);
    }

    public ObjectInputFilter toObjectInputFilter()
    {
        return filter;
    }

    /**
     * @return the patterns admitted beyond the limits (without the final {@code !*}).
     */
    public java.util.List<String> patterns()
    {
        return patterns;
    }

    /**
     * @return true when a stream may hold an object of {@code type}.
     */
    public boolean admits(final Class<?> type)
    {
        return filter.checkInput(new ObjectInputFilter.FilterInfo()
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
        }) != ObjectInputFilter.Status.REJECTED;
    }

    /**
     * @return the JDK filter string: limits, allowed patterns, then {@code !*}.
     */
    public String spec()
    {
        return limits + ";" + String.join(";", patterns) + ";!*";
    }

    /**
     * Rebuilds the JDK filter, which is not serializable, from the patterns.
     */
    private Object readResolve()
    {
        return new SerialFilter(patterns, limits);
    }

    @Override
    public String toString()
    {
        return spec();
    }
}
