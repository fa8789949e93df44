package io.mmipc.agrona.topic;

import io.mmipc.MessageHandler;
import io.mmipc.TopicPolicy;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.VarHandle;

import static io.mmipc.agrona.topic.TopicDescriptor.*;

/**
 * The receiving side of one subscriber slot: reads message slots in sequence order from its
 * cursor, trusting nothing it reads.
 * <ul>
 *   <li>A slot is ready when its commit tag (read with acquire, before anything else of it) is
 *   {@code cursor + 1}; its length and kind must then pass the check derived from them and the
 *   sequence, and the length must fit the slot, else a
 *   {@link io.mmipc.SharedStateCorruptedException} names the file and offset.</li>
 *   <li>BLOCK: the handler sees the bytes in place; the position moves past them (with release)
 *   only after the batch, so no publisher reuses the slot under the handler. A tail more than a
 *   ring ahead of the cursor cannot happen there and is reported as corruption.</li>
 *   <li>LAP: the message is copied, then (after an acquire fence) the tail is read: if a claim
 *   has reached the slot's next lap the copy may be torn and the subscriber was lapped; it jumps
 *   to the oldest sequence still in the ring ({@code tail - capacity}) and counts the difference
 *   as missed (Agrona's {@code BroadcastReceiver.validate}, with a sequence per slot).</li>
 *   <li>A slot claimed (tail past it) but not committed waits; once it has waited for the
 *   dead-process timeout, a snapshot of every publisher slot's claims-begun words is taken, and
 *   once every live publisher's claims-done word has reached its snapshot while the slot is still
 *   not committed, the claim belongs to a dead publisher: it is skipped and counted as missed.
 *   A live publisher's claim is never skipped, however long it takes.</li>
 * </ul>
 * One thread at a time (a subscription is per thread).
 */
final class TopicReader
{
    private final TopicRing ring;
    private final TopicMembers members;
    private final AtomicBuffer body;
    private final int slot;
    private final int capacity;
    private final int maxMessageLength;
    private final boolean lap;
    private final UnsafeBuffer copy;
    private final long deadNanos;
    private final long[] begunSnapshot;
    private long cursor;
    private long received;
    private long missed;
    private long stuckSequence = -1;
    private long stuckSince;
    private boolean snapshotTaken;
    private boolean reading;

