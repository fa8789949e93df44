package io.mmipc.cli.read;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A path the tool will not open because it is not a regular file.
 */
public final class NotRegularFileException extends IOException
{
    private static final long serialVersionUID = 1L;

    public NotRegularFileException(final Path path, final String what)
    {
        super(path + " is " + what + ", not an mmipc file; not opened");
    }
}
