package io.mmipc.agrona.queue;

import io.mmipc.MessageHandler;
import io.mmipc.MessageQueue;
import io.mmipc.Pipe;
import io.mmipc.PipeEnd;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;

/**
 * A pipe as {@link ChannelContractTest} drives it: end 2 sends, end 1 receives.
 */
final class PipeChannel implements ChannelContractTest.Channel
{
    private final PipeEnd<byte[]> sender;
    private final PipeEnd<byte[]> receiver;
    private final int maxMessageLength;
    private final int maxInlineLength;

    PipeChannel(final Pipe<byte[]> pipe, final int capacity, final int maxMessageLength)
    {
        this.sender = pipe.end2();
        this.receiver = pipe.end1();
        this.maxMessageLength = maxMessageLength;
        this.maxInlineLength = ChannelDescriptor.maxInlineLength(capacity, maxMessageLength);
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            if (length < 0)
            {
                sender.send(buffer, offset, length); // the end's own check refuses it
                throw new AssertionError("a negative length was sent");
            }
            return sender.send(copy(buffer, offset, length), 0, TimeUnit.NANOSECONDS);
        }
        catch (final InterruptedException ex)
        {
            throw new AssertionError("a send that does not wait was interrupted", ex);
        }
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length, final long timeout,
        final TimeUnit unit) throws InterruptedException
    {
        return sender.send(copy(buffer, offset, length), timeout, unit);
    }

    @Override
    public void put(final DirectBuffer buffer, final int offset, final int length) throws InterruptedException
    {
        sender.send(buffer, offset, length);
    }

    @Override
    public boolean poll(final MessageHandler handler)
    {
        if (!receiver.poll())
        {
            return false;
        }
        try
        {
            receiver.recv(handler); // poll said it does not wait
            return true;
        }
        catch (final InterruptedException ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Override
    public boolean poll(final MessageHandler handler, final long timeout, final TimeUnit unit)
        throws InterruptedException
    {
        if (!receiver.poll(timeout, unit))
        {
            return false;
        }
        receiver.recv(handler);
        return true;
    }

    @Override
    public boolean offer(final byte[] value)
    {
        try
        {
            return sender.send(value, 0, TimeUnit.NANOSECONDS);
        }
        catch (final InterruptedException ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Override
    public byte[] poll()
    {
        try
        {
            return receiver.poll() ? receiver.recv() : null;
        }
        catch (final InterruptedException ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Override
    public byte[] poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return receiver.recv(timeout, unit);
    }

    @Override
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    @Override
    public int maxInlineLength()
    {
        return maxInlineLength;
    }

    @Override
    public MessageQueue<byte[]> queue()
    {
        return null;
    }

    @Override
    public void close()
    {
        sender.close();
        receiver.close();
    }

    private static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }
}
