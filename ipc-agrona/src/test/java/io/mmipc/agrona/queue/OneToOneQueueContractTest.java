package io.mmipc.agrona.queue;

import io.mmipc.Idle;
import io.mmipc.IpcContext;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codecs;

import java.time.Duration;

/**
 * The channel contract on the one-to-one queue.
 */
class OneToOneQueueContractTest extends ChannelContractTest
{
    @Override
    Channel open(final IpcContext ctx, final int capacity, final int maxMessageLength)
    {
        return new QueueChannel(ctx.queue("o2o", Codecs.bytes(), QueueOptions.defaults().oneToOne(true)
            .capacity(capacity).maxMessageLength(maxMessageLength).idle(Idle.backoff())
            .deadProcessTimeout(Duration.ofSeconds(10))));
    }
}
