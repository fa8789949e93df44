package io.mmipc.internal.pool;

import io.mmipc.PoolInitializerException;
import io.mmipc.ProcessLogging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Whether a pool's workers ran its initializer: the pool's start waits until every first worker
 * is ready, and the first worker that could not initialize breaks the pool for good (see
 * {@link io.mmipc.PoolOptions#initializer} for why it fails fast rather than restart workers).
 */
final class InitGate
{
    private final String poolName;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private volatile PoolInitializerException broken;

    InitGate(final String poolName)
    {
        this.poolName = poolName;
    }

    /**
     * @return what failed the pool's initializer, or null while it is not broken.
     */
    PoolInitializerException broken()
    {
        return broken;
    }

    void allReady()
    {
        started.complete(null);
    }

    /**
     * The dispatcher stopped: a start still waiting fails (after {@link #breakWith} it failed already).
     */
    void stopped()
    {
        started.completeExceptionally(new IllegalStateException(poolName + " stopped before its workers started"));
    }

    /**
     * Breaks the pool: called by the dispatcher thread, once.
     *
     * @param what what happened, after "it" ("failed: java.lang.X: message").
     */
    PoolInitializerException breakWith(final WorkerSlot w, final String what, final RuntimeException cause)
    {
        final PoolInitializerException failure = new PoolInitializerException("the initializer of " + poolName +
            " did not complete in " + w.describe() + ": it " + what + "; the pool " +
            (started.isDone() ? "is broken: it takes no more work" : "did not start"), cause);
        broken = failure;
        started.completeExceptionally(failure);
        ProcessLogging.logger().severe(failure::getMessage);
        return failure;
    }

    /**
     * Waits until every first worker is ready; when one could not initialize, or on interrupt,
     * runs {@code stop} (which terminates the pool and waits for it) and throws.
     *
     * @throws PoolInitializerException naming the worker and what its initializer threw.
     */
    void await(final Runnable stop)
    {
        try
        {
            started.get();
        }
        catch (final InterruptedException | ExecutionException ex)
        {
            stop.run();
            if (ex instanceof InterruptedException)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + poolName + " ran its initializers", ex);
            }
            final Throwable failure = ex.getCause();
            if (failure instanceof PoolInitializerException init)
            {
                // Thrown again here, so that its stack trace shows the caller that started the pool.
                throw new PoolInitializerException(init.getMessage(), (RuntimeException)init.getCause());
            }
            throw new IllegalStateException(poolName + " did not start: " + failure, failure);
        }
    }
}
