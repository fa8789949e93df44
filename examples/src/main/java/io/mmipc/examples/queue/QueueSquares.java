package io.mmipc.examples.queue;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.MessageQueue;
import io.mmipc.codec.Codecs;

import java.util.List;

/**
 * The squares producer (seed 000, "Sharing Data Between Processes"): a process puts the squares
 * of a list on a queue; the parent reads them until the queue is empty.
 */
public final class QueueSquares
{
    static void square(final List<Integer> numbers, final MessageQueue<Integer> queue) throws InterruptedException
    {
        for (final int number : numbers)
        {
            queue.put(number * number);
        }
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final List<Integer> numbers = List.of(1, 2, 3, 4, 5);
            final MessageQueue<Integer> queue = ctx.queue("queue", Codecs.int32());
            final JvmProcess process = JvmProcess.of(() -> square(numbers, queue));
            process.start();
            process.join();
            while (!queue.isEmpty())
            {
                System.out.println(queue.take());
            }
        }
    }
}
