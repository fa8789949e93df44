package io.mmipc.bench.queue;

import io.mmipc.MessageHandler;
import io.mmipc.MessageQueue;
import io.mmipc.bench.support.Payload;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * An mmipc queue used at the zero-copy level.
 */
final class MmipcZeroCopyLink extends Link implements MessageHandler
{
    private final MessageQueue<byte[]> queue;
    private final UnsafeBuffer message;

    MmipcZeroCopyLink(final MessageQueue<byte[]> queue, final int size)
    {
        super(size);
        this.queue = queue;
        this.message = new UnsafeBuffer(Payload.create(size));
    }

    @Override
    public boolean offer()
    {
        return queue.offer(message, 0, size);
    }

    @Override
    public int poll(final int limit)
    {
        return limit == 1 ? (queue.poll(this) ? 1 : 0) : queue.drain(this, limit);
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        received.add(buffer, offset, length);
    }

    @Override
    public void close()
    {
        queue.close();
    }
}
