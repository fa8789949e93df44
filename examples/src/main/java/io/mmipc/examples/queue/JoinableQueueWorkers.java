package io.mmipc.examples.queue;

import io.mmipc.IpcContext;
import io.mmipc.JoinableQueue;
import io.mmipc.JvmProcess;
import io.mmipc.codec.Codecs;

/**
 * Python's {@code JoinableQueue} pattern (the {@code queue}/{@code multiprocessing} documentation):
 * daemon workers take items forever and mark each done; the main program puts the items and
 * {@code join()}s the queue, which returns once every item was marked done.
 * <pre>
 * def worker(q):
 *     while True:
 *         item = q.get()
 *         print(f'Working on {item}')
 *         print(f'Finished {item}')
 *         q.task_done()
 *
 * q = JoinableQueue()
 * for i in range(2): Process(target=worker, args=(q,), daemon=True).start()
 * for item in range(10): q.put(item)
 * q.join()
 * print('All work completed')
 * </pre>
 */
public final class JoinableQueueWorkers
{
    static void worker(final JoinableQueue<Integer> q) throws InterruptedException
    {
        while (true)
        {
            final int item = q.take();
            System.out.println("Working on " + item);
            System.out.println("Finished " + item);
            q.taskDone();
        }
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final JoinableQueue<Integer> q = ctx.joinableQueue("q", Codecs.int32());
            for (int i = 0; i < 2; i++)
            {
                JvmProcess.of(() -> worker(q)).daemon(true).start();
            }
            for (int item = 0; item < 10; item++)
            {
                q.put(item);
            }
            q.join();   // block until all tasks are done
            System.out.println("All work completed");
        }
    }
}
