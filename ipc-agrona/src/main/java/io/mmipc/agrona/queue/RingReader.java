package io.mmipc.agrona.queue;

import io.mmipc.MessageHandler;
import io.mmipc.SharedStateCorruptedException;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.file.Path;

import static io.mmipc.agrona.queue.ChannelDescriptor.*;
import static org.agrona.BitUtil.align;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.ALIGNMENT;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH;
import static org.agrona.concurrent.ringbuffer.RingBuffer.PADDING_MSG_TYPE_ID;

/**
 * The consumer side of a channel: reads the records of an Agrona ring as Agrona's own
 * {@code read} does, but checks every length and type it reads before use (Agrona trusts them,
 * so a corrupt length would hand a handler two gigabytes or skip messages silently). A record
 * must be at least a header long, aligned, inside the ring, and end at or before the producer's
 * position; its type must be data, spill or padding; data must fit the inline limit. Anything else
 * is a {@link SharedStateCorruptedException} naming the file and the offset of the bad word, and the
 * record stays where it is.
 * <p>
 * It also repairs what dead processes leave: the taken-but-unfinished batch of a dead consumer
 * ({@link #skipTaken()}), the open claim of a dead one-to-one producer ({@link #padUncommitted()})
 * and the open claim of a dead many-to-one producer ({@link #unblock()}).
 * <p>
 * One consumer at a time: the caller holds the consumer side.
 */
final class RingReader
{
    private final Path path;
    private final AtomicBuffer ring;
    private final AtomicBuffer consumer;
    private final long ringFileOffset;
    private final int capacity;
    private final int mask;
    private final int headPositionIndex;
    private final int tailPositionIndex;
    private final int maxInlineLength;
    private final boolean zeroConsumed;
    private final SpillFiles spill;
    private long tailCache;
    private boolean reachedEnd;
    private boolean reading;

    /**
     * @param channel        the channel (consumer slot, ring, trailer).
     * @param channelFileOffset where the channel starts in the file.
     * @param zeroConsumed   true for a many-to-one ring, whose producers expect consumed space zeroed.
     */
    RingReader(
        final Path path,
        final AtomicBuffer channel,
        final long channelFileOffset,
        final int capacity,
        final int maxInlineLength,
        final boolean zeroConsumed,
        final SpillFiles spill)
    {
        this.path = path;
        this.consumer = new UnsafeBuffer(channel, 0, CONSUMER_SLOT_LENGTH);
        this.ring = new UnsafeBuffer(channel, RING_OFFSET, ringLength(capacity));
        this.ringFileOffset = channelFileOffset + RING_OFFSET;
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.headPositionIndex = capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET;
        this.tailPositionIndex = capacity + RingBufferDescriptor.TAIL_POSITION_OFFSET;
        this.maxInlineLength = maxInlineLength;
        this.zeroConsumed = zeroConsumed;
        this.spill = spill;
    }

    /**
     * @return the ring region (records and trailer) that Agrona's producers wrap.
     */
    AtomicBuffer ring()
    {
        return ring;
    }

    /**
     * Hands up to {@code limit} messages to {@code handler}.
     *
     * @return how many it handed over.
     */
    int read(final MessageHandler handler, final int limit)
    {
        if (reading)
        {
            throw new IllegalStateException(path + ": a handler must not receive from the queue or pipe end " +
                "that called it (the message it handles is not consumed yet)");
        }
        reading = true;
        try
        {
            int messages = readBlock(handler, limit);
            if (reachedEnd && messages < limit)
            {
                messages += readBlock(handler, limit - messages); // continue at the ring's start
            }
            return messages;
        }
        finally
        {
            reading = false;
        }
    }

