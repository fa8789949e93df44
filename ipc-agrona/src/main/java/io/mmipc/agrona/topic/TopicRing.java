package io.mmipc.agrona.topic;

import io.mmipc.SharedStateCorruptedException;
import io.mmipc.TopicPolicy;
import io.mmipc.agrona.queue.ChannelWakes;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

import static io.mmipc.agrona.topic.TopicDescriptor.*;

/**
 * A topic's body as mapped in this process ({@link TopicDescriptor}): where the tail, the member
 * slots and the message slots lie, and the reads every part needs. {@link TopicWriter} publishes,
 * {@link TopicReader} receives. Use only between the file's {@code enter()} and {@code exit()}.
 */
final class TopicRing
{
    private final Path path;
    private final AtomicBuffer body;
    private final long bodyFileOffset;
    private final int capacity;
    private final int mask;
    private final int maxMessageLength;
    private final int slotLength;
    private final int publishers;
    private final int subscribers;
    private final int subscribersOffset;
    private final int messagesOffset;
    private final TopicPolicy policy;
    private final ChannelWakes wakes;

    /**
     * @param body           the file's body ({@link TopicDescriptor#bodyLength} bytes at least).
     * @param bodyFileOffset where the body starts in its file, for messages.
     */
    TopicRing(final Path path, final AtomicBuffer body, final long bodyFileOffset, final int capacity,
        final int maxMessageLength, final int publishers, final int subscribers, final TopicPolicy policy)
    {
        if (body.capacity() < bodyLength(capacity, maxMessageLength, publishers, subscribers) ||
            Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("topic body of " + path + " has " + body.capacity() +
                " bytes: too few for capacity " + capacity + ", maxMessageLength " + maxMessageLength + ", " +
                publishers + " publisher and " + subscribers + " subscriber slots");
        }
        this.path = path;
        this.body = body;
        this.bodyFileOffset = bodyFileOffset;
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.maxMessageLength = maxMessageLength;
        this.slotLength = slotLength(maxMessageLength);
        this.publishers = publishers;
        this.subscribers = subscribers;
        this.subscribersOffset = subscribersOffset(publishers);
        this.messagesOffset = messagesOffset(publishers, subscribers);
        this.policy = policy;
        this.wakes = new ChannelWakes(new UnsafeBuffer(body, WAKES_OFFSET, ChannelWakes.REGION_LENGTH), true);
    }

    Path path()
    {
        return path;
    }

    AtomicBuffer body()
    {
        return body;
    }

    int capacity()
    {
        return capacity;
    }

    int maxMessageLength()
    {
        return maxMessageLength;
    }

    int publishers()
    {
        return publishers;
    }

    int subscribers()
    {
        return subscribers;
    }

    TopicPolicy policy()
    {
        return policy;
    }

    ChannelWakes wakes()
    {
        return wakes;
    }

    long tailVolatile()
    {
        return body.getLongVolatile(TAIL_OFFSET);
    }

    boolean casTail(final long expected, final long update)
    {
        return body.compareAndSetLong(TAIL_OFFSET, expected, update);
    }

    long getAndIncrementTail()
    {
        return body.getAndAddLong(TAIL_OFFSET, 1);
    }

    /**
     * @return where the message slot of {@code sequence} starts in the body.
     */
    int messageSlot(final long sequence)
    {
        return messagesOffset + ((int)sequence & mask) * slotLength;
    }

    int publisherSlot(final int index)
    {
        return PUBLISHERS_OFFSET + index * MEMBER_SLOT_LENGTH;
    }

    int subscriberSlot(final int index)
    {
        return subscribersOffset + index * MEMBER_SLOT_LENGTH;
    }

    /**
     * @return true when the subscriber slot {@code index} has a holder.
     */
    boolean subscriberHeld(final int index)
    {
        return body.getLongVolatile(subscriberSlot(index) + HOLDER_OFFSET) != 0;
    }

    long subscriberPositionVolatile(final int index)
    {
        return body.getLongVolatile(subscriberSlot(index) + POSITION_OFFSET);
    }

    /**
     * @return the least position of the held subscriber slots, or {@code tail} when none is held
     *         or all are past it: what BLOCK publishers may not lap.
     */
    long slowestPosition(final long tail)
    {
        long slowest = tail;
        for (int i = 0; i < subscribers; i++)
        {
            if (subscriberHeld(i))
            {
                slowest = Math.min(slowest, subscriberPositionVolatile(i));
            }
        }
        return slowest;
    }

    long publisherBegunVolatile(final int index)
    {
        return body.getLongVolatile(publisherSlot(index) + BEGUN_OFFSET);
    }

    long publisherDoneVolatile(final int index)
    {
        return body.getLongVolatile(publisherSlot(index) + DONE_OFFSET);
    }

    /**
     * @param bodyIndex the index of the bad word in the body.
     */
    SharedStateCorruptedException corrupt(final int bodyIndex, final String detail)
    {
        return new SharedStateCorruptedException(path, bodyFileOffset + bodyIndex, detail);
    }

    @Override
    public String toString()
    {
        return policy + " topic " + path;
    }
}
