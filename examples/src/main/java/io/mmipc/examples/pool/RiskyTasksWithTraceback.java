package io.mmipc.examples.pool;

import io.mmipc.IpcContext;
import io.mmipc.Pool;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * The traceback variant (seed 002, "Handling Exceptions in Processes"): each task catches its own
 * exception and returns the error with its stack trace ({@code traceback.format_exc()}), so the
 * caller sees every task's outcome.
 */
public final class RiskyTasksWithTraceback
{
    /** A task that might cause an error. */
    static String riskyTask(final int taskId)
    {
        try
        {
            if (taskId == 2)
            {
                throw new IllegalArgumentException("Error in task " + taskId);
            }
            final int result = taskId * 2;
            return "Task " + taskId + " completed successfully: " + result;
        }
        catch (final Exception e)
        {
            // Returning error information
            final StringWriter traceback = new StringWriter();
            e.printStackTrace(new PrintWriter(traceback));
            return "Error in task " + taskId + ": " + e.getMessage() + "\n" + traceback;
        }
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create(); Pool pool = ctx.pool(3))
        {
            final List<String> results = pool.map(RiskyTasksWithTraceback::riskyTask, List.of(0, 1, 2, 3, 4));
            for (int i = 0; i < results.size(); i++)
            {
                System.out.println("Result " + i + ": " + results.get(i));
            }
        }
    }
}
