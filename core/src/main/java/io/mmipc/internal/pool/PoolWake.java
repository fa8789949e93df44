package io.mmipc.internal.pool;

import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFiles;
import io.mmipc.internal.wait.WakeWord;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A pool's wake word ({@link PoolWakeDescriptor}): the dispatcher sleeps on it between
 * {@link #enterWait()} and {@link #exitWait()} (which keep the file mapped meanwhile); whoever
 * gives it work {@link #signal()}s it. A dead worker signals nothing: the dispatcher sees it within
 * one sleep slice ({@link io.mmipc.internal.wait.Waiter#SLICE_NANOS}).
 */
final class PoolWake implements AutoCloseable
{
    private final SharedFile file;
    private final WakeWord word;

    private PoolWake(final SharedFile file)
    {
        this.file = file;
        this.word = WakeWord.of(file.body(), PoolWakeDescriptor.WAKE_OFFSET);
    }

    /**
     * Creates (or opens) the wake file of pool {@code poolName} in {@code dir}, owner-only.
     */
    static PoolWake create(final Path dir, final String poolName) throws IOException
    {
        return new PoolWake(SharedFiles.createOrOpen(dir, poolName + PoolWakeDescriptor.SUFFIX,
            PoolWakeDescriptor.spec()));
    }

    /**
     * Opens an existing wake file, in a worker.
     */
    static PoolWake open(final Path path) throws IOException
    {
        return new PoolWake(SharedFiles.open(path, PoolWakeDescriptor.spec()));
    }

    Path path()
    {
        return file.path();
    }

    /**
     * Wakes the dispatcher if it sleeps (a full fence; a system call only then). Does nothing once
     * the file is closed: the pool is over.
     */
    void signal()
    {
        try
        {
            file.enter();
        }
        catch (final IllegalStateException closed)
        {
            return;
        }
        try
        {
            word.signal();
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * @return the word to sleep on; the file stays mapped until {@link #exitWait()}.
     */
    WakeWord enterWait()
    {
        file.enter();
        return word;
    }

    void exitWait()
    {
        file.exit();
    }

    /**
     * @return the word, for its counters.
     */
    WakeWord word()
    {
        return word;
    }

    @Override
    public void close()
    {
        file.close();
    }

    @Override
    public String toString()
    {
        return "PoolWake(" + file.path() + ", " + word + ")";
    }
}
