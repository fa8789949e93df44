package io.mmipc.examples.pool;

import io.mmipc.IpcContext;
import io.mmipc.Pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code apply_async} with an error callback where task 2 raises (seed 002, "Handling Exceptions
 * in Processes"). The original catches the error inside the task, so its error callback never
 * runs; this port does what it clearly meant: task 2 raises, the error callback reports it, and
 * the other tasks' results are printed.
 */
public final class ErrorCallback
{
    /** A task that might cause an error. */
    static String riskyTask(final int taskId)
    {
        if (taskId == 2)
        {
            throw new IllegalArgumentException("Error in task " + taskId);
        }
        final int result = taskId * 2;
        return "Task " + taskId + " completed successfully: " + result;
    }

    /** Callback for handling errors. */
    static void errorCallback(final Throwable error)
    {
        System.out.println("An error occurred: " + error.getCause().getMessage());
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create(); Pool pool = ctx.pool(3))
        {
            // Using apply_async with error handling
            final List<CompletableFuture<String>> results = new ArrayList<>();
            for (int taskId = 0; taskId < 5; taskId++)
            {
                final CompletableFuture<String> result = pool.applyAsync(ErrorCallback::riskyTask, taskId);
                result.exceptionally(error ->
                {
                    errorCallback(error);
                    return null;
                });
                results.add(result);
            }

            // Getting results
            for (int i = 0; i < results.size(); i++)
            {
                try
                {
                    System.out.println("Result " + i + ": " + results.get(i).get(5, TimeUnit.SECONDS));
                }
                catch (final ExecutionException e)
                {
                    System.out.println("Failed to get result " + i + ": " + e.getCause().getMessage());
                }
            }
        }
    }
}
