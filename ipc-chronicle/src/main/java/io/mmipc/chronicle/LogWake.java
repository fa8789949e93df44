package io.mmipc.chronicle;

import io.mmipc.DurableLogException;
import io.mmipc.DurableLogException.Reason;
import io.mmipc.internal.file.SharedFiles;
import io.mmipc.internal.wait.WakeFile;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The log's wake file ({@link LogWakeDescriptor}): appenders signal it once Chronicle has written a
 * message; blocked reads sleep on its word. An appender of an mmipc without this file does not
 * signal: its messages reach a sleeper at the end of the sleeper's slice
 * ({@link io.mmipc.internal.wait.Waiter#SLICE_NANOS}).
 */
final class LogWake
{
    private LogWake()
    {
    }

    /**
     * Opens the log's wake file, creating it (with the log's file permissions) when it is absent.
     */
    static WakeFile open(final Path logDirectory, final Set<PosixFilePermission> permissions)
    {
        final Path path = logDirectory.resolve(LogWakeDescriptor.FILE_NAME);
        try
        {
            return new WakeFile(SharedFiles.createOrOpenAt(path, LogWakeDescriptor.spec(), permissions),
                LogWakeDescriptor.WAKE_OFFSET);
        }
        catch (final IOException ex)
        {
            throw new DurableLogException(path, Reason.IO, "cannot open the log's wake file: " + ex.getMessage(), ex);
        }
    }
}
