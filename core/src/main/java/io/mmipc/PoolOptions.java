package io.mmipc;

import java.util.ArrayList;
import java.util.List;
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

    private PoolOptions(
        final int processes,
        final int maxTasksPerChild,
        final int prefetch,
        final int maxMessageLength,
        final List<String> jvmOptions,
        final List<String> allowPatterns)
    {
        this.processes = processes;
        this.maxTasksPerChild = maxTasksPerChild;
        this.prefetch = prefetch;
        this.maxMessageLength = maxMessageLength;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.allowPatterns = List.copyOf(allowPatterns);
    }

    /**
     * @return one worker per CPU (Python's {@code os.cpu_count()}), no task limit per worker.
     */
    public static PoolOptions defaults()
    {
        return new PoolOptions(Runtime.getRuntime().availableProcessors(), 0, 2, DEFAULT_MAX_MESSAGE_LENGTH,
            List.of(), List.of());
    }

    /**
     * @param count the number of worker JVMs, Python's {@code Pool(processes=...)}.
     */
    public PoolOptions processes(final int count)
    {
        if (count < 1)
        {
            throw new IllegalArgumentException("processes must be at least 1, got " + count);
        }
        return new PoolOptions(count, maxTasksPerChild, prefetch, maxMessageLength, jvmOptions, allowPatterns);
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
        return new PoolOptions(processes, count, prefetch, maxMessageLength, jvmOptions, allowPatterns);
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
        return new PoolOptions(processes, maxTasksPerChild, count, maxMessageLength, jvmOptions, allowPatterns);
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
        return new PoolOptions(processes, maxTasksPerChild, prefetch, bytes, jvmOptions, allowPatterns);
    }

    /**
     * @param options JVM options for the workers ({@code -Xmx2g}).
     */
    public PoolOptions jvmOptions(final String... options)
    {
        final List<String> more = new ArrayList<>(jvmOptions);
        more.addAll(List.of(options));
        return new PoolOptions(processes, maxTasksPerChild, prefetch, maxMessageLength, more, allowPatterns);
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
        return new PoolOptions(processes, maxTasksPerChild, prefetch, maxMessageLength, jvmOptions, more);
    }

    public int processes()
    {
        return processes;
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
            prefetch + ", maxMessageLength=" + maxMessageLength + "}";
    }
}
