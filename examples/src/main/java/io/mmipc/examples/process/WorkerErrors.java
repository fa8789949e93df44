package io.mmipc.examples.process;

import io.mmipc.JvmProcess;

import java.util.ArrayList;
import java.util.List;

/**
 * Error handling inside workers (seed 000, "Error Handling in Multiprocessing"): each worker
 * catches its own exception and reports it; worker 2 fails on purpose.
 */
public final class WorkerErrors
{
    static void workerFunction(final int name)
    {
        try
        {
            if (name == 2)
            {
                // Simulate an error for process 2
                throw new IllegalArgumentException("An error occurred in worker 2.");
            }
            System.out.println("Worker " + name + " is starting.");
            Thread.sleep(2_000);
            System.out.println("Worker " + name + " has finished.");
        }
        catch (final Exception e)
        {
            System.out.println("Error in " + name + ": " + e.getMessage());
        }
    }

    public static void main(final String[] args) throws Exception
    {
        final List<JvmProcess> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            final int name = i;
            final JvmProcess process = JvmProcess.of(() -> workerFunction(name));
            processes.add(process);
            process.start();
        }
        for (final JvmProcess process : processes)
        {
            process.join();
        }
    }
}
