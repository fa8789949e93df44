package io.mmipc.bench.queue;

import io.mmipc.MessageQueue;

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
        this.message = Messages.create(size);
    }

    @Override
    public boolean offer()
    {
        return queue.offer(message);
    }

    @Override
    public int poll(final int limit)
    {
        int received = 0;
        byte[] got;
        while (received < limit && (got = queue.poll()) != null)
        {
            checksum += Messages.firstLong(got) + got.length;
            received++;
        }
        return received;
    }

    @Override
    public void close()
    {
        queue.close();
    }
}
