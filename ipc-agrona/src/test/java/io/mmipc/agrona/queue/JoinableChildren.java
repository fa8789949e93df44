package io.mmipc.agrona.queue;

import io.mmipc.JoinableQueue;

/**
 * Child JVM programs of {@link JoinableQueueTest}.
 */
public final class JoinableChildren
{
    private JoinableChildren()
    {
    }

    /**
     * Takes tasks and marks each done until a task -1 (also marked done). Prints the sum of what
     * it took. Args: joinable queue handle.
     */
    public static final class Worker
    {
        public static void main(final String[] args) throws Exception
        {
            final JoinableQueue<Long> tasks = Handles.decode(args[0]);
            System.out.println("READY");
            long sum = 0;
            while (true)
            {
                final long task = tasks.take();
                tasks.taskDone();
                if (task == -1)
                {
                    break;
                }
                sum += task;
            }
            System.out.println("SUM " + sum);
        }
    }

    /**
     * Takes {@code count} tasks, marks none done, prints HOLDING and blocks until killed.
     * Args: joinable queue handle, count.
     */
    public static final class Hoarder
    {
        public static void main(final String[] args) throws Exception
        {
            final JoinableQueue<Long> tasks = Handles.decode(args[0]);
            final int count = Integer.parseInt(args[1]);
            for (int i = 0; i < count; i++)
            {
                tasks.take();
            }
            System.out.println("HOLDING " + count);
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
