package io.mmipc.agrona.queue;

import io.mmipc.IpcContext;
import io.mmipc.PipeOptions;
import io.mmipc.codec.Codecs;

/**
 * The channel contract on a pipe: end 2 sends, end 1 receives.
 */
class PipeContractTest extends ChannelContractTest
{
    @Override
    Channel open(final IpcContext ctx, final int capacity, final int maxMessageLength)
    {
        return new PipeChannel(ctx.pipe("pipe", Codecs.bytes(), PipeOptions.defaults().capacity(capacity)
            .maxMessageLength(maxMessageLength)), capacity, maxMessageLength);
    }
}
