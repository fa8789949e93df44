package io.mmipc.internal.pool;

import io.mmipc.internal.file.SharedFiles;
import io.mmipc.internal.wait.WakeFile;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A pool's wake file ({@link PoolWakeDescriptor}): the dispatcher sleeps on its word; whoever gives
 * it work signals it. A dead worker signals nothing: the dispatcher sees it within one sleep slice
 * ({@link io.mmipc.internal.wait.Waiter#SLICE_NANOS}).
 */
final class PoolWake
{
    private PoolWake()
    {
    }

    /**
     * Creates (or opens) the wake file of pool {@code poolName} in {@code dir}, owner-only.
     */
    static WakeFile create(final Path dir, final String poolName) throws IOException
    {
        return new WakeFile(SharedFiles.createOrOpen(dir, poolName + PoolWakeDescriptor.SUFFIX,
            PoolWakeDescriptor.spec()), PoolWakeDescriptor.WAKE_OFFSET);
    }

    /**
     * Opens an existing wake file, in a worker.
     */
    static WakeFile open(final Path path) throws IOException
    {
        return new WakeFile(SharedFiles.open(path, PoolWakeDescriptor.spec()), PoolWakeDescriptor.WAKE_OFFSET);
    }
}
