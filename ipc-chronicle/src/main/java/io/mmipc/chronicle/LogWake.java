package io.mmipc.chronicle;

import io.mmipc.DurableLogException;
import io.mmipc.DurableLogException.Reason;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFiles;
import io.mmipc.internal.wait.WakeWord;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The log's wake word ({@link LogWakeDescriptor}): appenders {@link #signal()} it once Chronicle
 * has written a message; blocked reads sleep on it between {@link #enterWait()} and
 * {@link #exitWait()}, which keep the file mapped while they may touch it. An appender of an
 * mmipc without this file does not signal: its messages reach a sleeper at the end of the
 * sleeper's slice ({@link io.mmipc.internal.wait.Waiter#SLICE_NANOS}).
 */
final class LogWake implements AutoCloseable
{
    private final SharedFile file;
    private final WakeWord word;

    private LogWake(final SharedFile file)
    {
        this.file = file;
        this.word = WakeWord.of(file.body(), LogWakeDescriptor.WAKE_OFFSET);
    }

    /**
     * Opens the log's wake file, creating it (with the log's file permissions) when it is absent.
     */
    static LogWake open(final Path logDirectory, final Set<PosixFilePermission> permissions)
    {
        final Path path = logDirectory.resolve(LogWakeDescriptor.FILE_NAME);
        try
        {
            return new LogWake(SharedFiles.createOrOpenAt(path, LogWakeDescriptor.spec(), permissions));
        }
        catch (final IOException ex)
        {
            throw new DurableLogException(path, Reason.IO, "cannot open the log's wake file: " + ex.getMessage(), ex);
        }
    }

    /**
     * Wakes the log's sleeping readers, in any process; a full fence, and a system call only when
     * someone sleeps. Does nothing once the log is closed (the message is written either way).
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
     * Begins a blocked read: the file stays mapped until {@link #exitWait()}.
     *
     * @return the word to sleep on.
     * @throws IllegalStateException when the log is closed.
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
        return "LogWake(" + file.path() + ", " + word + ")";
    }
}
