package io.mmipc.aeron;

import io.mmipc.MessageQueue;
import io.mmipc.Pipe;
import io.mmipc.PipeOptions;
import io.mmipc.ProcessLogging;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.pool.WorkerLauncher;
import io.mmipc.internal.pool.WorkerProcess;
import io.mmipc.internal.pool.WorkerRequest;
import io.mmipc.internal.spi.TransportContext;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A pool's side of one {@link PoolAgent}: puts {@link AgentMessages.Start} requests on the
 * agent's queue (homed here) and makes a control pipe per worker ({@link RemoteWorker}).
 * <p>
 * It gives up on the agent, for good, when a worker's start is not answered within
 * {@link #startTimeoutNs} or a control pipe ends before its worker's exit was reported (the
 * agent's node fell silent for the peer timeout, or the agent ended): the pool then starts
 * replacements on its own host, so a lost node never makes it wait again.
 */
final class AgentLauncher implements WorkerLauncher
{
    private final TransportContext ctx;
    private final AeronNode node;
    private final String agent;
    private final MessageQueue<byte[]> requests;
    private final long startTimeoutNs;
    private final List<RemoteWorker> workers = new CopyOnWriteArrayList<>();
    private volatile String lost;

    AgentLauncher(final TransportContext ctx, final AeronNode node, final String agent)
    {
        if (!node.isHome())
        {
            throw new IllegalArgumentException("a pool with remote workers runs on its context's home node " +
                node.homeHost() + ":" + node.homePort() + ", not on " + node);
        }
        this.ctx = ctx;
        this.node = node;
        this.agent = agent;
        this.requests = new AeronMessaging().queue(ctx, AgentMessages.queueName(agent), Codecs.bytes(),
            QueueOptions.defaults().maxMessageLength(AgentMessages.MAX_MESSAGE_LENGTH));
        // A JVM's start on a busy host takes seconds; the agent answers once it has started it.
        this.startTimeoutNs = TimeUnit.SECONDS.toNanos(20) + 2 * node.peerTimeoutNs();
    }

    @Override
    public WorkerProcess start(final WorkerRequest request)
    {
        final String reason = lost;
        if (reason != null)
        {
            throw new IllegalStateException("agent " + agent + " is gone: " + reason);
        }
        final String control = request.pipe().name() + ".ctl";
        final Pipe<byte[]> pipe = new AeronMessaging().pipe(ctx, control, Codecs.bytes(), PipeOptions.defaults());
        final byte[] message = AgentMessages.write(new AgentMessages.Start(request.name(), request.pipe().name(),
            control, request.maxMessageLength(), request.allowPatterns().toArray(String[]::new),
            request.maxTasksPerChild(), request.initializer(), request.jvmOptions().toArray(String[]::new)));
        try
        {
            if (!requests.offer(message, 1, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("the request queue of agent " + agent + " is full");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            pipe.end1().close();
            throw new IllegalStateException("interrupted while asking agent " + agent + " for a worker", ex);
        }
        catch (final RuntimeException ex)
        {
            pipe.end1().close();
            throw ex;
        }
        final RemoteWorker worker = new RemoteWorker(this, request.name(), pipe.end1(), startTimeoutNs);
        workers.add(worker);
        return worker;
    }

    String agent()
    {
        return agent;
    }

    /**
     * Called by a worker that learnt the agent is gone.
     */
    void lose(final String why)
    {
        if (lost == null)
        {
            lost = why;
            ProcessLogging.logger().warning(() -> "mmipc pool: agent " + agent + " is gone (" + why +
                "): its replacement workers start on this host");
        }
    }

    /**
     * @return why the agent was given up, or null while it is usable.
     */
    String lostReason()
    {
        return lost;
    }

    void forget(final RemoteWorker worker)
    {
        workers.remove(worker);
    }

    @Override
    public boolean isUsable()
    {
        return lost == null && !node.isClosed();
    }

    @Override
    public void close()
    {
        for (final RemoteWorker worker : workers)
        {
            worker.release();
        }
        workers.clear();
    }

    @Override
    public String toString()
    {
        return "agent " + agent + " of " + node;
    }
}
