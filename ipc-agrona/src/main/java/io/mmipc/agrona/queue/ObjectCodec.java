package io.mmipc.agrona.queue;

import io.mmipc.codec.Codec;
import org.agrona.ExpandableDirectByteBuffer;

import java.util.Collection;

/**
 * The object level of a queue or pipe end, in one place: a value is encoded by the codec into a
 * per-thread scratch buffer and sent as bytes (inline, or through a spill file when large: the
 * sender decides); a message is decoded by a per-thread decoder while the receiver hands it
 * over. Nothing here touches the ring.
 */
final class ObjectCodec<T>
{
    private final Codec<T> codec;
    private final ThreadLocal<ExpandableDirectByteBuffer> scratch =
        ThreadLocal.withInitial(() -> new ExpandableDirectByteBuffer(256));
    private final ThreadLocal<DecodingHandler<T>> decoders;

    ObjectCodec(final Codec<T> codec)
    {
        this.codec = codec;
        this.decoders = ThreadLocal.withInitial(() -> new DecodingHandler<>(codec));
    }

    Codec<T> codec()
    {
        return codec;
    }

    /**
     * @return false when the ring stayed full for {@code timeoutNanos}.
     */
    boolean send(final RingSender sender, final T value, final long timeoutNanos) throws InterruptedException
    {
        final ExpandableDirectByteBuffer buffer = scratch.get();
        return sender.send(buffer, 0, codec.encode(value, buffer, 0), timeoutNanos);
    }

    /**
     * @return false, at once, when the ring is full.
     */
    boolean offer(final RingSender sender, final T value)
    {
        final ExpandableDirectByteBuffer buffer = scratch.get();
        return sender.offer(buffer, 0, codec.encode(value, buffer, 0));
    }

    /**
     * @return the next value, or null when none arrived within {@code timeoutNanos}.
     */
    T receive(final RingReceiver receiver, final long timeoutNanos) throws InterruptedException
    {
        final DecodingHandler<T> decoder = decoders.get();
        return receiver.receive(decoder, timeoutNanos) ? decoder.take() : null;
    }

    /**
     * @return the next value, or null at once when there is none.
     */
    T poll(final RingReceiver receiver)
    {
        final DecodingHandler<T> decoder = decoders.get();
        return receiver.poll(decoder, 1) > 0 ? decoder.take() : null;
    }

    int drainTo(final RingReceiver receiver, final Collection<? super T> target, final int maxElements)
    {
        if (target == null)
        {
            throw new NullPointerException("target");
        }
        return maxElements <= 0 ? 0 :
            receiver.poll((buffer, offset, length) -> target.add(codec.decode(buffer, offset, length)), maxElements);
    }
}
