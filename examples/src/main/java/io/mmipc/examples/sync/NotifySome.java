package io.mmipc.examples.sync;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.SharedCondition;
import io.mmipc.SharedLock;
import io.mmipc.SharedSemaphore;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code Condition.notify(n)}: four processes wait, two are woken, then the rest.
 * <pre>
 * def waiter(cond, waiting, woke, i):
 *     with cond:
 *         waiting.release()
 *         cond.wait()
 *         print(f"waiter {i} woke")
 *         woke.release()
 *
 * if __name__ == '__main__':
 *     ...                       # start four waiters
 *     for _ in range(4): waiting.acquire()
 *     with cond:                # free only once all four wait
 *         cond.notify(2)
 *     for _ in range(2): woke.acquire()
 *     print("notify(2) woke 2")
 *     with cond:
 *         cond.notify_all()
 * </pre>
 */
public final class NotifySome
{
    static void waiter(final SharedCondition cond, final SharedSemaphore waiting, final SharedSemaphore woke,
        final int i) throws InterruptedException
    {
        try (SharedLock.Held held = cond.lock().locked())
        {
            waiting.release();
            cond.await();
            System.out.println("waiter " + i + " woke");
            woke.release();
        }
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final SharedCondition cond = ctx.condition("cond", ctx.lock("lock"));
            final SharedSemaphore waiting = ctx.semaphore("waiting", 0);
            final SharedSemaphore woke = ctx.semaphore("woke", 0);
            final List<JvmProcess> ps = new ArrayList<>();
            for (int i = 0; i < 4; i++)
            {
                final int id = i;
                ps.add(JvmProcess.of(() -> waiter(cond, waiting, woke, id)).start());
            }
            waiting.acquire(4);
            try (SharedLock.Held held = cond.lock().locked()) // free only once all four wait
            {
                cond.signal(2);                              // cond.notify(2)
            }
            woke.acquire(2);
            System.out.println("notify(2) woke 2");
            try (SharedLock.Held held = cond.lock().locked())
            {
                cond.signalAll();                            // cond.notify_all()
            }
            for (final JvmProcess p : ps)
            {
                p.join();
            }
            System.out.println("all woke");
        }
    }
}
