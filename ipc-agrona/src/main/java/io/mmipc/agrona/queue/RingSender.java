package io.mmipc.agrona.queue;

import io.mmipc.EndOfStreamException;
import io.mmipc.internal.counters.Counters;
import io.mmipc.internal.counters.MessageCounts;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.wait.Waiter;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.util.function.IntSupplier;
import java.util.function.Supplier;

import static io.mmipc.agrona.queue.ChannelDescriptor.DATA_MSG_TYPE_ID;
import static io.mmipc.agrona.queue.ChannelDescriptor.SPILL_MSG_TYPE_ID;
import static io.mmipc.agrona.queue.ChannelDescriptor.typeId;
import static io.mmipc.internal.counters.CounterSet.BYTES_OUT;
import static io.mmipc.internal.counters.CounterSet.FULL_EVENTS;
import static io.mmipc.internal.counters.CounterSet.MESSAGES_OUT;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH;

/**
 * The sending side of one channel, for one queue or pipe-end object: every message this object
 * sends goes through here. A message up to the inline limit is one record written with Agrona's
 * producer ({@code write}, or {@code tryClaim}/{@code commit}/{@code abort} in place); a larger one
 * goes to a spill file and the ring carries a reference record. Blocking sends wait through the
 * one {@link Waiter} (one per thread), asleep in the kernel on the room-freed word of
 * {@link ChannelWakes} once the wait is long; while they wait, a pipe's sender asks every check period
 * whether its receiver is gone, so it does not wait for room nobody will make.
 * <p>
 * The first send attaches the object as a producer (its one-to-one role, its process slot); after
 * that, a one-to-one message costs Agrona's write, for queues one store of the producer's count
 * (kept in a field: no load of mapped memory) on a line only the producer's side writes, one add
 * to a field for the bytes out, and the wake check of {@link ChannelWakes#afterPublish}: a load of
 * a line nobody writes on the message path, and a fence only once a receiver may sleep. The
 * thread that opened the object sends without the mapping guard
 * ({@link SharedFile#ownerOpenOpaque}); others enter and exit it. Messages out are the produced
 * count itself; both are added to the object's {@link Counters} every {@code publishEvery}
 * messages, when a send finds the ring full or wakes a sleeping receiver, and on close
 * ({@link #publishCounts}). Many-to-many, the object's threads may send at once: a message costs
 * two atomic adds on the producer's line (claims begun and committed, see {@link #beginClaim})
 * and two on the counters line.
 */
final class RingSender
{
    /** {@link #producedIndex} before the first send. */
    private static final int NOT_ATTACHED = -2;
    /** {@link #producedIndex} of a sender that counts nothing (pipe ends). */
    static final int NO_COUNT = -1;
    /** From the committed count to the claims-begun count of a many-to-many process slot. */
    private static final int CLAIMS_BEGUN_DELTA =
        QueueDescriptor.SLOT_CLAIMS_BEGUN_OFFSET - QueueDescriptor.SLOT_PRODUCED_OFFSET;

    private final SharedFile file;
    private final AtomicBuffer body;
    private final RingBuffer ring;
    private final AtomicBuffer claimBuffer;
    private final ChannelWakes wakes;
    private final boolean sharedCount;
    private final SpillFiles spill;
    private final long id;
    private final int maxMessageLength;
    private final int maxInlineLength;
    private final PeerWatch receiver;
    private final IntSupplier attach;
    private final ThreadLocal<Waiter> waiters;
    private final String what;
    private final Counters counters;
    private final int publishEvery;
    private int producedIndex;
    /** One-to-one: what this object committed since it attached, the only writer of its count. */
    private long produced;
    /** One-to-one: {@link #produced} when the counts were last added to {@link #counters}. */
    private long producedPublished;
    /** One-to-one: payload bytes committed since the counts were last added to {@link #counters}. */
    private long bytesUnpublished;

