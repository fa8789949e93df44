package io.mmipc.internal.spi;

import io.mmipc.DurableLog;
import io.mmipc.DurableLogConfig;

/**
 * Opens durable logs; implemented by {@code mmipc-ipc-chronicle}. An implementation must not load
 * its storage library before {@link #open} is first called (a user who never opens a log never
 * loads it), and must prepare that library's global settings before it loads.
 */
public interface DurableLogProvider
{
    /**
     * Creates the log in {@code config.directory()} when absent, or opens it.
     */
    DurableLog open(DurableLogConfig config);
}