    private int readBlock(final MessageHandler handler, final int limit)
    {
        final AtomicBuffer ring = this.ring;
        final long head = ring.getLongVolatile(headPositionIndex);
        final int headIndex = (int)head & mask;
        final int blockLength = capacity - headIndex;
        int bytesRead = 0;
        int messages = 0;
        reachedEnd = false;
        try
        {
            while (bytesRead < blockLength && messages < limit)
            {
                final int recordIndex = headIndex + bytesRead;
                final int length = ring.getIntVolatile(recordIndex);
                if (length <= 0)
                {
                    break;
                }
                if (length < HEADER_LENGTH || length > blockLength - bytesRead)
                {
                    throw corrupt(recordIndex, "record length " + length + " at ring index " + recordIndex +
                        " does not fit the " + capacity + "-byte ring");
                }
                final int alignedLength = align(length, ALIGNMENT);
                final int type = ring.getInt(recordIndex + 4);
                if (type == PADDING_MSG_TYPE_ID)
                {
                    checkWithinProducer(recordIndex, head + bytesRead, length);
                    bytesRead += alignedLength;
                    continue;
                }
                final int kind = type & KIND_MASK;
                final int payload = length - HEADER_LENGTH;
                if (type != typeId(kind, length) ||
                    (kind == DATA_MSG_TYPE_ID ? payload > maxInlineLength :
                    kind != SPILL_MSG_TYPE_ID || payload != SpillFiles.REF_LENGTH))
                {
                    throw corrupt(recordIndex, "record header (length " + length + ", type 0x" +
                        Integer.toHexString(type) + ") at position " + (head + bytesRead) + " fails its check" +
                        (type == typeId(kind, length) ? " (length over the inline limit " + maxInlineLength +
                        " or an unknown kind)" : " (the length or type word was overwritten)"));
                }
                bytesRead += alignedLength;
                messages++;
                // Taken before it is handled: a consumer that dies in the handler loses this message only.
                consumer.putLongRelease(TAKEN_POSITION_OFFSET, head + bytesRead);
                if (kind == DATA_MSG_TYPE_ID)
                {
                    handler.onMessage(ring, recordIndex + HEADER_LENGTH, payload);
                }
                else
                {
                    spill.deliver(path, ring, recordIndex + HEADER_LENGTH,
                        ringFileOffset + recordIndex + HEADER_LENGTH, handler);
                }
            }
            reachedEnd = bytesRead == blockLength;
        }
        finally
        {
            if (bytesRead != 0)
            {
                if (zeroConsumed)
                {
                    ring.setMemory(headIndex, bytesRead, (byte)0);
                }
                ring.putLongRelease(headPositionIndex, head + bytesRead);
                if (messages != 0)
                {
                    consumer.putLongRelease(CONSUMED_COUNT_OFFSET, consumer.getLong(CONSUMED_COUNT_OFFSET) + messages);
                }
            }
        }
        return messages;
    }

