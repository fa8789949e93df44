package io.mmipc.examples.process;

import io.mmipc.JvmProcess;

import java.util.ArrayList;
import java.util.List;

/**
 * Inheriting from the Process class (seed 002): a subclass with its own {@code run}. The object
 * itself is sent to the child JVM, so its fields travel with it.
 */
public final class CustomProcess extends JvmProcess
{
    private static final long serialVersionUID = 1L;
    private final int workCount;

    public CustomProcess(final String name, final int workCount)
    {
        name(name);
        this.workCount = workCount;
    }

    /** Method executed in the process. */
    @Override
    public void run() throws InterruptedException
    {
        System.out.println("Process " + name() + " (PID: " + ProcessHandle.current().pid() + ") started");
        for (int i = 0; i < workCount; i++)
        {
            System.out.println(name() + ": performing task " + (i + 1));
            Thread.sleep(1_000);
        }
        System.out.println("Process " + name() + " finished");
    }

    public static void main(final String[] args) throws Exception
    {
        final List<CustomProcess> processes = new ArrayList<>();

        // Creating multiple processes
        for (int i = 0; i < 3; i++)
        {
            final CustomProcess p = new CustomProcess("Process-" + (i + 1), 3);
            processes.add(p);
            p.start();
        }

        // Waiting for all processes to complete
        for (final CustomProcess p : processes)
        {
            p.join();
        }
    }
}
