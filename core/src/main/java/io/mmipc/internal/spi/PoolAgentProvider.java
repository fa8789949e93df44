package io.mmipc.internal.spi;

import io.mmipc.internal.pool.WorkerLauncher;

/**
 * Starts {@link io.mmipc.Pool} workers on other nodes through an agent there (a network
 * transport provides it, found with {@link java.util.ServiceLoader} by the context's transport),
 * so the pool's dispatcher in core never imports a transport.
 */
public interface PoolAgentProvider extends ObjectProvider
{
    /** The artifact that provides it, for the error when it is missing. */
    String MODULE = "mmipc-ipc-aeron";

    /**
     * @param agent the agent's name, as its node started it.
     * @return a launcher that asks {@code agent} for workers; they serve pipes of {@code ctx}.
     */
    WorkerLauncher agent(TransportContext ctx, String agent);

    @Override
    default boolean reopens(final String kind)
    {
        return false;
    }

    @Override
    default Object reopen(final TransportContext ctx, final Handle handle)
    {
        throw new IllegalArgumentException(getClass().getName() + " re-opens no " + handle.kind());
    }
}
