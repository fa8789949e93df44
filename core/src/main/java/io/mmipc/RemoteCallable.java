package io.mmipc;

import java.io.Serializable;

/**
 * Work for {@link Pool#applyAsync(RemoteCallable)} that captures its own arguments:
 * {@code pool.applyAsync(() -> longTask(i))}.
 */
@FunctionalInterface
public interface RemoteCallable<R> extends Serializable
{
    R call() throws Exception;
}