    /**
     * @param id       the sending object's owner id (names its spill files).
     * @param receiver who receives, when its death must end a wait for room (pipes), else null.
     * @param attach   attaches the object as a producer on its first send and returns the body
     *                 index of its produced count, or {@link #NO_COUNT}; null when it is attached already
     *                 and counts nothing.
     * @param what     the object, for messages ("queue /dev/shm/.../tasks").
     * @param counters the object's counters (side A).
     * @param publishEvery how many one-to-one messages are counted before they are added to
     *                 {@code counters} between idle moments; 1 for exact counts.
     */
    RingSender(
        final SharedFile file,
        final RingChannel channel,
        final SpillFiles spill,
        final long id,
        final int maxMessageLength,
        final PeerWatch receiver,
        final IntSupplier attach,
        final Supplier<IdleStrategy> idle,
        final String what,
        final Counters counters,
        final int publishEvery)
    {
        this.file = file;
        this.body = file.body();
        this.ring = channel.newProducer();
        this.claimBuffer = channel.ring();
        this.wakes = channel.wakes();
        this.sharedCount = channel.manyProducers();
        this.spill = spill;
        this.id = id;
        this.maxMessageLength = maxMessageLength;
        this.maxInlineLength = channel.maxInlineLength();
        this.receiver = receiver;
        this.attach = attach;
        this.waiters = Waiter.perThread(idle);
        this.what = what;
        this.counters = counters;
        this.publishEvery = MessageCounts.checkPublishEvery(publishEvery);
        this.producedIndex = attach == null ? NO_COUNT : NOT_ATTACHED;
    }

    int maxMessageLength()
    {
        return maxMessageLength;
    }

    int maxInlineLength()
    {
        return maxInlineLength;
    }

