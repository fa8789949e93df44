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
    final CompletableFuture<List<Object>> result = new CompletableFuture<>();

    Job(final long id, final byte[] message, final int firstIndex, final boolean single)
    {
        this.id = id;
        this.message = message;
        this.firstIndex = firstIndex;
        this.single = single;
    }
}
