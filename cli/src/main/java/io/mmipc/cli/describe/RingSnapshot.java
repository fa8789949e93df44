package io.mmipc.cli.describe;

import io.mmipc.cli.read.FileBytes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static io.mmipc.cli.describe.QueueLayout.*;
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
 * records, then the head again. A record at or after the second head was not consumed before
 * the records were read, so no producer could have reused its bytes yet; records before it may
 * be torn and are dropped. Every length and type is checked before use (records lie within the
 * ring and before the tail; kinds are data, spill or padding); the walk stops at the first claim
 * not yet committed.
 */
public final class RingSnapshot
{
    /**
     * @param position the record's position in the ring's stream.
     * @param kind     {@link QueueLayout#DATA_MSG_TYPE_ID} or {@link QueueLayout#SPILL_MSG_TYPE_ID}.
     * @param payload  the message (data), or the spill reference (spill).
     * @param length   the message's length (for a spill: the spilled message's).
     * @param taken    handed to a consumer that has not finished its batch yet.
     */
    public record Record(long position, int kind, byte[] payload, int length, boolean taken)
    {
        public boolean spilled()
        {
            return kind == SPILL_MSG_TYPE_ID;
        }
    }

    private final int capacity;
    private long head;
    private long tail;
    private long taken;
    private long consumed;
    private long skipped;
    private int messages;
    private int dropped;
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
        taken = slot.getLong(CHANNEL_TAKEN_POSITION_OFFSET);
        consumed = slot.getLong(CHANNEL_CONSUMED_COUNT_OFFSET);
        skipped = slot.getLong(CHANNEL_SKIPPED_COUNT_OFFSET);
        final long ring = channel + CHANNEL_RING_OFFSET;
        final long trailer = ring + capacity;
        head = file.getLong(trailer + HEAD_POSITION_OFFSET);
        tail = file.getLong(trailer + TAIL_POSITION_OFFSET);
        if (head < 0 || tail < head || tail - head > capacity)
        {
            problem = "head " + head + " and tail " + tail + " do not fit a ring of " + capacity + " bytes";
            return;
        }
        final byte[] bytes = readRange(file, ring, head, (int)(tail - head));
        final long headAfter = file.getLong(trailer + HEAD_POSITION_OFFSET);
        walk(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), headAfter, keep);
    }

    /**
     * @return the {@code length} bytes of the stream from {@code from}, in stream order.
     */
    private byte[] readRange(final FileBytes file, final long ring, final long from, final int length)
        throws IOException
    {
        final byte[] bytes = new byte[length];
        final int index = (int)(from & (capacity - 1));
        final int first = Math.min(length, capacity - index);
        file.readFully(ring + index, first).get(bytes, 0, first);
        if (first < length)
        {
            file.readFully(ring, length - first).get(bytes, first, length - first);
        }
        return bytes;
    }

    private void walk(final ByteBuffer bytes, final long headAfter, final int keep)
    {
        long position = head;
        while (position < tail)
        {
            final int offset = (int)(position - head);
            final int index = (int)(position & (capacity - 1));
            final int length = bytes.getInt(offset);
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
            final int type = bytes.getInt(offset + 4);
            if (type != PADDING_MSG_TYPE_ID)
            {
                final int kind = type & KIND_MASK;
                final int payload = length - HEADER_LENGTH;
                if (kind != DATA_MSG_TYPE_ID && (kind != SPILL_MSG_TYPE_ID || payload != SPILL_REF_LENGTH))
                {
                    problem = "record type 0x" + Integer.toHexString(type) + " (length " + length + ") at position " +
                        position + " is neither data, spill nor padding";
                    return;
                }
                if (position < headAfter)
                {
                    dropped++; // consumed while we read: its bytes may be reused already
                }
                else
                {
                    messages++;
                    if (records.size() < keep)
                    {
                        final byte[] body = new byte[payload];
                        bytes.get(offset + HEADER_LENGTH, body);
                        final int messageLength = kind == DATA_MSG_TYPE_ID ? payload :
                            ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).getInt(SPILL_REF_LENGTH_OFFSET);
                        records.add(new Record(position, kind, body, messageLength, position < taken));
                    }
                }
            }
            position += aligned;
        }
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
     * @return the messages found between the head (as it was after the read) and the first open claim.
     */
    public int messages()
    {
        return messages;
    }

    /**
     * @return messages consumed while the snapshot was taken, left out of it.
     */
    public int dropped()
    {
        return dropped;
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
