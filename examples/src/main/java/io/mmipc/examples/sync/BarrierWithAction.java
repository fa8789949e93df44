package io.mmipc.examples.sync;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.SharedBarrier;
import io.mmipc.SharedInt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A barrier with an action and a default timeout, Python's {@code Barrier(parties, action, timeout)}:
 * <pre>
 * def worker(barrier, i):
 *     for r in (1, 2):
 *         print(f"worker {i} reached round {r}")
 *         barrier.wait()
 *
 * if __name__ == '__main__':
 *     rounds = Value('i', 0)
 *     def done():
 *         rounds.value += 1
 *         print(f"--- round {rounds.value} complete ---")
 *     barrier = Barrier(3, action=done, timeout=30)
 *     ps = [Process(target=worker, args=(barrier, i)) for i in range(3)]
 *     ...
 * </pre>
 * The action runs once per round, in whichever process arrives last, before any worker goes on:
 * each worker's barrier (captured by its lambda) carries the action with it.
 */
public final class BarrierWithAction
{
    static void worker(final SharedBarrier barrier, final int i) throws Exception
    {
        for (int r = 1; r <= 2; r++)
        {
            System.out.println("worker " + i + " reached round " + r);
            barrier.await(); // at most the barrier's default timeout
        }
    }

    static void done(final SharedInt rounds)
    {
        System.out.println("--- round " + rounds.incrementAndGet() + " complete ---");
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final SharedInt rounds = ctx.intValue("rounds", 0);
            final SharedBarrier barrier = ctx.barrier("barrier", 3, () -> done(rounds), Duration.ofSeconds(30));
            final List<JvmProcess> ps = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                final int id = i;
                ps.add(JvmProcess.of(() -> worker(barrier, id)).start());
            }
            for (final JvmProcess p : ps)
            {
                p.join();
            }
            System.out.println("rounds: " + rounds.get());
        }
    }
}
