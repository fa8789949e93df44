package io.mmipc;

import java.nio.file.Path;

/**
 * A word in a shared file holds a value no mmipc writer produces: something outside mmipc (or a
 * bug, or a stray write through raw shared memory) overwrote it. Raised instead of guessing, so
 * that a corrupted lock never hangs its waiters nor lets two owners in. The message names the
 * file, the offset and the value found.
 */
public class SharedStateCorruptedException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    public SharedStateCorruptedException(final Path path, final String message)
    {
        super(path + ": " + message);
        this.path = path;
    }

    public Path path()
    {
        return path;
    }
}
