package io.mmipc.examples.process;

import io.mmipc.JvmProcess;

import java.util.ArrayList;
import java.util.List;

/**
 * Three workers that start together and finish after two seconds (seed 000, "Setting Up Multiprocessing").
 * <pre>
 * def worker_function(name):
 *     print(f'Worker {name} is starting.')
 *     time.sleep(2)
 *     print(f'Worker {name} has finished.')
 * </pre>
 */
public final class ThreeWorkers
{
    static void workerFunction(final int name) throws InterruptedException
    {
        System.out.println("Worker " + name + " is starting.");
        Thread.sleep(2_000);
        System.out.println("Worker " + name + " has finished.");
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
