package io.mmipc.examples.manager;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.MessageQueue;
import io.mmipc.SharedEvent;
import io.mmipc.codec.Codecs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The ProcessManager (seed 002, "Resource Management"): workers fed by a task queue, a shutdown
 * Event, SIGINT/SIGTERM handling that stops every child cleanly, {@code terminate()} then
 * {@code kill()} for stragglers. Python's {@code signal.signal(SIGTERM, handler)} becomes a
 * shutdown hook, which the JVM runs on SIGINT and SIGTERM.
 * <p>
 * {@code ProcessManager [tasks]}: 20 tasks by default.
 */
public final class ProcessManager
{
    /** Python's {@code None}: the termination signal on the task queue. */
    static final int NONE = Integer.MIN_VALUE;

    private final int maxProcesses;
    private final IpcContext ctx;
    private final List<JvmProcess> processes = new ArrayList<>();
    private final SharedEvent shutdownEvent;
    private volatile boolean stopped;

    public ProcessManager(final IpcContext ctx, final int maxProcesses)
    {
        this.ctx = ctx;
        this.maxProcesses = maxProcesses;
        this.shutdownEvent = ctx.event("shutdown_event");

        // Signal handler for proper termination
        Runtime.getRuntime().addShutdownHook(new Thread(this::signalHandler, "signal-handler"));
    }

    /** Signal handler for termination. */
    private void signalHandler()
    {
        if (!stopped)
        {
            System.out.println();
            System.out.println("Received a termination signal. Terminating processes...");
            shutdown();
            ctx.close();
        }
    }

    /** Worker process. */
    static void worker(final int workerId, final MessageQueue<Integer> taskQueue,
        final MessageQueue<Integer> resultQueue, final SharedEvent shutdownEvent) throws InterruptedException
    {
        System.out.println("Process " + workerId + " started");
        while (!shutdownEvent.isSet())
        {
            // Getting task with timeout
            final Integer task = taskQueue.poll(1, TimeUnit.SECONDS);
            if (task == null)
            {
                continue;
            }
            if (task == NONE)   // termination signal
            {
                break;
            }
            // Performing task
            resultQueue.put(processTask(task));
        }
        System.out.println("Process " + workerId + " terminated");
    }

    /** Processing task. */
    static int processTask(final int task) throws InterruptedException
    {
        Thread.sleep(100); // simulating work
        return task * 2;
    }

    /** Starting worker processes. */
    public List<Integer> startWorkers(final List<Integer> tasks) throws InterruptedException
    {
        final MessageQueue<Integer> taskQueue = ctx.queue("task_queue", Codecs.int32());
        final MessageQueue<Integer> resultQueue = ctx.queue("result_queue", Codecs.int32());

        // Adding tasks to queue
        for (final int task : tasks)
        {
            taskQueue.put(task);
        }

        // Creating and starting processes (the task captures the event, not this manager)
        final SharedEvent event = shutdownEvent;
        for (int i = 0; i < maxProcesses; i++)
        {
            final int id = i;
            final JvmProcess p = JvmProcess.of(() -> worker(id, taskQueue, resultQueue, event));
            p.start();
            processes.add(p);
        }

        // Collecting results
        final List<Integer> results = new ArrayList<>();
        for (int n = 0; n < tasks.size(); n++)
        {
            final Integer result = resultQueue.poll(5, TimeUnit.SECONDS);
            if (result == null)
            {
                break;
            }
            results.add(result);
        }

        // Terminating processes
        for (int i = 0; i < processes.size(); i++)
        {
            taskQueue.put(NONE);
        }
        return results;
    }

    /** Properly terminating all processes. */
    public synchronized void shutdown()
    {
        if (stopped)
        {
            return;
        }
        stopped = true;
        shutdownEvent.set();
        for (final JvmProcess p : processes)
        {
            try
            {
                if (p.isAlive())
                {
                    p.terminate();
                    p.join(Duration.ofSeconds(1));
                    if (p.isAlive())
                    {
                        p.kill();
                    }
                }
            }
            catch (final InterruptedException e)
            {
                p.kill();
                Thread.currentThread().interrupt();
            }
        }
    }

    public static void main(final String[] args) throws Exception
    {
        final int taskCount = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        try (IpcContext ctx = IpcContext.create())
        {
            final ProcessManager manager = new ProcessManager(ctx, 3);
            try
            {
                final List<Integer> tasks = IntStream.range(0, taskCount).boxed().collect(Collectors.toList());
                final List<Integer> results = manager.startWorkers(tasks);

                System.out.println("Processed " + results.size() + " tasks");
                System.out.println("Results: " + results);
            }
            finally
            {
                manager.shutdown();
            }
        }
    }
}
