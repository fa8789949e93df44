package io.mmipc.cli.describe;

import io.mmipc.agrona.queue.ChannelDescriptor;
import io.mmipc.agrona.queue.SpillFiles;
import io.mmipc.cli.read.FileBytes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.agrona.concurrent.ringbuffer.RecordDescriptor.ALIGNMENT;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH;
import static org.agrona.concurrent.ringbuffer.RingBuffer.PADDING_MSG_TYPE_ID;
import static org.agrona.concurrent.ringbuffer.RingBufferDescriptor.HEAD_POSITION_OFFSET;
import static org.agrona.concurrent.ringbuffer.RingBufferDescriptor.TAIL_POSITION_OFFSET;

/**
 * The messages of one channel (a queue, or one direction of a pipe) between its consumer's head
 * and its producers' tail, read with plain reads while others go on writing and consuming.
 * <p>
 * Read order makes the copy trustworthy without stopping anyone: head, then tail, then the
 * records a window at a time, each window followed by the head again. A record at or after that
 * head was not consumed before its bytes were read, so no producer could have reused them yet;
 * when the head has passed the walk, the walk goes on from the head. Every length and type is
 * checked before use (records lie within the ring and before the tail; kinds are data, spill or
 * padding); the walk stops at the first claim not yet committed. Memory stays bounded: a window
 * is {@value #WINDOW} bytes, or one kept message when that is longer.
 */
public final class RingSnapshot
{
    /**
     * @param position the record's position in the ring's stream.
     * @param kind     {@link ChannelDescriptor#ChannelDescriptor.DATA_MSG_TYPE_ID} or {@link ChannelDescriptor#ChannelDescriptor.SPILL_MSG_TYPE_ID}.
     * @param payload  the message (data), or the spill reference (spill).
     * @param length   the message's length (for a spill: the spilled message's).
     * @param taken    handed to a consumer that has not finished its batch yet.
     */
    public record Record(long position, int kind, byte[] payload, int length, boolean taken)
    {
        public boolean spilled()
        {
            return kind == ChannelDescriptor.SPILL_MSG_TYPE_ID;
        }
    }

    /** Bytes read at a time: the tool's memory stays bounded whatever the ring's capacity. */
    private static final int WINDOW = 256 * 1024;
    /** Reads of a live ring's positions before the tool shows them as read: a few microseconds each. */
    private static final int POSITION_ATTEMPTS = 1000;

    private final int capacity;
    private FileBytes file;
    private long ring;
    private long headPosition;
    private ByteBuffer window;
    private long windowStart;
    private long head;
    private long tail;
    private long taken;
    private long consumed;
    private long skipped;
    private int messages;
    private boolean claimPending;
    private String problem;
    private final List<Record> records = new ArrayList<>();

    private RingSnapshot(final int capacity)
    {
        this.capacity = capacity;
    }

    /**
     * @param channel file offset of the channel (its consumer slot).
     * @param keep    how many records to keep, from the head on; the rest are only counted.
     */
    public static RingSnapshot read(final FileBytes file, final long channel, final int capacity, final int keep)
        throws IOException
    {
        final RingSnapshot snapshot = new RingSnapshot(capacity);
        snapshot.load(file, channel, keep);
        return snapshot;
    }

    private void load(final FileBytes file, final long channel, final int keep) throws IOException
    {
        final ByteBuffer slot = file.readFully(channel, 24);
        taken = slot.getLong(ChannelDescriptor.TAKEN_POSITION_OFFSET);
        consumed = slot.getLong(ChannelDescriptor.CONSUMED_COUNT_OFFSET);
        skipped = slot.getLong(ChannelDescriptor.SKIPPED_COUNT_OFFSET);
        this.file = file;
        this.ring = channel + ChannelDescriptor.RING_OFFSET;
        this.headPosition = ring + capacity + HEAD_POSITION_OFFSET;
        readPositions(file, ring + capacity + TAIL_POSITION_OFFSET);
        if (head < 0 || tail < head || tail - head > capacity)
        {
            problem = "head " + head + " and tail " + tail + " do not fit a ring of " + capacity + " bytes";
            return;
        }
        walk(keep);
    }

    /**
     * Reads a head and a tail that held together, as Agrona's {@code size()} does: the head, the
     * tail, then the head again until it did not move in between. Read one after the other, a
     * live ring's positions can be a lap or more apart (the producer and consumer moved between
     * the reads), which is no damage. A ring that never holds still for a few reads is shown as read.
     */
    private void readPositions(final FileBytes file, final long tailPosition) throws IOException
    {
        long headAfter = file.getLong(headPosition);
        for (int attempt = 0; attempt < POSITION_ATTEMPTS; attempt++)
        {
            final long headBefore = headAfter;
            tail = file.getLong(tailPosition);
            headAfter = file.getLong(headPosition);
            if (headAfter == headBefore)
            {
                break;
            }
        }
        head = headAfter;
    }

