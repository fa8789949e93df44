package io.mmipc.agrona.queue;

import io.mmipc.MessageHandler;
import io.mmipc.MessageQueue;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;

/**
 * A queue as {@link ChannelContractTest} drives it: one object that sends and receives.
 */
final class QueueChannel implements ChannelContractTest.Channel
{
    private final MessageQueue<byte[]> queue;

    QueueChannel(final MessageQueue<byte[]> queue)
    {
        this.queue = queue;
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return queue.offer(buffer, offset, length);
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length, final long timeout,
        final TimeUnit unit) throws InterruptedException
    {
        return queue.offer(buffer, offset, length, timeout, unit);
    }

    @Override
    public void put(final DirectBuffer buffer, final int offset, final int length) throws InterruptedException
    {
        queue.put(buffer, offset, length);
    }

    @Override
    public boolean poll(final MessageHandler handler)
    {
        return queue.poll(handler);
    }

    @Override
    public boolean poll(final MessageHandler handler, final long timeout, final TimeUnit unit)
        throws InterruptedException
    {
        return queue.poll(handler, timeout, unit);
    }

    @Override
    public boolean offer(final byte[] value)
    {
        return queue.offer(value);
    }

    @Override
    public byte[] poll()
    {
        return queue.poll();
    }

    @Override
    public byte[] poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return queue.poll(timeout, unit);
    }

    @Override
    public int maxMessageLength()
    {
        return queue.maxMessageLength();
    }

    @Override
    public int maxInlineLength()
    {
        return queue.maxInlineLength();
    }

    @Override
    public MessageQueue<byte[]> queue()
    {
        return queue;
    }

    @Override
    public void close()
    {
        queue.close();
    }
}
