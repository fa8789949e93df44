package io.mmipc;

import java.nio.file.Path;

/**
 * A durable log's directory or files cannot be used. The message names the path and what is
 * wrong; {@link #reason()} tells it to code.
 */
public class DurableLogException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** What is wrong. */
    public enum Reason
    {
        /** The directory holds files but no Chronicle queue, or the path is not a directory. */
        NOT_A_LOG,
        /** A queue file is shorter than the data its header records: it was truncated. */
        TRUNCATED,
        /** A queue file or the metadata does not read as Chronicle Queue wrote it. */
        CORRUPT,
        /** The log was created with other parameters than the ones asked for. */
        PARAMETERS_DIFFER,
        /** An I/O operation on the log's files failed. */
        IO
    }

    private final transient Path path;
    private final Reason reason;

    public DurableLogException(final Path path, final Reason reason, final String detail, final Throwable cause)
    {
        super(path + ": " + detail, cause);
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
