package io.mmipc.internal.spi;

import io.mmipc.internal.file.Names;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.file.InvalidPathException;
import java.nio.file.Paths;
import java.util.Objects;

/**
 * What every shared object becomes when serialized, to travel into a child JVM, a Pool worker or
 * another process: which transport, directory and name, what kind, the one parameter re-opening
 * checks (array length, permits, parties, a timeout), the codec, and a related object (a
 * condition's lock). Deserializing it re-opens the object through its provider, once per JVM
 * ({@link Handles}); reading it creates nothing: the object is opened and checked when the handle
 * is resolved, and a handle that names nothing valid fails then, naming what it names.
 * <p>
 * The canonical constructor validates every field, so crafted bytes cannot make a handle that
 * names a path outside a directory or a kind with odd characters.
 *
 * @param transport the provider's transport ({@link ObjectProvider#SHARED_MEMORY}).
 * @param directory the absolute context directory (for a durable log, the log's own directory).
 * @param name      the object's name ({@link Names} rules).
 * @param kind      the provider's kind ("queue", "pipe", "lock", ...).
 * @param param     a kind-specific parameter, 0 when none.
 * @param codec     the codec reference ({@code io.mmipc.codec.CodecRef}), or null.
 * @param related   what else re-opening needs (a condition's lock handle, a log's retention rule), or null.
 */
public record Handle(String transport, String directory, String name, String kind, long param,
    Serializable codec, Serializable related) implements Serializable
{
    private static final int MAX_DIRECTORY_LENGTH = 4096;

    public Handle
    {
        checkWord("transport", transport);
        checkWord("kind", kind);
        Objects.requireNonNull(directory, "directory");
        if (directory.length() > MAX_DIRECTORY_LENGTH || directory.indexOf('\0') >= 0)
        {
            throw new IllegalArgumentException("handle directory is not a path: length " + directory.length());
        }
        try
        {
            if (!Paths.get(directory).isAbsolute())
            {
                throw new IllegalArgumentException("handle directory \"" + directory + "\" is not absolute");
            }
        }
        catch (final InvalidPathException ex)
        {
            throw new IllegalArgumentException("handle directory \"" + directory + "\" is not a path", ex);
        }
        Names.validate(kind + " name", name);
    }

    private static void checkWord(final String what, final String value)
    {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.length() > 64 || !value.chars().allMatch(c ->
            (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
        {
            throw new IllegalArgumentException("handle " + what + " \"" + value + "\" is not a word of [a-z0-9_-]");
        }
    }

    /**
     * @return the same handle with {@code related} set.
     */
    public Handle withRelated(final Serializable related)
    {
        return new Handle(transport, directory, name, kind, param, codec, related);
    }

    private Object readResolve() throws ObjectStreamException
    {
        try
        {
            return Handles.resolve(this);
        }
        catch (final RuntimeException ex)
        {
            final InvalidObjectException invalid = new InvalidObjectException("cannot re-open " + this + ": " +
                ex.getMessage());
            invalid.initCause(ex);
            throw invalid;
        }
    }

    @Override
    public String toString()
    {
        return kind + " handle " + directory + "/" + name + (SHM.equals(transport) ? "" : " (" + transport + ")");
    }

    private static final String SHM = ObjectProvider.SHARED_MEMORY;
}
