package io.mmipc;

import java.nio.file.Path;

/**
 * Mapped memory faulted: the file under the mapping was truncated, or its space could not be
 * backed. HotSpot raises such faults as an asynchronous {@link InternalError}; mmipc turns them
 * into this exception, which names the file and the lengths involved.
 */
public class SharedMemoryFaultException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    public SharedMemoryFaultException(final Path path, final String message, final Throwable cause)
    {
        super(path + ": " + message, cause);
        this.path = path;
    }

    public Path path()
    {
        return path;
    }
}
