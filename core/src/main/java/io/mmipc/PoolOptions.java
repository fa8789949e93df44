package io.mmipc;

import io.mmipc.internal.file.Names;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link Pool} is made. Immutable: each setter returns a copy.
 */
public final class PoolOptions
{
    /** The largest task batch or result that crosses a worker's pipe: 256 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 256 << 20;

    private final int processes;
    private final int maxTasksPerChild;
    private final int prefetch;
    private final int maxMessageLength;
    private final List<String> jvmOptions;
    private final List<String> allowPatterns;
    private final Task initializer;
    private final Map<String, Integer> remoteWorkers;

    private PoolOptions(
        final int processes,
        final int maxTasksPerChild,
        final int prefetch,
        final int maxMessageLength,
        final List<String> jvmOptions,
        final List<String> allowPatterns,
        final Task initializer,
        final Map<String, Integer> remoteWorkers)
    {
        this.processes = processes;
        this.maxTasksPerChild = maxTasksPerChild;
        this.prefetch = prefetch;
        this.maxMessageLength = maxMessageLength;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.allowPatterns = List.copyOf(allowPatterns);
        this.initializer = initializer;
        this.remoteWorkers = Collections.unmodifiableMap(new LinkedHashMap<>(remoteWorkers));
    }

    /**
     * @return one worker per CPU (Python's {@code os.cpu_count()}), no task limit per worker.
     */
    public static PoolOptions defaults()
    {
        return new PoolOptions(Runtime.getRuntime().availableProcessors(), 0, 2, DEFAULT_MAX_MESSAGE_LENGTH,
            List.of(), List.of(), null, Map.of());
    }

    /**
     * @param count the number of worker JVMs on this host, Python's {@code Pool(processes=...)}; 0
     *              when every worker is remote ({@link #remoteWorkers}).
     */
    public PoolOptions processes(final int count)
    {
        if (count < 0)
        {
            throw new IllegalArgumentException("processes must not be negative, got " + count);
        }
        return new PoolOptions(count, maxTasksPerChild, prefetch, maxMessageLength, jvmOptions, allowPatterns,
            initializer, remoteWorkers);
    }

    /**
     * @param count how many task batches a worker runs before it is replaced by a fresh JVM (0: no limit);
     *              Python's {@code maxtasksperchild}.
     */
    public PoolOptions maxTasksPerChild(final int count)
    {
        if (count < 0)
        {
            throw new IllegalArgumentException("maxTasksPerChild must not be negative, got " + count);
        }
        return new PoolOptions(processes, count, prefetch, maxMessageLength, jvmOptions, allowPatterns,
            initializer, remoteWorkers);
    }

    /**
     * @param count how many batches each worker may hold at once: one running, the rest waiting in
     *              its pipe so it never idles between batches (default 2).
     */
    public PoolOptions prefetch(final int count)
    {
        if (count < 1)
        {
            throw new IllegalArgumentException("prefetch must be at least 1, got " + count);
        }
        return new PoolOptions(processes, maxTasksPerChild, count, maxMessageLength, jvmOptions, allowPatterns,
            initializer, remoteWorkers);
    }

    /**
     * @param bytes the largest serialized batch of tasks or of results (default 256 MiB).
     */
    public PoolOptions maxMessageLength(final int bytes)
    {
        if (bytes < 1024)
        {
            throw new IllegalArgumentException("maxMessageLength must be at least 1024, got " + bytes);
        }
        return new PoolOptions(processes, maxTasksPerChild, prefetch, bytes, jvmOptions, allowPatterns,
            initializer, remoteWorkers);
    }

    /**
     * @param options JVM options for the workers ({@code -Xmx2g}).
     */
    public PoolOptions jvmOptions(final String... options)
    {
        final List<String> more = new ArrayList<>(jvmOptions);
        more.addAll(List.of(options));
        return new PoolOptions(processes, maxTasksPerChild, prefetch, maxMessageLength, more, allowPatterns,
            initializer, remoteWorkers);
    }

