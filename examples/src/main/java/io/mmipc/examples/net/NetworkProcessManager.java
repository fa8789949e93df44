package io.mmipc.examples.net;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.MessageQueue;
import io.mmipc.NetworkOptions;
import io.mmipc.codec.Codecs;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ProcessManager (seed 002) when it outgrows one machine: the same task queue, result queue
 * and workers, with the queues on the manager's node and the workers on other nodes. Only the
 * context changes ({@code network(...)} and a shared secret); the worker loop is the same, except
 * that the shutdown event becomes Python's {@code None} on the task queue (network contexts carry
 * queues and pipes, not events).
 * <pre>
 *   NetworkProcessManager home HOST PORT SECRET_FILE [TASKS] [WORKERS]   the manager; WORKERS local worker JVMs
 *   NetworkProcessManager worker ID HOST HOME_HOST HOME_PORT SECRET_FILE  a worker on another machine
 * </pre>
 * Without arguments it runs the manager on 127.0.0.1 with three worker JVMs, each its own node.
 */
public final class NetworkProcessManager
{
    /** Python's {@code None}: the termination signal on the task queue. */
    static final int NONE = Integer.MIN_VALUE;

    private NetworkProcessManager()
    {
    }

    /** Worker process: the same loop as on one host. */
    static void worker(final int workerId, final MessageQueue<Integer> taskQueue,
        final MessageQueue<Integer> resultQueue) throws InterruptedException
    {
        System.out.println("Process " + workerId + " started");
        while (true)
        {
            final Integer task = taskQueue.poll(1, TimeUnit.SECONDS);
            if (task == null)
            {
                continue;
            }
            if (task == NONE)
            {
                break;
            }
            resultQueue.put(processTask(task));
        }
        System.out.println("Process " + workerId + " terminated");
    }

    static int processTask(final int task) throws InterruptedException
    {
        Thread.sleep(100); // simulating work
        return task * 2;
    }

    /**
     * The manager: puts the tasks, starts {@code localWorkers} worker JVMs (more may join from
     * other machines), collects the results, then sends one {@code None} per worker.
     */
    static List<Integer> manage(final IpcContext ctx, final int tasks, final int localWorkers, final int allWorkers)
        throws InterruptedException
    {
        final MessageQueue<Integer> taskQueue = ctx.queue("task_queue", Codecs.int32());
        final MessageQueue<Integer> resultQueue = ctx.queue("result_queue", Codecs.int32());
        for (int task = 0; task < tasks; task++)
        {
            taskQueue.put(task);
        }
        final List<JvmProcess> processes = new ArrayList<>();
        for (int i = 0; i < localWorkers; i++)
        {
            final int id = i;
            processes.add(JvmProcess.of(() -> worker(id, taskQueue, resultQueue)).start());
        }
        final List<Integer> results = new ArrayList<>();
        for (int n = 0; n < tasks; n++)
        {
            final Integer result = resultQueue.poll(60, TimeUnit.SECONDS);
            if (result == null)
            {
                break;
            }
            results.add(result);
        }
        for (int i = 0; i < allWorkers; i++)
        {
            taskQueue.put(NONE);
        }
        for (final JvmProcess p : processes)
        {
            if (!p.join(Duration.ofSeconds(30)))
            {
                p.kill();
            }
        }
        return results;
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length > 0 && args[0].equals("worker"))
        {
            final Path secret = Paths.get(args[5]);
            try (IpcContext ctx = IpcContext.builder().network(NetworkOptions.node(args[2], 0)
                .home(args[3], Integer.parseInt(args[4])).secretFile(secret)).build())
            {
                worker(Integer.parseInt(args[1]), ctx.openQueue("task_queue", Codecs.int32()),
                    ctx.openQueue("result_queue", Codecs.int32()));
            }
            return;
        }
        final boolean home = args.length > 0 && args[0].equals("home");
        final String host = home ? args[1] : "127.0.0.1";
        final int port = home ? Integer.parseInt(args[2]) : freeUdpPort();
        final int tasks = home && args.length > 4 ? Integer.parseInt(args[4]) : 20;
        final int workers = home && args.length > 5 ? Integer.parseInt(args[5]) : 3;
        final NetworkOptions options = NetworkOptions.node(host, port);
        try (IpcContext ctx = IpcContext.builder().network(home ? options.secretFile(Paths.get(args[3])) :
            options.secret(randomSecret())).build())
        {
            final List<Integer> results = manage(ctx, tasks, home ? 0 : workers, workers);
            System.out.println("Processed " + results.size() + " tasks");
            System.out.println("Results: " + results);
        }
    }

    private static int freeUdpPort() throws java.io.IOException
    {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private static byte[] randomSecret()
    {
        final byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        return secret;
    }
}
