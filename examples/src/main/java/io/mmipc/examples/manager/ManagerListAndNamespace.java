package io.mmipc.examples.manager;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.SharedList;
import io.mmipc.SharedNamespace;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code Manager().list()} and a {@code Manager().Namespace()} shared by four processes (after
 * "Sharing state between processes: server process" of Python's {@code multiprocessing} guide).
 * Python's manager keeps them in a server process and every access is a round trip to it; here
 * they live in shared memory and each process reads and writes them directly.
 * <pre>
 * def worker(ns, results, worker_id):
 *     results.append(f"worker {worker_id}: {worker_id} squared is {worker_id ** 2}")
 *     with ns_lock:                      # ns.finished += 1 is a read, then a write
 *         ns.finished += 1
 *
 * if __name__ == '__main__':
 *     with multiprocessing.Manager() as manager:
 *         ns = manager.Namespace()
 *         ns.title = "squares"
 *         ns.finished = 0
 *         results = manager.list()
 *         processes = [multiprocessing.Process(target=worker, args=(ns, results, i)) for i in range(4)]
 *         for p in processes: p.start()
 *         for p in processes: p.join()
 *         print(f"{ns.title}: {ns.finished} workers finished")
 *         for line in sorted(results):
 *             print(line)
 *         print(f"first: {results[0][:8]}..., popped: {results.pop()[:8]}..., left: {len(results)}")
 * </pre>
 * {@code ns.update} does what the lock around {@code ns.finished += 1} does in Python: the
 * read and the write happen as one step.
 */
public final class ManagerListAndNamespace
{
    /** The worker. */
    static void worker(final SharedNamespace ns, final SharedList<String> results, final int workerId)
    {
        results.add("worker " + workerId + ": " + workerId + " squared is " + workerId * workerId);
        ns.update("finished", (Integer n) -> n + 1);
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())                  // with Manager() as manager:
        {
            final SharedNamespace ns = ctx.namespace("ns");          // ns = manager.Namespace()
            ns.set("title", "squares");
            ns.set("finished", 0);
            final SharedList<String> results = ctx.list("results");  // results = manager.list()

            final List<JvmProcess> processes = new ArrayList<>();
            for (int i = 0; i < 4; i++)
            {
                final int id = i;
                processes.add(JvmProcess.of(() -> worker(ns, results, id)));
            }
            for (final JvmProcess p : processes)
            {
                p.start();
            }
            for (final JvmProcess p : processes)
            {
                p.join();
            }

            System.out.println(ns.get("title") + ": " + ns.get("finished") + " workers finished");
            final List<String> sorted = new ArrayList<>(results.snapshot());
            sorted.sort(null);
            sorted.forEach(System.out::println);
            final String first = results.get(0);
            final String popped = results.pop();
            System.out.println("first: " + first.substring(0, 8) + "..., popped: " + popped.substring(0, 8) +
                "..., left: " + results.size());
        }
    }
}
