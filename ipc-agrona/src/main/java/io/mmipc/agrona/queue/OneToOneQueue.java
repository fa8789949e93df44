package io.mmipc.agrona.queue;

import io.mmipc.EndOfStreamException;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.spi.Handles;
import io.mmipc.MessageHandler;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codec;
import io.mmipc.internal.file.SharedFile;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import static io.mmipc.agrona.queue.QueueDescriptor.*;

/**
 * The fast path: one producer and one consumer, on Agrona's {@code OneToOneRingBuffer}.
 * <p>
 * The producer's token sits in the one process slot, the consumer's in the consumer word; each
 * is taken on first use and refused to a second live holder. A producer that takes over from a
 * dead one first pads the dead one's open claim (Agrona's one-to-one ring cannot unblock it);
 * a consumer that takes over from a dead one skips the batch that one had taken. While the
 * producer slot names a dead process and nothing committed is left, the consumer gets
 * {@link EndOfStreamException}; a new producer process attaching ends that state.
 * <p>
 * Per message the producer pays one store for its count and the consumer one store for its taken
 * position, both on lines only they write.
 */
final class OneToOneQueue<T> extends AgronaQueue<T>
{
    private static final long serialVersionUID = 1L;

    private final transient OneToOneRingBuffer ring;
    private final transient int producerTokenIndex;
    private final transient int producedIndex;
    private transient boolean producing;
    private transient boolean consuming;
    private transient long produced;
    private transient int emptyReads;
    private transient long nextLivenessCheck;
    private final transient ProcessToken.Watch producerWatch = new ProcessToken.Watch();

    OneToOneQueue(final TransportContext ctx, final SharedFile file, final Codec<T> codec, final QueueOptions options,
        final int capacity, final int maxMessageLength)
    {
        super(ctx, file, codec, options, capacity, maxMessageLength, 1, false);
        this.ring = new OneToOneRingBuffer(reader.ring());
        this.producerTokenIndex = slotOffset(capacity, 0) + SLOT_TOKEN_OFFSET;
        this.producedIndex = slotOffset(capacity, 0) + SLOT_PRODUCED_OFFSET;
    }

    @Override
    public boolean isOneToOne()
    {
        return true;
    }

    @Override
    RingBuffer ring()
    {
        return ring;
    }

    @Override
    void ensureProducer()
    {
        if (!producing)
        {
            attachProducer();
        }
    }

    @Override
    void countProduced()
    {
        body.putLongRelease(producedIndex, ++produced);
    }

    @Override
    int tryRead(final MessageHandler handler, final int limit)
    {
        if (!consuming)
        {
            attachConsumer();
        }
        file.enter();
        try
        {
            final int read = reader.read(handler, limit);
            if (read == 0 && (++emptyReads & 0xFF) == 0)
            {
                checkProducer(false);
            }
            return read;
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    @Override
    void checkEndOfStream()
    {
        file.enter();
        try
        {
            checkProducer(true);
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * @throws EndOfStreamException when the producer died and nothing committed is left.
     */
    private void checkProducer(final boolean waiting)
    {
        final long producer = body.getLongVolatile(producerTokenIndex);
        if (producer == 0 || producer == token)
        {
            return;
        }
        final long now = System.nanoTime();
        if (!waiting && now - nextLivenessCheck < 0 && !producerWatch.knownDead(producer))
        {
            return;
        }
        nextLivenessCheck = now + (waiting ? LIVENESS_CHECK_NANOS : POLL_LIVENESS_CHECK_NANOS);
        if (!producerWatch.isAlive(producer) && (reader.isEmpty() || reader.isBlocked()))
        {
            throw new EndOfStreamException(describe() + ": its producer, " + ProcessToken.describe(producer) +
                ", died and everything it committed has been received; a new producer may attach and go on");
        }
    }

    private synchronized void attachProducer()
    {
        if (producing)
        {
            return;
        }
        file.enter();
        try
        {
            final long previous = claimExclusive(producerTokenIndex, "producer");
            if (previous != 0 && previous != token)
            {
                reader.padUncommitted(); // the dead producer's open claim would block the consumer forever
            }
            if (previous != token)
            {
                body.getAndAddLong(RETIRED_COUNT_OFFSET, body.getLongVolatile(producedIndex));
                body.putLongRelease(producedIndex, 0);
                produced = 0;
            }
            producing = true;
        }
        finally
        {
            file.exit();
        }
    }

    private synchronized void attachConsumer()
    {
        if (consuming)
        {
            return;
        }
        file.enter();
        try
        {
            final long previous = claimExclusive(CONSUMER_WORD_OFFSET, "consumer");
            if (previous != 0 && previous != token)
            {
                reader.skipTaken(); // at-most-once: what the dead consumer had taken stays taken
            }
            consuming = true;
        }
        finally
        {
            file.exit();
        }
    }

    @Override
    void deregister()
    {
        if (producing)
        {
            body.getAndAddLong(RETIRED_COUNT_OFFSET, produced);
            body.putLongRelease(producedIndex, 0);
            body.compareAndSetLong(producerTokenIndex, token, 0);
        }
        if (consuming)
        {
            body.compareAndSetLong(CONSUMER_WORD_OFFSET, token, 0);
        }
    }
}
