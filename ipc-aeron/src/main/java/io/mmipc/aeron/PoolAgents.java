package io.mmipc.aeron;

import io.mmipc.internal.pool.WorkerLauncher;
import io.mmipc.internal.spi.PoolAgentProvider;
import io.mmipc.internal.spi.TransportContext;

/**
 * The {@code "aeron"} transport's way to start pool workers on other nodes: through a
 * {@link PoolAgent} there ({@link AgentLauncher}).
 */
public final class PoolAgents implements PoolAgentProvider
{
    @Override
    public String transport()
    {
        return AeronMessaging.TRANSPORT;
    }

    @Override
    public WorkerLauncher agent(final TransportContext ctx, final String agent)
    {
        return new AgentLauncher(ctx, AeronMessaging.node(ctx), agent);
    }
}
