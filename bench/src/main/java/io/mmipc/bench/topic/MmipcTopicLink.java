package io.mmipc.bench.topic;

import io.mmipc.MessageHandler;
import io.mmipc.Topic;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * An mmipc {@link Topic} pair: requests out (or in), replies in (or out), at the zero-copy level
 * (offer from a buffer, a handler that checksums in place) or through the codec ({@code byte[]}
 * objects, each decoded array checksummed).
 */
final class MmipcTopicLink extends FanOutLink implements MessageHandler
{
    private final Topic.Publisher<byte[]> out;
    private final Topic.Subscription<byte[]> in;
    private final boolean codec;
    private final UnsafeBuffer message;

    MmipcTopicLink(final Topic<byte[]> outTopic, final Topic<byte[]> inTopic, final int size, final boolean codec)
    {
        super(size);
        this.in = inTopic.subscribe(); // before anything is published to it
        this.out = outTopic.publisher();
        this.codec = codec;
        this.message = new UnsafeBuffer(payload);
    }

    @Override
    boolean offer()
    {
        return codec ? out.offer(payload) : out.offer(message, 0, size);
    }

    @Override
    int poll(final int limit)
    {
        if (!codec)
        {
            return in.poll(this, limit);
        }
        int messages = 0;
        byte[] got;
        while (messages < limit && (got = in.poll()) != null)
        {
            received.add(got);
            messages++;
        }
        return messages;
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        received.add(buffer, offset, length);
    }

    @Override
    long lapped()
    {
        return in.missed();
    }

    @Override
    public void close()
    {
        out.close();
        in.close();
    }
}
