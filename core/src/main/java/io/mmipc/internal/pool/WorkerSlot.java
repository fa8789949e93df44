package io.mmipc.internal.pool;

import io.mmipc.EndOfStreamException;
import io.mmipc.Pipe;
import io.mmipc.PipeEnd;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One worker JVM as the {@link Dispatcher} sees it: its process (here or on another node), the
 * parent's end of its pipe, the batches it holds in the order it was sent them. Used by the
 * dispatcher thread only.
 */
final class WorkerSlot
{
    final int slot;
    final WorkerProcess process;
    final Pipe<byte[]> pipe;
    final PipeEnd<byte[]> end;
    final ArrayDeque<Job> inFlight = new ArrayDeque<>();
    int sent;
    boolean retiring;
    /** Whether it ran the pool's initializer (true from the start when there is none): only then it gets batches. */
    boolean ready;

    WorkerSlot(final int slot, final WorkerProcess process, final Pipe<byte[]> pipe, final boolean ready)
    {
        this.slot = slot;
        this.process = process;
        this.pipe = pipe;
        this.end = pipe.end1();
        this.ready = ready;
    }

    static boolean noneInFlight(final WorkerSlot[] workers)
    {
        for (final WorkerSlot w : workers)
        {
            if (w != null && !w.inFlight.isEmpty())
            {
                return false;
            }
        }
        return true;
    }

    static void failInFlight(final WorkerSlot[] workers, final Throwable cause)
    {
        for (final WorkerSlot w : workers)
        {
            Job job;
            while (w != null && (job = w.inFlight.pollFirst()) != null)
            {
                job.result.completeExceptionally(cause);
            }
        }
    }

    String describe()
    {
        return process.name() + " (pid " + process.pid() + process.where() + ")";
    }

    /**
     * @param stillRunning whether it was alive a moment ago (its pipe ended first): then wait a second for it.
     * @return its exit code, or -1 when it is not known (yet).
     */
    int exitCode(final boolean stillRunning)
    {
        try
        {
            if (process.join(Duration.ofSeconds(stillRunning ? 1 : 0)))
            {
                return process.exitCode().orElse(-1);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    /**
     * Kills it, or asks it to finish (waiting up to a second for room in its pipe).
     */
    void stop(final boolean kill)
    {
        if (kill)
        {
            process.kill();
            return;
        }
        try
        {
            end.send(Messages.write(new Messages.Stop()), 1, TimeUnit.SECONDS);
        }
        catch (final EndOfStreamException | InterruptedException gone)
        {
            // it is ending anyway
        }
    }

    /**
     * Waits for the worker's JVM to end, killing it when it has not ended in 10 s.
     */
    void awaitExit()
    {
        try
        {
            if (!process.join(Duration.ofSeconds(10)))
            {
                process.kill();
                process.join(Duration.ofSeconds(10));
            }
        }
        catch (final InterruptedException ex)
        {
            process.kill();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the parent's end of its pipe and removes the pipe's file.
     */
    void release()
    {
        end.close();
        try
        {
            Files.deleteIfExists(pipe.path());
        }
        catch (final IOException ignore)
        {
            // the context removes its directory anyway
        }
    }
}
