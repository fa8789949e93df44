package io.mmipc.agrona.queue;

import io.mmipc.internal.jfr.MmipcEvents;
import io.mmipc.internal.owner.OwnerWord;
import org.agrona.concurrent.AtomicBuffer;

import static io.mmipc.agrona.queue.ChannelDescriptor.*;
import static org.agrona.BitUtil.align;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.ALIGNMENT;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH;
import static org.agrona.concurrent.ringbuffer.RingBuffer.PADDING_MSG_TYPE_ID;

/**
 * Mends what a dead process leaves in a channel, each by whoever takes over its role:
 * <ul>
 *   <li>{@link #skipTaken}: a consumer that takes over from a dead one moves the head past the
 *   records that one had taken (at-most-once);</li>
 *   <li>{@link #padUncommitted}: a one-to-one producer that takes over from a dead one turns that
 *   one's open claim into padding (Agrona's one-to-one ring cannot unblock it);</li>
 *   <li>{@link #unblock}: the consumer of a many-to-one ring turns a claim that blocks the head into
 *   padding (Agrona's {@code ManyToOneRingBuffer.unblock()}, with its lengths checked).</li>
 * </ul>
 * Every length it reads is checked as {@link RingReader} checks it. Padding is published as a
 * producer publishes a record: the type word first, then the length with release, so a reader
 * that sees the length sees the type. Turned records count in the channel's skipped count.
 */
final class RingRepair
{
    private RingRepair()
    {
    }

    /**
     * After taking over from a dead consumer: moves the head past the records it had taken.
     *
     * @param takenOver the consumer word just taken over (for the JFR event), or null.
     * @return how many records it skipped (the one the dead consumer was handling among them).
     */
    static int skipTaken(final RingChannel channel, final OwnerWord takenOver)
    {
        final AtomicBuffer ring = channel.ring();
        final AtomicBuffer consumer = channel.consumer();
        final int capacity = channel.capacity();
        final long head = ring.getLongVolatile(channel.headPositionIndex());
        final long taken = consumer.getLongVolatile(TAKEN_POSITION_OFFSET);
        if (taken <= head)
        {
            MmipcEvents.consumerTakenOver(takenOver, 0, 0);
            return 0;
        }
        final int headIndex = (int)head & channel.mask();
        if (taken - head > capacity - headIndex || taken > ring.getLongVolatile(channel.tailPositionIndex()))
        {
            throw channel.corrupt(TAKEN_POSITION_OFFSET - RING_OFFSET,
                "taken position " + taken + " is not within the block after head " + head);
        }
        int records = 0;
        for (int index = headIndex, end = headIndex + (int)(taken - head); index < end; )
        {
            final int length = ring.getIntVolatile(index);
            if (length < HEADER_LENGTH || length > end - index)
            {
                throw channel.corrupt(index, "record length " + length + " inside the batch of a dead consumer");
            }
            records += ring.getInt(index + 4) == PADDING_MSG_TYPE_ID ? 0 : 1;
            index += align(length, ALIGNMENT);
        }
        if (channel.manyProducers())
        {
            ring.setMemory(headIndex, (int)(taken - head), (byte)0);
        }
        ring.putLongRelease(channel.headPositionIndex(), taken);
        consumer.putLongRelease(CONSUMED_COUNT_OFFSET, consumer.getLong(CONSUMED_COUNT_OFFSET) + records);
        MmipcEvents.consumerTakenOver(takenOver, records, taken - head);
        return records;
    }

