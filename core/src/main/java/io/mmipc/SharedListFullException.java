package io.mmipc;

import java.nio.file.Path;

/**
 * A {@link SharedList} has no room for what a call adds: all {@link ListOptions#maxElements()}
 * slots are in use, or its data space cannot take the elements' bytes. Nothing was changed by the
 * call that raised it. The message names the list's file, its capacity and what the call needed.
 */
public class SharedListFullException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    public SharedListFullException(final Path path, final String message)
    {
        super(path + ": " + message);
        this.path = path;
    }

    public Path path()
    {
        return path;
    }
}
