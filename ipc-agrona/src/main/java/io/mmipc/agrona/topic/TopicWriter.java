package io.mmipc.agrona.topic;

import io.mmipc.TopicPolicy;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;

import static io.mmipc.agrona.topic.TopicDescriptor.*;

/**
 * The publishing side of one publisher slot: claims a sequence, writes its message slot, commits.
 * <ul>
 *   <li>Claim: the slot's claims-begun word is stored before the claim (so an open claim is
 *   visible before it exists); then a BLOCK topic CASes the tail from {@code s} to {@code s + 1}
 *   only while {@code s - capacity} is below every held subscriber's position (the slowest
 *   reader governs; the bound is cached until the tail reaches it), a LAP topic adds 1 to it.
 *   Both are full fences, which {@link io.mmipc.agrona.queue.ChannelWakes#afterPublish} relies on.</li>
 *   <li>Commit: length and check, then the commit tag {@code s + 1} with release, then the claims-done
 *   word, then the data-arrived wake when a subscriber may sleep.</li>
 * </ul>
 * One thread at a time (a publisher is per thread): the slot's words have one writer.
 */
final class TopicWriter
{
    /** {@link #claim} found no room (BLOCK only). */
    static final long FULL = -1;

    private final TopicRing ring;
    private final AtomicBuffer body;
    private final int slot;
    private final int capacity;
    private final int maxMessageLength;
    private final boolean block;
    private long limit = Long.MIN_VALUE;
    private long begun;
    private long published;

    TopicWriter(final TopicRing ring, final int publisherIndex)
    {
        this.ring = ring;
        this.body = ring.body();
        this.slot = ring.publisherSlot(publisherIndex);
        this.capacity = ring.capacity();
        this.maxMessageLength = ring.maxMessageLength();
        this.block = ring.policy() == TopicPolicy.BLOCK;
        this.begun = body.getLongVolatile(slot + BEGUN_OFFSET);
        this.published = body.getLongVolatile(slot + PUBLISHED_OFFSET);
    }

    /**
     * @return the claimed sequence, or {@link #FULL} when a BLOCK topic's slowest subscriber is a ring behind.
     */
    long claim()
    {
        body.putLongRelease(slot + BEGUN_OFFSET, ++begun); // ordered before the claim by the CAS's full fence
        if (!block)
        {
            return ring.getAndIncrementTail();
        }
        while (true)
        {
            final long tail = ring.tailVolatile();
            if (tail >= limit)
            {
                limit = ring.slowestPosition(tail) + capacity;
                if (tail >= limit)
                {
                    body.putLongRelease(slot + DONE_OFFSET, begun); // no claim is open after all
                    return FULL;
                }
            }
            if (ring.casTail(tail, tail + 1))
            {
                return tail;
            }
        }
    }

    /**
     * @return where the message of {@code sequence} starts in the body.
     */
    int messageOffset(final long sequence)
    {
        return ring.messageSlot(sequence) + MESSAGE_HEADER_LENGTH;
    }

    /**
     * Publishes the claimed {@code sequence}: a message of {@code length} bytes already written,
     * or, with {@link TopicDescriptor#ABORTED} and length 0, a slot the subscribers skip.
     */
    void commit(final long sequence, final int kind, final int length)
    {
        final int at = ring.messageSlot(sequence);
        body.putInt(at + LENGTH_OFFSET, length);
        body.putInt(at + CHECK_OFFSET, check(kind, length, sequence));
        body.putLongRelease(at + TAG_OFFSET, sequence + 1);
        if (kind == DATA)
        {
            body.putLongRelease(slot + PUBLISHED_OFFSET, ++published);
        }
        body.putLongRelease(slot + DONE_OFFSET, begun);
        ring.wakes().afterPublish();
    }

    /**
     * @return false, at once, when the ring is full (BLOCK).
     * @throws IllegalArgumentException when {@code length} is over the largest message.
     */
    boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        checkLength(length);
        final long sequence = claim();
        if (sequence == FULL)
        {
            return false;
        }
        int kind = ABORTED;
        try
        {
            body.putBytes(messageOffset(sequence), buffer, offset, length);
            kind = DATA;
        }
        finally
        {
            commit(sequence, kind, kind == DATA ? length : 0);
        }
        return true;
    }

    void checkLength(final int length)
    {
        if (length < 0 || length > maxMessageLength)
        {
            throw new IllegalArgumentException("message of " + length + " bytes for " + ring +
                ", whose largest message is " + maxMessageLength + " bytes");
        }
    }

    /**
     * @return the sequence a BLOCK publisher waits to claim: the tail as last seen.
     */
    long governing()
    {
        return ring.tailVolatile() - capacity;
    }

    long published()
    {
        return published;
    }
}
