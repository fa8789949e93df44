package io.mmipc;

/**
 * A {@link Pool} call failed because a task threw in a worker: the cause is a
 * {@link RemoteTaskException} that carries the remote type, message and stack trace. Or because
 * the task could not be sent to a worker (a value that is not serializable, a class outside the
 * workers' allow-list): the call fails at submission, no worker is involved, the message says what
 * and how to fix it, and the cause is null (what Java serialization threw is a suppressed exception).
 */
public final class PoolTaskException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int index;

    public PoolTaskException(final String message, final int index, final RemoteTaskException cause)
    {
        super(message, cause);
        this.index = index;
    }

    /**
     * A task that could not be sent to a worker.
     *
     * @param detail what serialization threw, kept as a suppressed exception.
     */
    public PoolTaskException(final String message, final int index, final Exception detail)
    {
        super(message);
        this.index = index;
        if (detail != null)
        {
            addSuppressed(detail);
        }
    }

    /**
     * @return the position of the failing item in the call's input, or -1 for a single task (and
     *         for a function that could not be sent, which fails every item).
     */
    public int index()
    {
        return index;
    }

    @Override
    public synchronized RemoteTaskException getCause()
    {
        return (RemoteTaskException)super.getCause();
    }
}
