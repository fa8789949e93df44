package io.mmipc.internal.pool;

import io.mmipc.IpcContext;
import io.mmipc.Pipe;
import io.mmipc.PipeOptions;
import io.mmipc.PoolOptions;
import io.mmipc.ProcessLogging;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.spi.PoolAgentProvider;
import io.mmipc.internal.spi.Providers;
import io.mmipc.internal.spi.TransportContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where each worker slot of a pool starts its worker: on this host, or through the agent the slot
 * belongs to ({@link PoolOptions#remoteWorkers}). A slot whose agent stopped answering (its
 * launcher is no longer {@link WorkerLauncher#isUsable usable}) or refused starts its replacement
 * on this host: a lost node costs capacity, never a hang or an endless round of failed starts.
 * Used by the dispatcher thread (and its constructor) only.
 */
final class WorkerStarts implements AutoCloseable
{
    private static final AtomicInteger WORKER_NAMES = new AtomicInteger();

    private final IpcContext ctx;
    private final PoolOptions options;
    private final String poolName;
    private final List<String> allowPatterns;
    private final String wakePath;
    private final byte[] initializer;
    private final WorkerLauncher local = new LocalWorkers();
    private final Map<String, WorkerLauncher> agents = new LinkedHashMap<>();
    /** Per slot: the agent that starts its workers, or null for this host. */
    private final String[] slotAgents;
    private int generation;

    WorkerStarts(final IpcContext ctx, final TransportContext transport, final PoolOptions options,
        final String poolName, final List<String> allowPatterns, final String wakePath, final byte[] initializer)
    {
        this.ctx = ctx;
        this.options = options;
        this.poolName = poolName;
        this.allowPatterns = allowPatterns;
        this.wakePath = wakePath;
        this.initializer = initializer;
        this.slotAgents = new String[options.workers()];
        if (slotAgents.length == 0)
        {
            throw new IllegalArgumentException("a pool needs at least one worker: " + options);
        }
        int slot = options.processes();
        for (final Map.Entry<String, Integer> remote : options.remoteWorkers().entrySet())
        {
            if (transport.network() == null)
            {
                throw new IllegalArgumentException("remote workers (agent " + remote.getKey() + ") need a network " +
                    "context: build it with IpcContext.builder().network(NetworkOptions...)");
            }
            try
            {
                agents.put(remote.getKey(), Providers.get(PoolAgentProvider.class, transport.transport(),
                    PoolAgentProvider.MODULE).agent(transport, remote.getKey()));
            }
            catch (final RuntimeException ex)
            {
                close();
                throw ex;
            }
            for (int i = 0; i < remote.getValue(); i++)
            {
                slotAgents[slot++] = remote.getKey();
            }
        }
    }

    int slots()
    {
        return slotAgents.length;
    }

    /**
     * Makes the slot's pipe and starts its worker.
     */
    WorkerSlot start(final int slot, final boolean ready)
    {
        final Pipe<byte[]> pipe = ctx.pipe(poolName + "-w" + slot + "-" + (generation++), Codecs.bytes(),
            PipeOptions.defaults().maxMessageLength(options.maxMessageLength()));
        final WorkerRequest request = new WorkerRequest("PoolWorker-" + WORKER_NAMES.incrementAndGet(), pipe,
            wakePath, allowPatterns, options.maxTasksPerChild(), initializer, options.jvmOptions(),
            options.maxMessageLength());
        final String agent = slotAgents[slot];
        final WorkerLauncher remote = agent == null ? null : agents.get(agent);
        WorkerProcess process = null;
        if (remote != null && remote.isUsable())
        {
            try
            {
                process = remote.start(request);
            }
            catch (final RuntimeException ex)
            {
                ProcessLogging.logger().warning(() -> poolName + ": agent " + agent + " cannot start " +
                    request.name() + " (" + ex.getMessage() + "); it starts on this host");
            }
        }
        else if (remote != null)
        {
            ProcessLogging.logger().warning(() -> poolName + ": agent " + agent + " is gone; " + request.name() +
                " starts on this host");
        }
        if (process == null)
        {
            try
            {
                process = local.start(request);
            }
            catch (final RuntimeException | Error ex)
            {
                pipe.end1().close();
                throw ex;
            }
        }
        return new WorkerSlot(slot, process, pipe, ready);
    }

    @Override
    public void close()
    {
        for (final WorkerLauncher launcher : agents.values())
        {
            try
            {
                launcher.close();
            }
            catch (final RuntimeException ex)
            {
                ProcessLogging.logger().warning(() -> poolName + ": cannot close " + launcher + ": " + ex);
            }
        }
    }
}