    /**
     * Sends without waiting.
     *
     * @return false when the ring is full.
     */
    boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        checkSource(buffer, offset, length);
        if (length <= maxInlineLength)
        {
            if (tryWrite(buffer, offset, length, DATA_MSG_TYPE_ID, length))
            {
                return true;
            }
            foundFull();
            return false;
        }
        try
        {
            return send(buffer, offset, length, 0);
        }
        catch (final InterruptedException ex)
        {
            throw new IllegalStateException(what + ": a send that does not wait was interrupted", ex);
        }
    }

    /**
     * Sends, waiting for room up to {@code timeoutNanos} ({@link Waiter#FOREVER}, or 0 not to wait).
     *
     * @return false when the ring stayed full.
     * @throws EndOfStreamException when the receiver is gone while this waits (pipes).
     */
    boolean send(final DirectBuffer buffer, final int offset, final int length, final long timeoutNanos)
        throws InterruptedException
    {
        checkSource(buffer, offset, length);
        if (length <= maxInlineLength)
        {
            return sendRecord(buffer, offset, length, DATA_MSG_TYPE_ID, length, timeoutNanos);
        }
        attached();
        final UnsafeBuffer ref = new UnsafeBuffer(new byte[SpillFiles.REF_LENGTH]);
        spill.write(id, buffer, offset, length, ref);
        boolean written = false;
        try
        {
            // Counted as the message's bytes, not its reference's.
            written = sendRecord(ref, 0, SpillFiles.REF_LENGTH, SPILL_MSG_TYPE_ID, length, timeoutNanos);
            return written;
        }
        finally
        {
            if (!written)
            {
                spill.delete(ref);
            }
        }
    }

    /**
     * Reserves {@code length} bytes in the ring; the mapping stays entered until {@link #commit} or {@link #abort}.
     *
     * @return the index in {@link #claimBuffer()}, or -1 when the ring is full.
     */
    int tryClaim(final int length)
    {
        if (length > maxInlineLength || length < 0)
        {
            checkLength(length);
            throw new IllegalArgumentException(what + ": a claim of " + length + " bytes exceeds the inline limit of " +
                maxInlineLength + " bytes (larger messages must be sent)");
        }
        attached();
        file.enter(); // left in flight until commit or abort: the ring must stay mapped meanwhile
        boolean claimed = false;
        try
        {
            beginClaim();
            final int index = ring.tryClaim(typeId(DATA_MSG_TYPE_ID, length + HEADER_LENGTH), length);
            claimed = index >= 0;
            if (!claimed)
            {
                foundFull();
            }
            return claimed ? index : -1;
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            if (!claimed)
            {
                endClaimUncommitted();
                file.exit();
            }
        }
    }

    MutableDirectBuffer claimBuffer()
    {
        return claimBuffer;
    }

    void commit(final int index)
    {
        try
        {
            // Before the commit: until then the record's length word is ours alone (stored negative).
            final int payload = -claimBuffer.getInt(index - HEADER_LENGTH) - HEADER_LENGTH;
            ring.commit(index);
            published(payload);
        }
        finally
        {
            file.exit();
        }
    }

    void abort(final int index)
    {
        try
        {
            ring.abort(index);
        }
        finally
        {
            endClaimUncommitted(); // after the padding's release store: see ProcessSlots.liveClaimOpen
            file.exit();
        }
    }

    /**
     * Every argument is checked before any ring space is claimed: Agrona's copy throws only after
     * its claim, and a claim that is never committed blocks the channel (one-to-one) or is
     * skipped as a dead producer's (many-to-many). A refused call leaves no trace.
     */
    private void checkSource(final DirectBuffer buffer, final int offset, final int length)
    {
        if (buffer == null)
        {
            throw new NullPointerException(what + ": the buffer to send is null");
        }
        checkLength(length);
        if (offset < 0 || offset > buffer.capacity() - length)
        {
            throw new IndexOutOfBoundsException(what + ": offset " + offset + " and length " + length +
                " lie outside the source buffer of capacity " + buffer.capacity());
        }
    }

    void checkLength(final int length)
    {
        if (length < 0)
        {
            throw new IllegalArgumentException(what + ": negative message length " + length);
        }
        if (length > maxMessageLength)
        {
            throw new IllegalArgumentException(what + ": a message of " + length +
                " bytes exceeds the largest message of " + maxMessageLength + " bytes declared at creation");
        }
    }

    /**
     * @param counted the payload bytes to count: the message's, also when the record is its spill reference.
     */
    private boolean sendRecord(final DirectBuffer buffer, final int offset, final int length, final int kind,
        final int counted, final long timeoutNanos)
        throws InterruptedException
    {
        if (tryWrite(buffer, offset, length, kind, counted))
        {
            return true;
        }
        foundFull();
        if (timeoutNanos == 0)
        {
            return false;
        }
        final Waiter waiter = waiters.get().begin(timeoutNanos, true, wakes.roomFreed());
        if (waiter.sleepsOnWord())
        {
            senderMaySleep();
        }
        try
        {
            while (true)
            {
                final int state = waiter.idle();
                if (state == Waiter.TIMED_OUT)
                {
                    return false;
                }
                if (state == Waiter.INTERRUPTED)
                {
                    throw new InterruptedException(what + ": interrupted while waiting for room");
                }
                if (tryWrite(buffer, offset, length, kind, counted))
                {
                    return true;
                }
                if (receiver != null && waiter.checkDue())
                {
                    checkReceiver();
                }
            }
        }
        finally
        {
            waiter.end();
        }
    }

    private boolean tryWrite(
        final DirectBuffer buffer, final int offset, final int length, final int kind, final int counted)
    {
        attached();
        if (!sharedCount && file.ownerOpenOpaque())
        {
            // The owner's one-to-one send calls no code outside mmipc, so the file cannot be
            // unmapped under it: no enter/exit (a depth count and a volatile read per message).
            return writeOneToOne(buffer, offset, length, kind, counted);
        }
        file.enter();
        try
        {
            return sharedCount ?
                tryWriteShared(buffer, offset, length, kind, counted) :
                writeOneToOne(buffer, offset, length, kind, counted);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    private boolean writeOneToOne(
        final DirectBuffer buffer, final int offset, final int length, final int kind, final int counted)
    {
        try
        {
            if (ring.write(typeId(kind, length + HEADER_LENGTH), buffer, offset, length))
            {
                publishedOneToOne(counted);
                return true;
            }
            return false;
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
    }

    /**
     * Many-to-many: the write between {@link #beginClaim} and, unless it committed,
     * {@link #endClaimUncommitted}.
     */
    private boolean tryWriteShared(
        final DirectBuffer buffer, final int offset, final int length, final int kind, final int counted)
    {
        boolean written = false;
        beginClaim();
        try
        {
            written = ring.write(typeId(kind, length + HEADER_LENGTH), buffer, offset, length);
            if (written)
            {
                published(counted);
            }
            return written;
        }
        finally
        {
            if (!written)
            {
                endClaimUncommitted();
            }
        }
    }

    /**
     * After a record's release store: counts it and wakes a receiver that may sleep. A receiver
     * asleep means a stream that does not run flat out (the wake is a system call): the counts in
     * fields are published then, so a slow stream's counts stay exact for readers.
     */
    private void published(final int counted)
    {
        if (!sharedCount)
        {
            publishedOneToOne(counted);
            return;
        }
        final int index = producedIndex;
        if (index >= 0)
        {
            body.getAndAddLong(index, 1);
        }
        counters.getAndAdd(MESSAGES_OUT, 1);
        counters.getAndAdd(BYTES_OUT, counted);
        wakes.afterPublish();
    }

    /**
     * One-to-one, after the record's release store: one store of the produced count on the
     * producer's own line (a one-to-one producer is the count's only writer; it was zeroed when
     * the producer attached, see {@link QueueMembers#retire}), so the count comes from a field.
     * Messages out are that same field, so counting them costs nothing more per message; bytes
     * out are one add to a field. The sender is the tuned path's bottleneck on a stream: each
     * instruction here moves whether its receiver keeps a ring's length ahead or chases it line by line.
     */
    private void publishedOneToOne(final int counted)
    {
        final long count = ++produced;
        final int index = producedIndex;
        if (index >= 0)
        {
            body.putLongRelease(index, count);
        }
        if (!Counters.ENABLED)
        {
            wakes.afterPublish();
            return;
        }
        bytesUnpublished += counted;
        if (wakes.afterPublish() || count - producedPublished >= publishEvery)
        {
            publishCounts();
        }
    }

    /**
     * A send found the ring full: counted at once, and what was counted in fields is published,
     * since the sender now spins, waits or gives up (no message is on its way meanwhile).
     */
    private void foundFull()
    {
        count(FULL_EVENTS, 1);
        publishCounts();
    }

    /**
     * Adds the messages and bytes counted in fields to the counters: on close, and whenever the
     * sender idles. One thread at a time, as every one-to-one send.
     */
    void publishCounts()
    {
        final long messages = produced - producedPublished;
        if (!sharedCount && messages != 0)
        {
            counters.addRelease(MESSAGES_OUT, messages);
            counters.addRelease(BYTES_OUT, bytesUnpublished);
            producedPublished = produced;
            bytesUnpublished = 0;
        }
    }

    /**
     * Many-to-many: counts a claim as begun in the object's process slot before Agrona's
     * compare-and-set on the tail can make it (an atomic add: a full fence, and the object's
     * threads share the count). Until its committed count grows ({@link #published}, after the record's release store)
     * or {@link #endClaimUncommitted}, consumers see that this object has a claim open and never
     * skip a claim while its process lives ({@link ProcessSlots#liveClaimOpen}). Cost: one atomic
     * add per message on the producer's own line, which its committed count already holds in
     * cache; no line that a consumer writes.
     */
    private void beginClaim()
    {
        if (sharedCount && producedIndex >= 0)
        {
            body.getAndAddLong(producedIndex + CLAIMS_BEGUN_DELTA, 1);
        }
    }

    /**
     * A begun claim that failed (full ring), was aborted (now padding) or was given up by an
     * exception: it will never be committed by this object, so it no longer holds consumers back.
     */
    private void endClaimUncommitted()
    {
        if (sharedCount && producedIndex >= 0)
        {
            body.getAndAddLong(producedIndex + CLAIMS_BEGUN_DELTA, -1);
        }
    }

    private void count(final int counter, final long delta)
    {
        if (sharedCount)
        {
            counters.getAndAdd(counter, delta);
        }
        else
        {
            counters.addRelease(counter, delta);
        }
    }

    private void attached()
    {
        if (producedIndex == NOT_ATTACHED)
        {
            attachOnce();
        }
    }

    private synchronized void attachOnce()
    {
        if (producedIndex == NOT_ATTACHED)
        {
            produced = 0;
            producedPublished = 0;
            producedIndex = attach.getAsInt();
        }
    }

    private void senderMaySleep()
    {
        file.enter();
        try
        {
            wakes.senderMaySleep();
        }
        finally
        {
            file.exit();
        }
    }

    private void checkReceiver()
    {
        file.enter();
        try
        {
            if (receiver.gone(true))
            {
                throw new EndOfStreamException(what + ": the pipe is full and " + receiver.describe() +
                    " was closed or its process died: nobody will read");
            }
        }
        finally
        {
            file.exit();
        }
    }
}
