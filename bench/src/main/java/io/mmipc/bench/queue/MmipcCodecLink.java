package io.mmipc.bench.queue;

import io.mmipc.MessageQueue;
import io.mmipc.bench.support.Payload;

/**
 * An mmipc queue used at the object level: a byte[] encoded and decoded by the queue's codec.
 */
final class MmipcCodecLink extends Link
{
    private final MessageQueue<byte[]> queue;
    private final byte[] message;

    MmipcCodecLink(final MessageQueue<byte[]> queue, final int size)
    {
        super(size);
        this.queue = queue;
        this.message = Payload.create(size);
    }

    @Override
    public boolean offer()
    {
        return queue.offer(message);
    }

    @Override
    public int poll(final int limit)
    {
        int count = 0;
        byte[] got;
        while (count < limit && (got = queue.poll()) != null)
        {
            received.add(got);
            count++;
        }
        return count;
    }

    @Override
    public void close()
    {
        queue.close();
    }
}
