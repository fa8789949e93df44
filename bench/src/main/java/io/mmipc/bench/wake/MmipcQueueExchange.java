package io.mmipc.bench.wake;

import io.mmipc.MessageQueue;
import io.mmipc.bench.support.Payload;

/**
 * Two mmipc queues of {@code byte[]}, one each way, used with their blocking {@code put} and
 * {@code take}: whatever the queue's options say a wait does (by default a futex sleep, woken by
 * the sender) is what is measured.
 */
final class MmipcQueueExchange extends Exchange
{
    private final MessageQueue<byte[]> out;
    private final MessageQueue<byte[]> in;
    private final byte[] message;

    MmipcQueueExchange(final MessageQueue<byte[]> out, final MessageQueue<byte[]> in, final int size)
    {
        super(size);
        this.out = out;
        this.in = in;
        this.message = Payload.create(size);
    }

    @Override
    void send() throws InterruptedException
    {
        out.put(message);
    }

    @Override
    void receive() throws InterruptedException
    {
        received.add(in.take());
    }

    @Override
    public void close()
    {
        out.close();
        in.close();
    }
}
