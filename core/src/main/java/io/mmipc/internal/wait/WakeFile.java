package io.mmipc.internal.wait;

import io.mmipc.internal.file.SharedFile;

import java.nio.file.Path;

/**
 * A wake word that has a small file of its own, for waits whose shared state lives elsewhere (the
 * durable log's readers: Chronicle's files are not ours; the Pool's dispatcher: it waits on many
 * pipes and an in-JVM queue at once). Sleepers take the word between {@link #enterWait()} and
 * {@link #exitWait()}, which keep the file mapped while they may touch it; publishers
 * {@link #signal()} it, which does nothing once the file is closed.
 */
public final class WakeFile implements AutoCloseable
{
    private final SharedFile file;
    private final WakeWord word;

    /**
     * @param file       the mapped file; this object closes it.
     * @param wakeOffset the offset of the wake slot in the file's body ({@link WakeWordDescriptor}).
     */
    public WakeFile(final SharedFile file, final int wakeOffset)
    {
        this.file = file;
        this.word = WakeWord.of(file.body(), wakeOffset);
    }

    public Path path()
    {
        return file.path();
    }

    /**
     * Wakes the sleepers, in any process: a full fence, and a system call only when someone sleeps.
     * Does nothing once the file is closed (whatever was published stays published).
     */
    public void signal()
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
     * Begins a wait: the file stays mapped until {@link #exitWait()}.
     *
     * @return the word to sleep on.
     * @throws IllegalStateException when the file is closed.
     */
    public WakeWord enterWait()
    {
        file.enter();
        return word;
    }

    public void exitWait()
    {
        file.exit();
    }

    /**
     * @return the word, for its counters.
     */
    public WakeWord word()
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
        return "WakeFile(" + file.path() + ", " + word + ")";
    }
}
