package io.mmipc.examples.sync;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.SharedLock;

import java.util.ArrayList;
import java.util.List;

/**
 * A lock around printing (seed 003, "Locks"; rebuilt from the prose): each process acquires the
 * lock, prints, and releases it, so no two lines mix.
 * <pre>
 * def printer(item, lock):
 *     lock.acquire()
 *     try:
 *         print(item)
 *     finally:
 *         lock.release()
 * </pre>
 */
public final class LockedPrint
{
    static void printer(final String item, final SharedLock lock)
    {
        lock.lock();
        try
        {
            System.out.println(item);
        }
        finally
        {
            lock.unlock();
        }
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final SharedLock lock = ctx.lock("lock");
            final List<String> items = List.of("tango", "foxtrot", 10 + "");
            final List<JvmProcess> processes = new ArrayList<>();
            for (final String item : items)
            {
                processes.add(JvmProcess.of(() -> printer(item, lock)).start());
            }
            for (final JvmProcess p : processes)
            {
                p.join();
            }
        }
    }
}
