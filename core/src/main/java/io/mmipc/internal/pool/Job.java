package io.mmipc.internal.pool;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One batch on its way: its serialized form, where its items start in the caller's input, and the
 * future its results complete.
 */
final class Job
{
    final long id;
    final byte[] message;
    final int firstIndex;
    final boolean single;
    /** For a task of {@link io.mmipc.PoolExecutor}: what its {@code shutdownNow()} returns when no worker got it; or null. */
    final Runnable unsent;
    final CompletableFuture<List<Object>> result = new CompletableFuture<>();

    Job(final long id, final byte[] message, final int firstIndex, final boolean single, final Runnable unsent)
    {
        this.unsent = unsent;
        this.id = id;
        this.message = message;
        this.firstIndex = firstIndex;
        this.single = single;
    }
}
