package io.mmipc.examples.queue;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.MessageQueue;
import io.mmipc.codec.Codecs;

/**
 * The even-number checker that puts its results on a queue (seed 003, "Queues"; rebuilt from the
 * prose): a process checks which numbers are even and puts them at the end of the queue; the
 * parent gets the values from the front while the queue is not empty.
 */
public final class QueueEvens
{
    static void isEven(final int[] numbers, final MessageQueue<Integer> q) throws InterruptedException
    {
        for (final int n : numbers)
        {
            if (n % 2 == 0)
            {
                q.put(n);
            }
        }
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final MessageQueue<Integer> q = ctx.queue("q", Codecs.int32());
            final int[] numbers = java.util.stream.IntStream.range(0, 20).toArray();
            final JvmProcess p = JvmProcess.of(() -> isEven(numbers, q));
            p.start();
            p.join();
            while (!q.isEmpty())
            {
                System.out.println(q.take());
            }
        }
    }
}
