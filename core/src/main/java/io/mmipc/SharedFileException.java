package io.mmipc;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be used as the shared object asked for. The message names the file and
 * what is wrong; {@link #reason()} tells it to code.
 */
public class SharedFileException extends IOException
{
    private static final long serialVersionUID = 1L;

    /** What is wrong with the file. */
    public enum Reason
    {
        /** The file does not start with mmipc's magic: it is not an mmipc file, or it is garbage. */
        NOT_MMIPC_FILE,
        /** The file was written by a layout version this code does not read. */
        UNSUPPORTED_VERSION,
        /** The file holds another kind of object (a pipe opened as a queue). */
        WRONG_KIND,
        /** The file is shorter than its header says, or than the layout needs. */
        TRUNCATED,
        /** The file's parameters (capacity, element type, codec ...) differ from the requested ones. */
        PARAMETERS_DIFFER,
        /** A header field holds a value no writer produces. */
        CORRUPT
    }

    private final transient Path path;
    private final Reason reason;

    public SharedFileException(final Path path, final Reason reason, final String detail)
    {
        super(path + ": " + detail);
        this.path = path;
        this.reason = reason;
    }

    public Path path()
    {
        return path;
    }

    public Reason reason()
    {
        return reason;
    }
}
