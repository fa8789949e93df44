package io.mmipc.examples.sync;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.SharedInt;
import io.mmipc.SharedLock;

import java.util.ArrayList;
import java.util.List;

/**
 * The shared counter without a lock beside the same with one (seed 001, "Locks in
 * Multiprocessing"; rebuilt from the prose): several processes increment one counter; without the
 * lock, read-then-write increments of different processes overwrite each other and updates may be
 * lost; inside the lock's critical section none is.
 */
public final class CounterWithAndWithoutLock
{
    static final int PROCESSES = 4;
    static final int INCREMENTS = 20_000;

    static void increment(final SharedInt counter)
    {
        for (int i = 0; i < INCREMENTS; i++)
        {
            counter.set(counter.get() + 1); // read, then write: not atomic
        }
    }

    static void incrementWithLock(final SharedInt counter, final SharedLock lock)
    {
        for (int i = 0; i < INCREMENTS; i++)
        {
            try (SharedLock.Held held = lock.locked())
            {
                counter.set(counter.get() + 1);
            }
        }
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final SharedInt unlocked = ctx.intValue("counter_without_lock", 0);
            final List<JvmProcess> withoutLock = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++)
            {
                withoutLock.add(JvmProcess.of(() -> increment(unlocked)).start());
            }
            for (final JvmProcess p : withoutLock)
            {
                p.join();
            }
            System.out.println("Without a lock: " + unlocked.get() + " (expected " + PROCESSES * INCREMENTS +
                "; lost updates are possible)");

            final SharedInt locked = ctx.intValue("counter_with_lock", 0);
            final SharedLock lock = ctx.lock("lock");
            final List<JvmProcess> withLock = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++)
            {
                withLock.add(JvmProcess.of(() -> incrementWithLock(locked, lock)).start());
            }
            for (final JvmProcess p : withLock)
            {
                p.join();
            }
            System.out.println("With a lock: " + locked.get() + " (expected " + PROCESSES * INCREMENTS + ")");
        }
    }
}