    /**
     * Walks the records from the head to the tail, reading a window of the ring at a time.
     */
    private void walk(final int keep) throws IOException
    {
        long position = head;
        while (position < tail)
        {
            if (tail - position < HEADER_LENGTH)
            {
                problem = "the tail " + tail + " is not on a record boundary (" + (tail - position) + " bytes after " +
                    "position " + position + ")";
                return;
            }
            final long next = ensure(position, HEADER_LENGTH);
            if (next != position)
            {
                position = next; // consumed while we read: its bytes may be reused already
                continue;
            }
            final int index = (int)(position & (capacity - 1));
            final int length = window.getInt((int)(position - windowStart));
            if (length <= 0)
            {
                claimPending = true; // claimed, not committed yet (or its producer died in between)
                return;
            }
            final int aligned = (length + ALIGNMENT - 1) & -ALIGNMENT;
            if (length < HEADER_LENGTH || aligned > capacity - index || position + aligned > tail)
            {
                problem = "record length " + length + " at position " + position + " does not fit the ring before " +
                    "the tail " + tail;
                return;
            }
            final int type = window.getInt((int)(position - windowStart) + 4);
            if (type != PADDING_MSG_TYPE_ID)
            {
                final int kind = type & ChannelDescriptor.KIND_MASK;
                final int payload = length - HEADER_LENGTH;
                if (kind != ChannelDescriptor.DATA_MSG_TYPE_ID && (kind != ChannelDescriptor.SPILL_MSG_TYPE_ID || payload != SpillFiles.REF_LENGTH))
                {
                    problem = "record type 0x" + Integer.toHexString(type) + " (length " + length + ") at position " +
                        position + " is neither data, spill nor padding";
                    return;
                }
                if (records.size() < keep)
                {
                    final long moved = ensure(position, length);
                    if (moved != position)
                    {
                        position = moved;
                        continue;
                    }
                    final byte[] body = new byte[payload];
                    window.get((int)(position - windowStart) + HEADER_LENGTH, body);
                    final int messageLength = kind == ChannelDescriptor.DATA_MSG_TYPE_ID ? payload :
                        ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).getInt(SpillFiles.REF_LENGTH_OFFSET);
                    records.add(new Record(position, kind, body, messageLength, position < taken));
                }
                messages++;
            }
            position += aligned;
        }
    }

    /**
     * Makes the window hold the {@code length} bytes of the stream at {@code position}, reading
     * them when it does not, then the head: bytes the consumer had passed by then may already be
     * reused by a producer, so a head beyond {@code position} is where the walk must go on.
     *
     * @return {@code position} when the window holds its bytes, else the head to go on from.
     */
    private long ensure(final long position, final int length) throws IOException
    {
        if (window != null && position >= windowStart && position + length <= windowStart + window.limit())
        {
            return position;
        }
        final int size = (int)Math.min(tail - position, Math.max(length, WINDOW));
        final byte[] bytes = new byte[size];
        final int index = (int)(position & (capacity - 1));
        final int first = Math.min(size, capacity - index);
        file.readFully(ring + index, first).get(bytes, 0, first);
        if (first < size)
        {
            file.readFully(ring, size - first).get(bytes, first, size - first);
        }
        window = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        windowStart = position;
        final long headNow = file.getLong(headPosition);
        if (headNow > position)
        {
            window = null;
            return headNow;
        }
        return position;
    }

    public int capacity()
    {
        return capacity;
    }

    public long head()
    {
        return head;
    }

    public long tail()
    {
        return tail;
    }

    /**
     * @return bytes between head and tail: records, padding and open claims.
     */
    public long usedBytes()
    {
        return Math.max(0, tail - head);
    }

    /**
     * @return the messages found between the head and the first open claim (those consumed while
     *         the walk went on are not counted).
     */
    public int messages()
    {
        return messages;
    }

    public long consumed()
    {
        return consumed;
    }

    public long skipped()
    {
        return skipped;
    }

    /**
     * @return true when the walk stopped at a claim that is not committed.
     */
    public boolean claimPending()
    {
        return claimPending;
    }

    public String problem()
    {
        return problem;
    }

    public List<Record> records()
    {
        return records;
    }
}
