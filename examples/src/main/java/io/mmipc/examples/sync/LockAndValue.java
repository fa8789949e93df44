package io.mmipc.examples.sync;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.SharedInt;
import io.mmipc.SharedLock;

import java.util.ArrayList;
import java.util.List;

/**
 * Four workers doing locked increments of a shared counter: the "Final value" program (seed 002,
 * "Using Lock for Mutual Exclusion").
 */
public final class LockAndValue
{
    /** Worker process using a lock. */
    static void workerWithLock(final SharedLock lock, final SharedInt sharedResource, final int workerId)
        throws InterruptedException
    {
        for (int i = 0; i < 3; i++)
        {
            try (SharedLock.Held held = lock.locked())
            {
                System.out.println("Process " + workerId + " gained access to the resource");
                final int currentValue = sharedResource.get();
                Thread.sleep(100); // simulating resource work
                sharedResource.set(currentValue + 1);
                System.out.println("Process " + workerId + " increased the value to " + sharedResource.get());
            }
            Thread.sleep(100); // working without a lock
        }
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final SharedLock lock = ctx.lock("lock");
            final SharedInt sharedResource = ctx.intValue("shared_resource", 0);   // Value('i', 0)

            final List<JvmProcess> processes = new ArrayList<>();
            for (int i = 0; i < 4; i++)
            {
                final int id = i;
                final JvmProcess p = JvmProcess.of(() -> workerWithLock(lock, sharedResource, id));
                processes.add(p);
                p.start();
            }
            for (final JvmProcess p : processes)
            {
                p.join();
            }
            System.out.println("Final value: " + sharedResource.get());
        }
    }
}
