package io.mmipc;

/**
 * A {@link Pool} call failed because a task threw in a worker. The cause is a
 * {@link RemoteTaskException} that carries the remote type, message and stack trace.
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
     * @return the position of the failing item in the call's input, or -1 for a single task.
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
