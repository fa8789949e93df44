package io.mmipc.agrona.queue;

import io.mmipc.MessageHandler;
import io.mmipc.SharedStateCorruptedException;
import io.mmipc.internal.counters.Counters;
import io.mmipc.internal.counters.MessageCounts;
import org.agrona.concurrent.AtomicBuffer;

import java.nio.file.Path;

import static io.mmipc.internal.counters.CounterSet.BYTES_IN;
import static io.mmipc.internal.counters.CounterSet.MESSAGES_IN;
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
 * Order: the length word is read with acquire semantics before anything else of the record (a
 * producer publishes it last, with release); the taken position is stored with release before
 * the handler runs (at-most-once after a crash); consumed space is zeroed (many-to-one rings)
 * before the head moves past it with release, so a producer never writes into space a reader
 * still zeroes; after the head moves, senders waiting for room are woken
 * ({@link ChannelWakes#afterConsume}, once per batch).
 * <p>
 * One consumer at a time: the caller holds the consumer side. That also makes the reader the one
 * writer of its object's receiving counters ({@link Counters}: messages and bytes in), counted in
 * fields ({@link MessageCounts}) and added to the counters every {@code publishEvery} messages,
 * when a read finds nothing, and on close ({@link #publishCounts}): off the path from a message's
 * arrival to its handler's return.
 */
final class RingReader
{
    private final RingChannel channel;
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
    private final ChannelWakes wakes;
    private final MessageCounts received;
    private long tailCache;
    private boolean reachedEnd;
    private boolean reading;

    /**
     * @param counters     the object's counters (side B).
     * @param publishEvery how many messages are counted before they are added to {@code counters}
     *                     between reads that find nothing ({@link MessageCounts}); 1 for exact counts.
     */
    RingReader(final RingChannel channel, final SpillFiles spill, final Counters counters, final int publishEvery)
    {
        this.channel = channel;
        this.path = channel.path();
        this.ring = channel.ring();
        this.consumer = channel.consumer();
        this.ringFileOffset = channel.ringFileOffset();
        this.capacity = channel.capacity();
        this.mask = channel.mask();
        this.headPositionIndex = channel.headPositionIndex();
        this.tailPositionIndex = channel.tailPositionIndex();
        this.maxInlineLength = channel.maxInlineLength();
        this.zeroConsumed = channel.manyProducers();
        this.spill = spill;
        this.wakes = channel.wakes();
        this.received = new MessageCounts(counters, MESSAGES_IN, BYTES_IN, publishEvery);
    }

    RingChannel channel()
    {
        return channel;
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
            if (messages == 0)
            {
                received.publish(); // idle: what was counted in fields becomes exact for readers
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
        long payloadBytes = 0;
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
                    payloadBytes += payload;
                    handler.onMessage(ring, recordIndex + HEADER_LENGTH, payload);
                }
                else
                {
                    payloadBytes += ring.getInt(recordIndex + HEADER_LENGTH + SpillFiles.REF_LENGTH_OFFSET);
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
                wakes.afterConsume();
                if (messages != 0)
                {
                    consumer.putLongRelease(CONSUMED_COUNT_OFFSET, consumer.getLong(CONSUMED_COUNT_OFFSET) + messages);
                    received.add(messages, payloadBytes);
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

    /**
     * Adds the messages and bytes counted in fields to the counters (on close). Call while no
     * read is in flight, from the thread that read last or after it.
     */
    void publishCounts()
    {
        received.publish();
    }

    private SharedStateCorruptedException corrupt(final int ringIndex, final String detail)
    {
        return new SharedStateCorruptedException(path, ringFileOffset + ringIndex, detail);
    }
}
