package io.mmipc.agrona.queue;

import io.mmipc.MessageHandler;
import io.mmipc.codec.Codec;
import org.agrona.DirectBuffer;

/**
 * Decodes the one message it is handed and keeps the value until {@link #take()}: how the object
 * level of queues, pipes and topics receives through the zero-copy one. One per receiving thread.
 */
public final class DecodingHandler<T> implements MessageHandler
{
    private final Codec<T> codec;
    private T value;

    public DecodingHandler(final Codec<T> codec)
    {
        this.codec = codec;
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        value = codec.decode(buffer, offset, length);
    }

    /**
     * @return the value decoded last, or null; forgets it.
     */
    public T take()
    {
        final T result = value;
        value = null;
        return result;
    }
}