    /**
     * Starts reading at the tail: stores the tail as the slot's position, then (after a full
     * fence) reads the tail again and starts there. A BLOCK publisher whose slot scan missed the
     * first store read the tail before it, so its bound is at most a ring past where this reader starts.
     */
    TopicReader(final TopicRing ring, final TopicMembers members, final int subscriberIndex, final long deadNanos)
    {
        this.ring = ring;
        this.members = members;
        this.body = ring.body();
        this.slot = ring.subscriberSlot(subscriberIndex);
        this.capacity = ring.capacity();
        this.maxMessageLength = ring.maxMessageLength();
        this.lap = ring.policy() == TopicPolicy.LAP;
        this.copy = lap ? new UnsafeBuffer(new byte[maxMessageLength]) : null;
        this.deadNanos = deadNanos;
        this.begunSnapshot = new long[ring.publishers()];
        body.putLongVolatile(slot + POSITION_OFFSET, ring.tailVolatile());
        body.putLongRelease(slot + RECEIVED_OFFSET, 0);
        body.putLongRelease(slot + MISSED_OFFSET, 0);
        cursor = ring.tailVolatile();
        body.putLongVolatile(slot + POSITION_OFFSET, cursor);
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
            throw new IllegalStateException(ring + ": a handler must not receive from the subscription that called it");
        }
        reading = true;
        long sequence = cursor;
        final long missedBefore = missed;
        int messages = 0;
        try
        {
            while (messages < limit)
            {
                final int at = ring.messageSlot(sequence);
                final long tag = body.getLongVolatile(at + TAG_OFFSET);
                if (tag != sequence + 1)
                {
                    final long next = notReady(sequence, at, tag);
                    if (next == sequence)
                    {
                        break;
                    }
                    sequence = next;
                    continue;
                }
                final int length = body.getInt(at + LENGTH_OFFSET);
                final int kind = body.getInt(at + CHECK_OFFSET) & KIND_MASK;
                if (!checked(at, length, sequence))
                {
                    VarHandle.acquireFence(); // the header's loads before the tail's: was it overwritten under us?
                    if (lap && lappedAt(sequence))
                    {
                        sequence = skipTo(sequence, ring.tailVolatile() - capacity);
                        continue;
                    }
                    throw ring.corrupt(at + LENGTH_OFFSET, "message slot of sequence " + sequence + " holds length " +
                        length + " and check 0x" + Integer.toHexString(body.getInt(at + CHECK_OFFSET)) +
                        ", which fail their check (largest message " + maxMessageLength + ")");
                }
                if (kind == ABORTED)
                {
                    sequence++;
                    continue;
                }
                if (lap)
                {
                    body.getBytes(at + MESSAGE_HEADER_LENGTH, copy, 0, length);
                    VarHandle.acquireFence(); // the copy's loads before the tail's
                    if (lappedAt(sequence))
                    {
                        sequence = skipTo(sequence, ring.tailVolatile() - capacity);
                        continue;
                    }
                    sequence++;
                    messages++;
                    handler.onMessage(copy, 0, length);
                }
                else
                {
                    sequence++;
                    messages++;
                    handler.onMessage(body, at + MESSAGE_HEADER_LENGTH, length);
                }
            }
        }
        finally
        {
            reading = false;
            if (sequence != cursor)
            {
                cursor = sequence;
                received += messages;
                body.putLongRelease(slot + POSITION_OFFSET, sequence);
                body.putLongRelease(slot + RECEIVED_OFFSET, received);
                if (missed != missedBefore)
                {
                    body.putLongRelease(slot + MISSED_OFFSET, missed);
                }
                ring.wakes().afterConsume();
            }
        }
        return messages;
    }

    private boolean checked(final int at, final int length, final long sequence)
    {
        final int check = body.getInt(at + CHECK_OFFSET);
        final int kind = check & KIND_MASK;
        return check == TopicDescriptor.check(kind, length, sequence) &&
            (kind == DATA ? length >= 0 && length <= maxMessageLength : kind == ABORTED && length == 0);
    }

    /**
     * The slot of {@code sequence} is not committed (its tag is {@code tag}).
     *
     * @return {@code sequence} to stop here, or the sequence to go on at.
     */
    private long notReady(final long sequence, final int at, final long tag)
    {
        final long tail = ring.tailVolatile();
        if (tail <= sequence)
        {
            stuckSequence = -1;
            return sequence; // nothing claimed past the cursor
        }
        if (tail - capacity > sequence)
        {
            if (!lap)
            {
                throw ring.corrupt(TAIL_OFFSET, "the tail " + tail + " is more than a ring (" + capacity +
                    ") ahead of a BLOCK subscriber at " + sequence + ": publishers never lap one");
            }
            return skipTo(sequence, tail - capacity);
        }
        // Claimed, not committed: the tag must be from an older lap (read before the tail, so not a newer one).
        if (tag != 0 && (tag > sequence + 1 || (sequence + 1 - tag) % capacity != 0))
        {
            throw ring.corrupt(at + TAG_OFFSET, "message slot of sequence " + sequence + " holds commit tag " + tag +
                ", which belongs to no lap of it (tail " + tail + ")");
        }
        return passDeadClaim(sequence) ? sequence + 1 : sequence;
    }

    /**
     * @return true once the claim of {@code sequence} is known to belong to a dead publisher.
     */
    private boolean passDeadClaim(final long sequence)
    {
        final long now = System.nanoTime();
        if (stuckSequence != sequence)
        {
            stuckSequence = sequence;
            stuckSince = now;
            snapshotTaken = false;
            return false;
        }
        if (now - stuckSince < deadNanos)
        {
            return false;
        }
        if (!snapshotTaken)
        {
            for (int i = 0; i < begunSnapshot.length; i++)
            {
                begunSnapshot[i] = ring.publisherBegunVolatile(i);
            }
            snapshotTaken = true;
            return false;
        }
        for (int i = 0; i < begunSnapshot.length; i++)
        {
            if (ring.publisherDoneVolatile(i) < begunSnapshot[i] && members.publisherAlive(i))
            {
                return false; // a live publisher has a claim open that began before the snapshot
            }
        }
        if (body.getLongVolatile(ring.messageSlot(sequence) + TAG_OFFSET) == sequence + 1)
        {
            return false; // committed after all: the next read takes it
        }
        stuckSequence = -1;
        missed++;
        return true;
    }

    private boolean lappedAt(final long sequence)
    {
        return ring.tailVolatile() - capacity > sequence;
    }

    private long skipTo(final long sequence, final long next)
    {
        missed += next - sequence;
        stuckSequence = -1;
        return next;
    }

    long received()
    {
        return received;
    }

    long missed()
    {
        return missed;
    }

    /**
     * @return messages claimed past this reader's cursor.
     */
    long lag()
    {
        return Math.max(0, ring.tailVolatile() - cursor);
    }

    long cursor()
    {
        return cursor;
    }

    /**
     * @return true when a claim past the cursor is in flight or committed: a subscriber about to
     *         sleep must not, since that claim's publisher may have read the sleepers flag before it was set.
     */
    boolean claimedPastCursor()
    {
        return ring.tailVolatile() != cursor;
    }
}
