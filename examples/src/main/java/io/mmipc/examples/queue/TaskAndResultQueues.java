package io.mmipc.examples.queue;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.MessageQueue;
import io.mmipc.codec.Codecs;

import java.util.ArrayList;
import java.util.List;

/**
 * A task queue and a result queue shared by several workers (seed 001, "Queues in
 * Multiprocessing"; rebuilt from the prose): workers take tasks from the task queue and put
 * results on the result queue; the main process hands out the tasks and collects the results.
 */
public final class TaskAndResultQueues
{
    static final int STOP = -1;

    static void worker(final MessageQueue<Integer> tasks, final MessageQueue<String> results)
        throws InterruptedException
    {
        while (true)
        {
            final int task = tasks.take();
            if (task == STOP)
            {
                break;
            }
            results.put(JvmProcess.currentName() + " computed " + task + " * " + task + " = " + task * task);
        }
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final MessageQueue<Integer> taskQueue = ctx.queue("tasks", Codecs.int32());
            final MessageQueue<String> resultQueue = ctx.queue("results", Codecs.utf8());

            final List<JvmProcess> workers = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                workers.add(JvmProcess.of(() -> worker(taskQueue, resultQueue)).start());
            }
            final int taskCount = 10;
            for (int task = 1; task <= taskCount; task++)
            {
                taskQueue.put(task);
            }
            for (int i = 0; i < taskCount; i++)
            {
                System.out.println(resultQueue.take());
            }
            for (int i = 0; i < workers.size(); i++)
            {
                taskQueue.put(STOP);
            }
            for (final JvmProcess w : workers)
            {
                w.join();
            }
        }
    }
}
