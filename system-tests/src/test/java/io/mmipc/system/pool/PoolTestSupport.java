package io.mmipc.system.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

final class PoolTestSupport
{
    private PoolTestSupport()
    {
    }

    static <T> T unwrap(final CompletableFuture<T> future) throws Throwable
    {
        try
        {
            return future.get(60, TimeUnit.SECONDS);
        }
        catch (final ExecutionException ex)
        {
            throw ex.getCause();
        }
        catch (final TimeoutException ex)
        {
            throw new AssertionError("no result within a minute", ex);
        }
    }
}
