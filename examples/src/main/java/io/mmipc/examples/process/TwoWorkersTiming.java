package io.mmipc.examples.process;

import io.mmipc.JvmProcess;

/**
 * Two workers with different durations, and the total time (seed 002, "Basic Example with the Process Class").
 */
public final class TwoWorkersTiming
{
    /** Function to be executed in a separate process. */
    static void workerTask(final String name, final double duration) throws InterruptedException
    {
        System.out.println("Process " + name + " started");
        Thread.sleep((long)(duration * 1000));
        System.out.println("Process " + name + " finished");
    }

    public static void main(final String[] args) throws Exception
    {
        // Creating processes
        final JvmProcess process1 = JvmProcess.of(() -> workerTask("Worker-1", 3));
        final JvmProcess process2 = JvmProcess.of(() -> workerTask("Worker-2", 2));

        // Starting processes
        final long startTime = System.nanoTime();
        process1.start();
        process2.start();

        // Waiting for processes to complete
        process1.join();
        process2.join();

        final long endTime = System.nanoTime();
        System.out.printf("Total execution time: %.2f seconds%n", (endTime - startTime) / 1e9);
    }
}
