package io.mmipc.internal.pool;

import io.mmipc.Pipe;
import io.mmipc.PipeEnd;
import io.mmipc.Task;

import java.util.List;

/**
 * What a {@link WorkerLauncher} needs to start one worker: the pipe it serves and the
 * {@link PoolWorker} settings. A launcher on this host makes the task with {@link #task(PipeEnd, boolean)};
 * an agent on another node gets the settings and makes it with {@link #poolWorker}.
 *
 * @param name             the worker's name.
 * @param pipe             its pipe; the dispatcher holds end 1.
 * @param wakePath         the pool's wake file on this host.
 * @param allowPatterns    the pool's allow-list.
 * @param maxTasksPerChild batches before it retires (0: no limit).
 * @param initializer      the serialized initializer, or null.
 * @param jvmOptions       the workers' JVM options.
 * @param maxMessageLength the pipe's largest message.
 */
public record WorkerRequest(String name, Pipe<byte[]> pipe, String wakePath, List<String> allowPatterns,
    int maxTasksPerChild, byte[] initializer, List<String> jvmOptions, int maxMessageLength)
{
    /**
     * @param wake whether the worker signals the pool's wake file (only a worker on this host can).
     * @return the worker task for end 2 of the pipe.
     */
    public Task task(final PipeEnd<byte[]> end, final boolean wake)
    {
        return new PoolWorker(end, allowPatterns, maxTasksPerChild, wake ? wakePath : null, initializer);
    }

    /**
     * The only task an agent starts: a pool worker on {@code end}, which signals no wake file
     * (the dispatcher on the other node re-polls within a wait slice).
     */
    public static Task poolWorker(final PipeEnd<byte[]> end, final List<String> allowPatterns,
        final int maxTasksPerChild, final byte[] initializer)
    {
        return new PoolWorker(end, allowPatterns, maxTasksPerChild, null, initializer);
    }
}