    /**
     * For a new one-to-one producer that took over from a dead one: turns the dead producer's open
     * claim (everything from the first uncommitted record to the tail) into padding, so the
     * consumer can go on, and zeroes the header at the tail as Agrona's producer expects.
     *
     * @return how many claims it padded.
     */
    static int padUncommitted(final RingChannel channel)
    {
        final AtomicBuffer ring = channel.ring();
        final int capacity = channel.capacity();
        final int mask = channel.mask();
        final long tail = ring.getLongVolatile(channel.tailPositionIndex());
        long position = ring.getLongVolatile(channel.headPositionIndex());
        // Zero the tail's header first: a consumer that passes the padding must find nothing there.
        ring.putLongRelease((int)tail & mask, 0L);
        int padded = 0;
        long firstPadded = -1;
        while (position < tail)
        {
            final int index = (int)position & mask;
            final int length = ring.getIntVolatile(index);
            final int room = (int)Math.min(tail - position, capacity - index);
            if (length > 0)
            {
                if (length < HEADER_LENGTH || length > room)
                {
                    throw channel.corrupt(index, "record length " + length + " at position " + position +
                        " does not fit before the producer's position " + tail);
                }
                position += align(length, ALIGNMENT);
                continue;
            }
            pad(ring, index, room);
            firstPadded = firstPadded < 0 ? position : firstPadded;
            position += room;
            padded++;
        }
        if (padded != 0)
        {
            channel.consumer().getAndAddLong(SKIPPED_COUNT_OFFSET, padded);
            MmipcEvents.claimSkipped(channel.path(), channel.fileOffsetOf((int)firstPadded & mask), tail - firstPadded,
                padded, "a one-to-one producer took over from a dead one: its open claim became padding");
        }
        return padded;
    }

    /**
     * Turns the claim that blocks the head of a many-to-one ring into padding, including a claim
     * whose padding to the ring's end was never written.
     *
     * @return true when it unblocked something.
     */
    static boolean unblock(final RingChannel channel)
    {
        final AtomicBuffer ring = channel.ring();
        final int capacity = channel.capacity();
        final long head = ring.getLongVolatile(channel.headPositionIndex());
        final long tail = ring.getLongVolatile(channel.tailPositionIndex());
        if (head == tail)
        {
            return false;
        }
        final int consumerIndex = (int)head & channel.mask();
        final int producerIndex = (int)tail & channel.mask();
        final int length = ring.getIntVolatile(consumerIndex);
        if (length < 0)
        {
            final int claimed = -length;
            if (claimed < HEADER_LENGTH || claimed > capacity - consumerIndex || head + claimed > tail)
            {
                throw channel.corrupt(consumerIndex, "claimed length " + claimed + " at position " + head +
                    " does not fit before the producer's position " + tail);
            }
            return skipOne(channel, consumerIndex, claimed);
        }
        if (length > 0)
        {
            return false;
        }
        final int limit = producerIndex > consumerIndex ? producerIndex : capacity;
        for (int i = consumerIndex + ALIGNMENT; i < limit; i += ALIGNMENT)
        {
            if (ring.getIntVolatile(i) != 0)
            {
                return stillZeroed(ring, consumerIndex, i) && skipOne(channel, consumerIndex, i - consumerIndex);
            }
        }
        // Zero up to the ring's end, and the tail lies past it: a claim died before its padding was written.
        if (limit == capacity && tail - head > capacity - consumerIndex)
        {
            return skipOne(channel, consumerIndex, capacity - consumerIndex);
        }
        return false;
    }

    private static boolean skipOne(final RingChannel channel, final int index, final int length)
    {
        pad(channel.ring(), index, length);
        channel.consumer().getAndAddLong(SKIPPED_COUNT_OFFSET, 1);
        MmipcEvents.claimSkipped(channel.path(), channel.fileOffsetOf(index), length, 1,
            "a claim that blocked the head, with no live producer's claim open, became padding");
        return true;
    }

    /**
     * The type first, then the length with release: a reader that sees the length sees padding.
     */
    private static void pad(final AtomicBuffer ring, final int index, final int length)
    {
        ring.putInt(index + 4, PADDING_MSG_TYPE_ID);
        ring.putIntRelease(index, length);
    }

    private static boolean stillZeroed(final AtomicBuffer ring, final int from, final int to)
    {
        for (int i = to - ALIGNMENT; i >= from; i -= ALIGNMENT)
        {
            if (ring.getIntVolatile(i) != 0)
            {
                return false;
            }
        }
        return true;
    }
}
