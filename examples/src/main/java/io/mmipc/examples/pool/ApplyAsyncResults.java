package io.mmipc.examples.pool;

import io.mmipc.IpcContext;
import io.mmipc.Pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code apply_async} with {@code get(timeout)} (seed 002, "Asynchronous Execution with Pool").
 */
public final class ApplyAsyncResults
{
    /** Long-running task. */
    static int longTask(final int taskId) throws InterruptedException
    {
        System.out.println("Task " + taskId + " started");
        Thread.sleep(2_000);
        final int result = taskId * taskId;
        System.out.println("Task " + taskId + " finished");
        return result;
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create(); Pool pool = ctx.pool(3))
        {
            // Asynchronous task execution
            final List<CompletableFuture<Integer>> asyncResults = new ArrayList<>();
            for (int i = 0; i < 5; i++)
            {
                asyncResults.add(pool.applyAsync(ApplyAsyncResults::longTask, i));
            }

            // Getting results
            final List<Integer> results = new ArrayList<>();
            for (final CompletableFuture<Integer> asyncResult : asyncResults)
            {
                results.add(asyncResult.get(10, TimeUnit.SECONDS));
            }
            System.out.println("Results: " + results);
        }
    }
}
