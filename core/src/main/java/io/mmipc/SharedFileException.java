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
    private final String parameter;
    private final String fileValue;
    private final String requestedValue;

    public SharedFileException(final Path path, final Reason reason, final String detail)
    {
        this(path, reason, detail, null, null, null);
    }

    /**
     * A file whose {@code parameter} ("kind", "capacity", "type") differs from the one requested.
     */
    public SharedFileException(
        final Path path, final Reason reason, final String detail, final String parameter, final String fileValue,
        final String requestedValue)
    {
        super(path + ": " + detail);
        this.path = path;
        this.reason = reason;
        this.parameter = parameter;
        this.fileValue = fileValue;
        this.requestedValue = requestedValue;
    }

    /**
     * @return the parameter that differs ("kind", "capacity", "type"), or null for other reasons.
     */
    public String parameter()
    {
        return parameter;
    }

    /**
     * @return the parameter's value in the file, or null.
     */
    public String fileValue()
    {
        return fileValue;
    }

    /**
     * @return the parameter's value the caller asked for, or null.
     */
    public String requestedValue()
    {
        return requestedValue;
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
