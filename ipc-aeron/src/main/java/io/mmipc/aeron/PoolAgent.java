package io.mmipc.aeron;

import io.mmipc.EndOfStreamException;
import io.mmipc.IpcContext;
import io.mmipc.IpcContextBuilder;
import io.mmipc.JvmProcess;
import io.mmipc.MessageQueue;
import io.mmipc.NetworkOptions;
import io.mmipc.PipeEnd;
import io.mmipc.PipeOptions;
import io.mmipc.ProcessLogging;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.pool.WorkerRequest;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts {@link io.mmipc.Pool} workers on its node for pools on the home node
 * ({@code PoolOptions.remoteWorkers(name, count)}). Run one per node, as the user who runs the
 * pool, with the context's secret:
 * <pre>
 *   java -cp APP_AND_MMIPC_JARS io.mmipc.aeron.PoolAgent --node HOST[:PORT] --home HOST:PORT
 *        --secret-file FILE --agent NAME [--peer-timeout-ms MS] [--root DIR]
 * </pre>
 * It takes {@link AgentMessages.Start} requests from its queue on the home node (authenticated
 * and read through {@link AgentMessages#FILTER}: anything else is refused and logged) and starts
 * one worker JVM per request with its own class path: that class path must hold mmipc and every
 * class the pool's tasks, arguments, results and initializer use. The agent makes the worker's
 * task itself ({@link WorkerRequest#poolWorker}): it starts pool workers and nothing else. It
 * reports each worker's pid, then its exit code, on the worker's control pipe, and kills the
 * worker when the pool asks or when the control pipe ends (the pool closed, or its node fell
 * silent). The workers are its child JVMs: they end when it is killed.
 */
public final class PoolAgent implements AutoCloseable
{
    /** How long the agent's loops wait at most before they look at whether they should stop. */
    private static final long POLL_MS = 200;

    private final IpcContext ctx;
    private final String name;
    private final String node;
    private final MessageQueue<byte[]> requests;
    private final Thread loop;
    private volatile boolean running = true;

    private PoolAgent(final IpcContext ctx, final String name)
    {
        if (ctx.network() == null || ctx.network().homeHost() == null)
        {
            throw new IllegalArgumentException("a pool agent needs a network context that names its home node: " + ctx);
        }
        this.ctx = ctx;
        this.name = name;
        this.node = ctx.network().host();
        this.requests = ctx.queue(AgentMessages.queueName(name), Codecs.bytes(),
            QueueOptions.defaults().maxMessageLength(AgentMessages.MAX_MESSAGE_LENGTH));
        this.loop = new Thread(this::takeRequests, "mmipc-agent-" + name);
        loop.setDaemon(true);
    }

    /**
     * Starts the agent {@code name} on the node of {@code ctx} (a network context whose home is the pool's).
     */
    public static PoolAgent start(final IpcContext ctx, final String name)
    {
        final PoolAgent agent = new PoolAgent(ctx, name);
        agent.loop.start();
        return agent;
    }

    public static void main(final String[] args) throws Exception
    {
        String nodeHost = null;
        int nodePort = 0;
        String homeHost = null;
        int homePort = 0;
        String secretFile = null;
        String agentName = null;
        long peerTimeoutMs = NetworkOptions.DEFAULT_PEER_TIMEOUT.toMillis();
        String root = null;
        for (int i = 0; i < args.length; i++)
        {
            final String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--node" -> { nodeHost = host(value); nodePort = port(value, 0); }
                case "--home" -> { homeHost = host(value); homePort = port(value, -1); }
                case "--secret-file" -> secretFile = value;
                case "--agent" -> agentName = value;
                case "--peer-timeout-ms" -> peerTimeoutMs = Long.parseLong(String.valueOf(value));
                case "--root" -> root = value;
                default -> throw usage("unknown argument " + args[i]);
            }
            i++;
        }
        if (nodeHost == null || homeHost == null || homePort <= 0 || secretFile == null || agentName == null)
        {
            throw usage("--node, --home HOST:PORT, --secret-file and --agent are required");
        }
        final IpcContextBuilder builder = IpcContext.builder().network(NetworkOptions.node(nodeHost, nodePort)
            .home(homeHost, homePort).secretFile(Paths.get(secretFile)).peerTimeout(Duration.ofMillis(peerTimeoutMs)));
        final Thread main = Thread.currentThread();
        try (IpcContext ctx = (root == null ? builder : builder.root(Paths.get(root))).build();
            PoolAgent agent = start(ctx, agentName))
        {
            // SIGTERM (kill, Ctrl-C): stop taking requests and let this thread close the context and its node.
            Runtime.getRuntime().addShutdownHook(new Thread(() ->
            {
                agent.close();
                joinQuietly(main, TimeUnit.SECONDS.toMillis(10));
            }, "mmipc-agent-" + agentName + "-exit"));
            System.out.println("mmipc pool agent " + agentName + " on " + nodeHost + " serves the pools of " +
                homeHost + ":" + homePort);
            agent.loop.join();
        }
    }

    private static void joinQuietly(final Thread thread, final long millis)
    {
        try
        {
            thread.join(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static IllegalArgumentException usage(final String problem)
    {
        return new IllegalArgumentException(problem + "; usage: PoolAgent --node HOST[:PORT] --home HOST:PORT " +
            "--secret-file FILE --agent NAME [--peer-timeout-ms MS] [--root DIR]");
    }

    private static String host(final String value)
    {
        if (value == null || value.isEmpty())
        {
            throw usage("an address is missing");
        }
        final int colon = value.lastIndexOf(':');
        return colon > 0 && value.indexOf(':') == colon ? value.substring(0, colon) : value;
    }

    private static int port(final String value, final int none)
    {
        final int colon = value.lastIndexOf(':');
        return colon > 0 && value.indexOf(':') == colon ? Integer.parseInt(value.substring(colon + 1)) : none;
    }

    private void takeRequests()
    {
        while (running)
        {
            final byte[] bytes;
            try
            {
                bytes = requests.poll(POLL_MS, TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            catch (final RuntimeException ex)
            {
                if (running)
                {
                    ProcessLogging.logger().warning(() -> "agent " + name + ": cannot read its queue: " + ex);
                    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1)); // the home may be restarting: back off
                }
                continue;
            }
            if (bytes != null)
            {
                accept(bytes);
            }
        }
    }

    private void accept(final byte[] bytes)
    {
        final Object message;
        try
        {
            message = AgentMessages.read(bytes);
        }
        catch (final IllegalStateException refused)
        {
            ProcessLogging.logger().warning(() -> "agent " + name + " refused a request: " + refused.getMessage());
            return;
        }
        if (!(message instanceof AgentMessages.Start start))
        {
            ProcessLogging.logger().warning(() -> "agent " + name + " refused a request: " +
                message.getClass().getName() + " is not a start request");
            return;
        }
        final Thread serve = new Thread(() -> serve(start), "mmipc-agent-" + name + "-" + start.worker());
        serve.setDaemon(true);
        serve.start();
    }

    /**
     * Runs one worker for its pool: start, report, watch, report its end.
     */
    private void serve(final AgentMessages.Start start)
    {
        final PipeEnd<byte[]> control = ctx.pipe(start.control(), Codecs.bytes(), PipeOptions.defaults()).end2();
        try
        {
            control.open();
        }
        catch (final IllegalStateException stale)
        {
            // The pool gave this worker up (or is gone) before the request was read: start nothing.
            ProcessLogging.logger().warning(() -> "agent " + name + " did not start " + start.worker() + ": " +
                stale.getMessage());
            control.close();
            return;
        }
        JvmProcess process = null;
        String why = null;
        try
        {
            final PipeEnd<byte[]> work = ctx.pipe(start.pipe(), Codecs.bytes(), PipeOptions.defaults()
                .maxMessageLength(start.maxMessageLength())).end2();
            process = JvmProcess.of(WorkerRequest.poolWorker(work, List.of(start.allowPatterns()),
                start.maxTasksPerChild(), start.initializer()))
                .name(start.worker())
                .daemon(true)
                .jvmOptions(start.jvmOptions());
            process.start();
            control.send(AgentMessages.write(new AgentMessages.Started(process.pid(), node)), POLL_MS,
                TimeUnit.MILLISECONDS);
            watch(process, control);
        }
        catch (final EndOfStreamException poolGone)
        {
            why = "its pool is gone";
        }
        catch (final InterruptedException ex)
        {
            why = "the agent was interrupted";
        }
        catch (final RuntimeException ex)
        {
            why = "the agent could not run it: " + ex;
            ProcessLogging.logger().warning(() -> "agent " + name + " could not run " + start.worker() + ": " + ex);
        }
        finally
        {
            report(start, control, process, why);
        }
    }

    private void watch(final JvmProcess process, final PipeEnd<byte[]> control) throws InterruptedException
    {
        while (process.isAlive())
        {
            final byte[] bytes = control.recv(POLL_MS, TimeUnit.MILLISECONDS);
            if (bytes == null)
            {
                continue;
            }
            final Object message;
            try
            {
                message = AgentMessages.read(bytes);
            }
            catch (final IllegalStateException refused)
            {
                ProcessLogging.logger().warning(() -> "agent " + name + " refused a message: " + refused.getMessage());
                continue;
            }
            if (message instanceof AgentMessages.Kill)
            {
                process.kill();
            }
            else
            {
                ProcessLogging.logger().warning(() -> "agent " + name + " refused " + message.getClass().getName() +
                    " on a control pipe");
            }
        }
    }

    private void report(final AgentMessages.Start start, final PipeEnd<byte[]> control, final JvmProcess process,
        final String why)
    {
        int code = -1;
        try
        {
            if (process != null && process.pid() > 0)
            {
                if (!process.join(Duration.ofMillis(POLL_MS)))
                {
                    process.kill(); // the pool is gone, or the agent failed: the worker must not outlive its watch
                    process.join(Duration.ofSeconds(10));
                }
                code = process.exitCode().orElse(-1);
            }
            control.send(AgentMessages.write(new AgentMessages.Exited(code, why)), POLL_MS, TimeUnit.MILLISECONDS);
            awaitPoolClose(control);
        }
        catch (final EndOfStreamException | IllegalStateException gone)
        {
            // the pool learns of the end from the closed pipe
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            control.close();
        }
    }

    /**
     * Leaves closing the control pipe to the pool, which does so once it has read the exit: a close
     * from this side could overtake the report. Bounded by twice the peer timeout.
     */
    private void awaitPoolClose(final PipeEnd<byte[]> control) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 2 * ctx.network().peerTimeout().toNanos();
        try
        {
            while (System.nanoTime() - deadline < 0)
            {
                control.recv(POLL_MS, TimeUnit.MILLISECONDS); // nothing more is expected but the end
            }
        }
        catch (final EndOfStreamException closed)
        {
            // the pool read the report
        }
    }

    /**
     * Stops taking requests; the workers it runs end with their pools (or with this JVM).
     */
    @Override
    public void close()
    {
        running = false;
        loop.interrupt();
    }

    @Override
    public String toString()
    {
        return "pool agent " + name + " on " + node;
    }
}
