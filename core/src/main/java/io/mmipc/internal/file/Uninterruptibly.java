package io.mmipc.internal.file;

import java.io.IOException;

/**
 * Runs file-channel work with the caller's interrupt status put aside. A {@code FileChannel}
 * closes itself when its thread is interrupted during, or with the status set before, any of
 * its operations ({@code ClosedByInterruptException}); opening or mapping a shared file is not a
 * wait, so an interrupt meant for the caller's next blocking call must not fail it or close the
 * file under other threads. The status is restored afterwards, for that next call to see.
 */
final class Uninterruptibly
{
    @FunctionalInterface
    interface IoAction<T>
    {
        T run() throws IOException;
    }

    private Uninterruptibly()
    {
    }

    static <T> T call(final IoAction<T> action) throws IOException
    {
        final boolean interrupted = Thread.interrupted();
        try
        {
            return action.run();
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
