package io.mmipc;

/**
 * A pool worker died (killed, {@code System.exit}, out of memory) while it held the task that
 * this exception fails. The pool replaces the worker; the task is not run again.
 */
public final class WorkerDiedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public WorkerDiedException(final String message, final int exitCode)
    {
        super(message);
        this.exitCode = exitCode;
    }

    /**
     * @return the dead worker's exit code (137 after kill -9), or -1 when unknown.
     */
    public int exitCode()
    {
        return exitCode;
    }
}
