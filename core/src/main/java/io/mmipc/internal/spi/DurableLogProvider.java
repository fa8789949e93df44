package io.mmipc.internal.spi;

import io.mmipc.DurableLog;
import io.mmipc.DurableLogConfig;

import java.util.function.Supplier;

/**
 * Opens durable logs; implemented by {@code mmipc-ipc-chronicle}. An implementation must not load
 * its storage library before {@link #open} is first called (a user who never opens a log never
 * loads it), and must prepare that library's global settings before it loads.
 * <p>
 * A log travels as a {@link Handle} whose directory is the log's own directory: a log lives in no
 * context directory, so re-opening it needs no context.
 */
public interface DurableLogProvider extends ObjectProvider
{
    /**
     * Creates the log in {@code config.directory()} when absent, or opens it.
     */
    DurableLog open(DurableLogConfig config);

    /**
     * Re-opens the log {@code handle} names without asking for {@code context}. Reading a handle
     * creates nothing: the log is opened, and checked, when it is first used.
     */
    @Override
    Object reopen(Handle handle, Supplier<TransportContext> context);

    @Override
    default Object reopen(final TransportContext ctx, final Handle handle)
    {
        return reopen(handle, () -> ctx);
    }
}
