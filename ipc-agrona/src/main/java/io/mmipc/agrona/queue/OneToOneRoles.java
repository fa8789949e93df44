package io.mmipc.agrona.queue;

import io.mmipc.internal.file.SharedFile;
import org.agrona.concurrent.AtomicBuffer;

import static io.mmipc.agrona.queue.QueueDescriptor.SLOT_PRODUCED_OFFSET;

/**
 * The members of a one-to-one queue: one producer, whose owner word and count are in the one
 * process slot, and one consumer, whose owner word is the consumer word ({@link QueueDescriptor}).
 * Each is a {@link Role}: taken on first use, refused to a second live holder, taken over from a
 * dead one. A producer that takes over pads the dead one's open claim (Agrona's one-to-one ring
 * cannot unblock it); a consumer that takes over skips the batch the dead one had taken.
 */
final class OneToOneRoles implements QueueMembers
{
    private final SharedFile file;
    private final AtomicBuffer body;
    private final RingChannel channel;
    private final Role producer;
    private final Role consumer;
    private final int slotOffset;
    private volatile boolean producing;
    private volatile boolean consuming;

    /**
     * @param slotOffset the producer's process slot in the body.
     */
    OneToOneRoles(
        final SharedFile file, final RingChannel channel, final Role producer, final Role consumer, final int slotOffset)
    {
        this.file = file;
        this.body = file.body();
        this.channel = channel;
        this.producer = producer;
        this.consumer = consumer;
        this.slotOffset = slotOffset;
    }

    @Override
    public int attachProducer()
    {
        file.enter();
        try
        {
            if (producer.claim())
            {
                RingRepair.padUncommitted(channel); // the dead producer's open claim would block the consumer forever
            }
            QueueMembers.retire(body, slotOffset); // what an earlier producer counted
            producing = true;
            return slotOffset + SLOT_PRODUCED_OFFSET;
        }
        finally
        {
            file.exit();
        }
    }

    @Override
    public boolean attachConsumer()
    {
        file.enter();
        try
        {
            final boolean tookOver = consumer.claim();
            if (tookOver)
            {
                RingRepair.skipTaken(channel, consumer.word()); // at-most-once: what the dead consumer had taken stays taken
            }
            consuming = true;
            return tookOver;
        }
        finally
        {
            file.exit();
        }
    }

    @Override
    public void leave()
    {
        if (producing)
        {
            QueueMembers.retire(body, slotOffset);
            producer.release();
        }
        if (consuming)
        {
            consumer.release();
        }
    }
}
