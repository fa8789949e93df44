package io.mmipc.agrona.queue;

import io.mmipc.SharedStateCorruptedException;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.file.Path;

import static io.mmipc.agrona.queue.ChannelDescriptor.*;

/**
 * One direction of messages as mapped in this process ({@link ChannelDescriptor}): the consumer
 * slot, the ring with Agrona's trailer, its wake-ups ({@link ChannelWakes}), and what every
 * part of the channel needs to know about them: positions, sizes, where the ring lies in its file (for messages). The sender writes with
 * Agrona's own producer ({@link #newProducer()}); the receiver reads with {@link RingReader};
 * {@link RingRepair} mends what dead processes leave. Use only between the file's
 * {@code enter()} and {@code exit()}.
 */
final class RingChannel
{
    private final Path path;
    private final AtomicBuffer consumer;
    private final AtomicBuffer ring;
    private final long ringFileOffset;
    private final int capacity;
    private final int mask;
    private final int headPositionIndex;
    private final int tailPositionIndex;
    private final int maxInlineLength;
    private final boolean manyProducers;
    private final ChannelWakes wakes;

    /**
     * @param consumer       the consumer slot ({@link ChannelDescriptor#CONSUMER_SLOT_LENGTH} bytes).
     * @param ring           the records and Agrona's trailer ({@link ChannelDescriptor#ringLength}).
     * @param ringFileOffset where the ring starts in its file, for messages.
     * @param wakes          the wake words and may-sleep flags ({@link ChannelDescriptor#WAKES_LENGTH} bytes, off-heap).
     * @param manyProducers  true for a many-to-one ring, whose producers expect consumed space zeroed.
     */
    RingChannel(
        final Path path,
        final AtomicBuffer consumer,
        final AtomicBuffer ring,
        final AtomicBuffer wakes,
        final long ringFileOffset,
        final int capacity,
        final int maxInlineLength,
        final boolean manyProducers)
    {
        if (consumer.capacity() < CONSUMER_SLOT_LENGTH || ring.capacity() != ringLength(capacity))
        {
            throw new IllegalArgumentException("channel of " + path + ": consumer slot of " + consumer.capacity() +
                " bytes and ring of " + ring.capacity() + " do not fit a capacity of " + capacity);
        }
        this.path = path;
        this.consumer = consumer;
        this.ring = ring;
        this.ringFileOffset = ringFileOffset;
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.headPositionIndex = capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET;
        this.tailPositionIndex = capacity + RingBufferDescriptor.TAIL_POSITION_OFFSET;
        this.maxInlineLength = maxInlineLength;
        this.manyProducers = manyProducers;
        this.wakes = new ChannelWakes(wakes, manyProducers);
    }

    /**
     * @param body          the file's body.
     * @param channelOffset where the channel starts in the body.
     */
    static RingChannel inBody(
        final Path path,
        final AtomicBuffer body,
        final int channelOffset,
        final long bodyFileOffset,
        final int capacity,
        final int maxMessageLength,
        final boolean manyProducers)
    {
        return new RingChannel(
            path,
            new UnsafeBuffer(body, channelOffset, CONSUMER_SLOT_LENGTH),
            new UnsafeBuffer(body, channelOffset + RING_OFFSET, ringLength(capacity)),
            new UnsafeBuffer(body, channelOffset + wakesOffset(capacity), WAKES_LENGTH),
            bodyFileOffset + channelOffset + RING_OFFSET,
            capacity,
            ChannelDescriptor.maxInlineLength(capacity, maxMessageLength),
            manyProducers);
    }

    /**
     * @return a new Agrona producer over the ring: one-to-one, or many-to-one (a CAS on the tail).
     */
    RingBuffer newProducer()
    {
        return manyProducers ? new ManyToOneRingBuffer(ring) : new OneToOneRingBuffer(ring);
    }

    ChannelWakes wakes()
    {
        return wakes;
    }

    Path path()
    {
        return path;
    }

    AtomicBuffer ring()
    {
        return ring;
    }

    AtomicBuffer consumer()
    {
        return consumer;
    }

    long ringFileOffset()
    {
        return ringFileOffset;
    }

    int capacity()
    {
        return capacity;
    }

    int mask()
    {
        return mask;
    }

    int headPositionIndex()
    {
        return headPositionIndex;
    }

    int tailPositionIndex()
    {
        return tailPositionIndex;
    }

    int maxInlineLength()
    {
        return maxInlineLength;
    }

    boolean manyProducers()
    {
        return manyProducers;
    }

    long headPosition()
    {
        return ring.getLongVolatile(headPositionIndex);
    }

    long tailPosition()
    {
        return ring.getLongVolatile(tailPositionIndex);
    }

    boolean isEmpty()
    {
        return ring.getLongVolatile(headPositionIndex) == ring.getLongVolatile(tailPositionIndex);
    }

    /**
     * @return true when the record at the head is claimed but not committed (or not even started)
     *         while the producer's position is beyond it.
     */
    boolean isBlocked()
    {
        final long head = ring.getLongVolatile(headPositionIndex);
        return ring.getIntVolatile((int)head & mask) <= 0 && ring.getLongVolatile(tailPositionIndex) != head;
    }

    /**
     * @return bytes between head and tail (committed or not).
     */
    int usedBytes()
    {
        long headBefore;
        long tail;
        long headAfter = ring.getLongVolatile(headPositionIndex);
        do
        {
            headBefore = headAfter;
            tail = ring.getLongVolatile(tailPositionIndex);
            headAfter = ring.getLongVolatile(headPositionIndex);
        }
        while (headAfter != headBefore);
        return (int)Math.max(0, Math.min(capacity, tail - headAfter));
    }

    long consumed()
    {
        return consumer.getLongVolatile(CONSUMED_COUNT_OFFSET);
    }

    long skipped()
    {
        return consumer.getLongVolatile(SKIPPED_COUNT_OFFSET);
    }

    /**
     * @return the offset from the start of the file of ring index {@code ringIndex}.
     */
    long fileOffsetOf(final int ringIndex)
    {
        return ringFileOffset + ringIndex;
    }

    /**
     * @param ringIndex the index of the bad word in the ring (negative: in the consumer slot before it).
     */
    SharedStateCorruptedException corrupt(final int ringIndex, final String detail)
    {
        return new SharedStateCorruptedException(path, ringFileOffset + ringIndex, detail);
    }
}