    /**
     * Lets tasks, their arguments and their results carry classes of {@code packageName} (the
     * package of the class that writes the function is admitted already).
     */
    public PoolOptions allowPackage(final String packageName)
    {
        return allowPattern(Objects.requireNonNull(packageName, "packageName") + ".**");
    }

    public PoolOptions allowClass(final Class<?> type)
    {
        return allowPattern(type.getName());
    }

    private PoolOptions allowPattern(final String pattern)
    {
        final List<String> more = new ArrayList<>(allowPatterns);
        more.add(pattern);
        return new PoolOptions(processes, maxTasksPerChild, prefetch, maxMessageLength, jvmOptions, more,
            initializer, remoteWorkers);
    }

    /**
     * Python's {@code Pool(initializer=f, initargs=(a, b))}: {@code task} runs once in each worker
     * JVM, before its first task, in every replacement worker too; a lambda carries its arguments by
     * capturing them ({@code () -> init(a, b)}). It typically fills static state the tasks read.
     * <p>
     * A pool whose workers cannot initialize fails fast, where Python's keeps restarting them: an
     * initializer that throws (or a worker that dies before its initializer returned) makes
     * {@link IpcContext#pool} throw a {@link PoolInitializerException} carrying the remote stack
     * trace; when it happens to a replacement worker later, the pool is broken: calls not yet
     * handed to a worker, and every call after, fail with that exception, calls already running
     * finish, and no worker is started again. A failing initializer fails the same way in every
     * fresh JVM, so restarting would only loop.
     *
     * @param task the initializer (serializable; checked when the pool starts), or null for none.
     */
    public PoolOptions initializer(final Task task)
    {
        return new PoolOptions(processes, maxTasksPerChild, prefetch, maxMessageLength, jvmOptions, allowPatterns,
            task, remoteWorkers);
    }

    /**
     * @return the initializer each worker runs before its first task, or null.
     */
    public Task initializer()
    {
        return initializer;
    }

    /**
     * Adds {@code count} workers on another node of a network context, started there by the
     * agent named {@code agent} ({@code io.mmipc.aeron.PoolAgent}, which the user runs on that
     * node). A remote worker that dies, or whose node falls silent for the peer timeout, fails
     * the batches it held with a {@link WorkerDiedException} that names the node, and is replaced
     * through the same agent; once the agent stops answering, replacements start on this host.
     * The agent's class path is the workers' class path: it must hold mmipc and every class the
     * tasks, their arguments and results (and the initializer) use.
     *
     * @param agent the agent's name ({@code [A-Za-z0-9._-]}).
     * @param count how many workers it starts for this pool (replaces an earlier count for it).
     */
    public PoolOptions remoteWorkers(final String agent, final int count)
    {
        Names.validate("agent name", agent);
        if (count < 1)
        {
            throw new IllegalArgumentException("remote workers of agent " + agent + " must be at least 1, got " +
                count);
        }
        final Map<String, Integer> more = new LinkedHashMap<>(remoteWorkers);
        more.put(agent, count);
        return new PoolOptions(processes, maxTasksPerChild, prefetch, maxMessageLength, jvmOptions, allowPatterns,
            initializer, more);
    }

    /**
     * @return the remote workers per agent, in the order they were added.
     */
    public Map<String, Integer> remoteWorkers()
    {
        return remoteWorkers;
    }

    public int processes()
    {
        return processes;
    }

    /**
     * @return all workers: {@link #processes()} on this host and every agent's.
     */
    public int workers()
    {
        return processes + remoteWorkers.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int maxTasksPerChild()
    {
        return maxTasksPerChild;
    }

    public int prefetch()
    {
        return prefetch;
    }

    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    public List<String> jvmOptions()
    {
        return jvmOptions;
    }

    public List<String> allowPatterns()
    {
        return allowPatterns;
    }

    @Override
    public String toString()
    {
        return "PoolOptions{processes=" + processes + ", maxTasksPerChild=" + maxTasksPerChild + ", prefetch=" +
            prefetch + ", maxMessageLength=" + maxMessageLength + (initializer == null ? "" : ", initializer=" +
            initializer.getClass().getName()) +
            (remoteWorkers.isEmpty() ? "" : ", remoteWorkers=" + remoteWorkers) + "}";
    }
}
