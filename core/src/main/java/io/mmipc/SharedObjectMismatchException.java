package io.mmipc;

import java.nio.file.Path;

/**
 * A shared object's file holds another kind of object, or the same kind with other parameters,
 * than the caller asked for: a state error (the name is taken by something else), not an I/O
 * failure. The message names the file, the parameter, the file's value and the requested one, and
 * for a queue of the other kind how to open it.
 * <pre>
 * /dev/shm/mmipc-me/ctx-1/q: parameters differ: capacity is 4096 in the file, 8192 requested
 * </pre>
 */
public class SharedObjectMismatchException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final transient Path path;
    private final SharedFileException.Reason reason;
    private final String parameter;
    private final String fileValue;
    private final String requestedValue;

    /**
     * @param reason {@link SharedFileException.Reason#WRONG_KIND} or {@link SharedFileException.Reason#PARAMETERS_DIFFER}.
     * @param hint how to open the file as it is, or null.
     */
    public SharedObjectMismatchException(
        final Path path,
        final SharedFileException.Reason reason,
        final String parameter,
        final String fileValue,
        final String requestedValue,
        final String hint,
        final Throwable cause)
    {
        super(path + ": " + (reason == SharedFileException.Reason.WRONG_KIND ? "holds another kind of object: " :
            "parameters differ: ") + parameter + " is " + fileValue + " in the file, " + requestedValue + " requested" +
            (hint == null ? "" : "; " + hint), cause);
        this.path = path;
        this.reason = reason;
        this.parameter = parameter;
        this.fileValue = fileValue;
        this.requestedValue = requestedValue;
    }

    /**
     * @return the mismatch as a state exception, with a hint where one helps.
     */
    static SharedObjectMismatchException of(final SharedFileException ex)
    {
        return new SharedObjectMismatchException(ex.path(), ex.reason(), ex.parameter(), ex.fileValue(),
            ex.requestedValue(), hint(ex), ex);
    }

    /**
     * @return for a queue of the other kind (one-to-one or many-to-many), how to open it as it is.
     */
    static String hint(final SharedFileException ex)
    {
        if (ex.reason() != SharedFileException.Reason.WRONG_KIND || ex.fileValue() == null ||
            !ex.fileValue().startsWith("QUEUE_") || ex.requestedValue() == null || !ex.requestedValue().startsWith("QUEUE_"))
        {
            return null;
        }
        final boolean oneToOne = ex.fileValue().equals("QUEUE_ONE_TO_ONE");
        return "this queue is " + (oneToOne ? "one-to-one" : "many-to-many") + ": open it with openQueue(name, codec), " +
            "which reads the kind from the file, or ask for QueueOptions.defaults().oneToOne(" + oneToOne + ")";
    }

    /**
     * @return the file.
     */
    public Path path()
    {
        return path;
    }

    /**
     * @return {@link SharedFileException.Reason#WRONG_KIND} or {@link SharedFileException.Reason#PARAMETERS_DIFFER}.
     */
    public SharedFileException.Reason reason()
    {
        return reason;
    }

    /**
     * @return the parameter that differs: "kind", "capacity", "type" ...
     */
    public String parameter()
    {
        return parameter;
    }

    /**
     * @return the parameter's value in the file.
     */
    public String fileValue()
    {
        return fileValue;
    }

    /**
     * @return the value the caller asked for.
     */
    public String requestedValue()
    {
        return requestedValue;
    }
}
