package io.mmipc;

import java.nio.file.Path;

/**
 * A {@link SharedMap} has no room for an entry: all {@link MapOptions#maxEntries()} records are in
 * use, or its data space cannot take a key or value that does not fit in its record. Nothing was
 * changed by the call that raised it. The message names the map's file and its capacity.
 */
public class SharedMapFullException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    public SharedMapFullException(final Path path, final String message)
    {
        super(path + ": " + message);
        this.path = path;
    }

    public Path path()
    {
        return path;
    }
}
