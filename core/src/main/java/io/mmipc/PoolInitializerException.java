package io.mmipc;

/**
 * A {@link Pool}'s initializer ({@link PoolOptions#initializer}) did not complete in a worker: it
 * threw (the cause is a {@link RemoteTaskException} with the remote type, message and stack trace)
 * or the worker died before it returned (the cause is a {@link WorkerDiedException}). Thrown by
 * {@link IpcContext#pool} when it happens to a worker of a starting pool; when it happens to a
 * replacement worker later, it fails every call not yet handed to a worker and every call after:
 * the pool is broken (Python's {@code BrokenProcessPool}), and only closing it remains.
 */
public final class PoolInitializerException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public PoolInitializerException(final String message, final RuntimeException cause)
    {
        super(message, cause);
    }
}