    /**
     * Padding carries no check of its own (Agrona writes it), so it must end at or before the
     * producer's position. Padding is rare: once per lap, or where a claim was given up.
     */
    private void checkWithinProducer(final int recordIndex, final long position, final int length)
    {
        final long end = position + align(length, ALIGNMENT);
        if (end > tailCache && end > (tailCache = ring.getLongVolatile(tailPositionIndex)))
        {
            throw corrupt(recordIndex, "padding of length " + length + " at position " + position +
                " runs past the producer's position " + tailCache);
        }
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

    int capacity()
    {
        return capacity;
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
     * After taking over from a dead consumer: moves the head past the records it had taken
     * (at-most-once: the one it was handling is lost, the ones it finished are not redelivered).
     *
     * @return how many records it skipped.
     */
    int skipTaken()
    {
        final long head = ring.getLongVolatile(headPositionIndex);
        final long taken = consumer.getLongVolatile(TAKEN_POSITION_OFFSET);
        if (taken <= head)
        {
            return 0;
        }
        final int headIndex = (int)head & mask;
        if (taken - head > capacity - headIndex || taken > ring.getLongVolatile(tailPositionIndex))
        {
            throw corrupt(TAKEN_POSITION_OFFSET - RING_OFFSET,
                "taken position " + taken + " is not within the block after head " + head);
        }
        int records = 0;
        for (int index = headIndex, end = headIndex + (int)(taken - head); index < end; )
        {
            final int length = ring.getIntVolatile(index);
            if (length < HEADER_LENGTH || length > end - index)
            {
                throw corrupt(index, "record length " + length + " inside the batch of a dead consumer");
            }
            records += ring.getInt(index + 4) == PADDING_MSG_TYPE_ID ? 0 : 1;
            index += align(length, ALIGNMENT);
        }
        if (zeroConsumed)
        {
            ring.setMemory(headIndex, (int)(taken - head), (byte)0);
        }
        ring.putLongRelease(headPositionIndex, taken);
        consumer.putLongRelease(CONSUMED_COUNT_OFFSET, consumer.getLong(CONSUMED_COUNT_OFFSET) + records);
        return records;
    }

    /**
     * For a new one-to-one producer that took over from a dead one: turns the dead producer's open
     * claim (everything from the first uncommitted record to the tail) into padding, so the
     * consumer can go on, and zeroes the header at the tail as Agrona's producer expects.
     *
     * @return how many claims it padded.
     */
    int padUncommitted()
    {
        final long tail = ring.getLongVolatile(tailPositionIndex);
        long position = ring.getLongVolatile(headPositionIndex);
        // Zero the tail's header first: a consumer that passes the padding must find nothing there.
        ring.putLongRelease((int)tail & mask, 0L);
        int padded = 0;
        while (position < tail)
        {
            final int index = (int)position & mask;
            final int length = ring.getIntVolatile(index);
            final int room = (int)Math.min(tail - position, capacity - index);
            if (length > 0)
            {
                if (length < HEADER_LENGTH || length > room)
                {
                    throw corrupt(index, "record length " + length + " at position " + position +
                        " does not fit before the producer's position " + tail);
                }
                position += align(length, ALIGNMENT);
                continue;
            }
            ring.putInt(index + 4, PADDING_MSG_TYPE_ID);
            ring.putIntRelease(index, room);
            position += room;
            padded++;
        }
        if (padded != 0)
        {
            consumer.getAndAddLong(SKIPPED_COUNT_OFFSET, padded);
        }
        return padded;
    }

    /**
     * Turns the claim that blocks the head of a many-to-one ring into padding: Agrona's
     * {@code ManyToOneRingBuffer.unblock()}, with its lengths checked, and also unblocking a claim
     * whose padding to the ring's end was never written.
     *
     * @return true when it unblocked something.
     */
    boolean unblock()
    {
        final long head = ring.getLongVolatile(headPositionIndex);
        final long tail = ring.getLongVolatile(tailPositionIndex);
        if (head == tail)
        {
            return false;
        }
        final int consumerIndex = (int)head & mask;
        final int producerIndex = (int)tail & mask;
        final int length = ring.getIntVolatile(consumerIndex);
        if (length < 0)
        {
            final int claimed = -length;
            if (claimed < HEADER_LENGTH || claimed > capacity - consumerIndex || head + claimed > tail)
            {
                throw corrupt(consumerIndex, "claimed length " + claimed + " at position " + head +
                    " does not fit before the producer's position " + tail);
            }
            return pad(consumerIndex, claimed);
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
                return stillZeroed(consumerIndex, i) && pad(consumerIndex, i - consumerIndex);
            }
        }
        // Zero up to the ring's end, and the tail lies past it: a claim died before its padding was written.
        if (limit == capacity && tail - head > capacity - consumerIndex)
        {
            return pad(consumerIndex, capacity - consumerIndex);
        }
        return false;
    }

    private boolean pad(final int index, final int length)
    {
        ring.putInt(index + 4, PADDING_MSG_TYPE_ID);
        ring.putIntRelease(index, length);
        consumer.putLongRelease(SKIPPED_COUNT_OFFSET, consumer.getLong(SKIPPED_COUNT_OFFSET) + 1);
        return true;
    }

    private boolean stillZeroed(final int from, final int to)
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

    private SharedStateCorruptedException corrupt(final int ringIndex, final String detail)
    {
        return new SharedStateCorruptedException(path, ringFileOffset + ringIndex, detail);
    }
}
