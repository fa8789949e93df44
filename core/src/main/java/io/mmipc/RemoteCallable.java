package io.mmipc;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * Work for {@link Pool#applyAsync(RemoteCallable)} that captures its own arguments:
 * {@code pool.applyAsync(() -> longTask(i))}. It is a {@link Callable} too, so a list of them goes
 * to {@link PoolExecutor#invokeAll} as it is.
 */
@FunctionalInterface
public interface RemoteCallable<R> extends Callable<R>, Serializable
{
    @Override
    R call() throws Exception;
}
