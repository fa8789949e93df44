package io.mmipc.agrona.queue;

import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.spi.Handles;
import io.mmipc.MessageHandler;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codec;
import io.mmipc.internal.file.SharedFile;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.util.concurrent.locks.ReentrantLock;

import static io.mmipc.agrona.queue.QueueDescriptor.*;

/**
 * Many producers and many consumers, in any processes and threads. Producers write with Agrona's
 * {@code ManyToOneRingBuffer} (a CAS on the tail). Consumers take turns through the consumer
 * lock, a word in the file that holds the {@link ProcessToken} of the object reading: it is taken
 * with one CAS per read and released right after, so each message goes to exactly one consumer.
 * <p>
 * <b>Dead consumers.</b> A consumer that finds the lock held by the same holder for the
 * dead-process timeout checks whether that holder's process lives; if not, it takes the lock
 * over, and the messages the dead one had taken (up to its recorded taken position) are skipped:
 * at-most-once.
 * <p>
 * <b>Dead producers.</b> A producer that dies between claim and commit leaves a record that blocks
 * the ring. The consumer holding the lock unblocks it (turns it into padding, counted in
 * {@link #skippedMessages()}) once it has blocked for the timeout and a registered producer is
 * dead, or after ten timeouts in any case (a live producer that stays that long inside a claim is
 * treated as stuck, as Agrona's own {@code unblock()} does). A dead object's slot is reaped once
 * the ring has drained past everything it could have claimed.
 */
final class ManyToManyQueue<T> extends AgronaQueue<T>
{
    private static final long serialVersionUID = 1L;
    /** Unblock after this many timeouts even when no registered producer is known dead. */
    static final int STUCK_CLAIM_TIMEOUTS = 10;

    private final transient ManyToOneRingBuffer ring;
    private final transient int slots;
    private final transient int slotsOffset;
    private final transient ReentrantLock consumerLock = new ReentrantLock();
    private transient int slot = -1;
    private transient volatile long roles;
    private transient int producedIndex;
    // Under consumerLock:
    private transient long observedHolder;
    private transient long observedSince;
    private transient long blockedHead = -1;
    private transient long blockedSince;
    private transient long nextDeadCheck;
    private transient long nextReap;

    ManyToManyQueue(final TransportContext ctx, final SharedFile file, final Codec<T> codec, final QueueOptions options,
        final int capacity, final int maxMessageLength, final int slots)
    {
        super(ctx, file, codec, options, capacity, maxMessageLength, slots, true);
        this.ring = new ManyToOneRingBuffer(reader.ring());
        this.slots = slots;
        this.slotsOffset = slotsOffset(capacity);
    }

    @Override
    public boolean isOneToOne()
    {
        return false;
    }

    @Override
    RingBuffer ring()
    {
        return ring;
    }

    @Override
    void ensureProducer()
    {
        if ((roles & ROLE_PRODUCER) == 0)
        {
            register(ROLE_PRODUCER);
        }
    }

    @Override
    void countProduced()
    {
        body.getAndAddLong(producedIndex, 1);
    }

    @Override
    int tryRead(final MessageHandler handler, final int limit)
    {
        if ((roles & ROLE_CONSUMER) == 0)
        {
            register(ROLE_CONSUMER);
        }
        consumerLock.lock();
        try
        {
            file.enter();
            try
            {
                if (reader.isEmpty())
                {
                    reapDeadSlots();
                    return 0;
                }
                if (!acquireConsumerLock())
                {
                    return 0;
                }
                try
                {
                    final int read = reader.read(handler, limit);
                    if (read == 0)
                    {
                        unblockIfStuck();
                    }
                    return read;
                }
                finally
                {
                    body.putLongRelease(CONSUMER_WORD_OFFSET, 0);
                }
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
        finally
        {
            consumerLock.unlock();
        }
    }

    private boolean acquireConsumerLock()
    {
        final long holder = body.getLongVolatile(CONSUMER_WORD_OFFSET);
        if (holder == 0)
        {
            return body.compareAndSetLong(CONSUMER_WORD_OFFSET, 0, token);
        }
        if (holder == token)
        {
            return true;
        }
        final long now = System.nanoTime();
        if (holder != observedHolder)
        {
            observedHolder = holder;
            observedSince = now;
            return false;
        }
        if (now - observedSince < deadProcessTimeoutNanos)
        {
            return false;
        }
        observedSince = now; // a live holder is asked again only after another timeout
        if (ProcessToken.isAlive(holder) || !body.compareAndSetLong(CONSUMER_WORD_OFFSET, holder, token))
        {
            return false;
        }
        reader.skipTaken();
        return true;
    }

    private void unblockIfStuck()
    {
        if (!reader.isBlocked())
        {
            blockedHead = -1;
            return;
        }
        final long head = reader.headPosition();
        final long now = System.nanoTime();
        if (head != blockedHead)
        {
            blockedHead = head;
            blockedSince = now;
            nextDeadCheck = now + deadProcessTimeoutNanos;
            return;
        }
        boolean unblock = now - blockedSince >= STUCK_CLAIM_TIMEOUTS * deadProcessTimeoutNanos;
        if (!unblock && now - nextDeadCheck >= 0)
        {
            nextDeadCheck = now + deadProcessTimeoutNanos;
            unblock = deadProducerRegistered();
        }
        if (unblock && reader.unblock())
        {
            blockedHead = -1;
        }
    }

    private boolean deadProducerRegistered()
    {
        for (int i = 0; i < slots; i++)
        {
            final int offset = slotsOffset + i * SLOT_LENGTH;
            final long holder = body.getLongVolatile(offset + SLOT_TOKEN_OFFSET);
            if (holder != 0 && (body.getLongVolatile(offset + SLOT_ROLES_OFFSET) & ROLE_PRODUCER) != 0 &&
                !ProcessToken.isAlive(holder))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Frees the slots of dead objects once the ring is empty: any claim a dead producer made lies
     * before the tail, so an empty ring (seen after the death) has passed it.
     */
    private void reapDeadSlots()
    {
        final long now = System.nanoTime();
        if (now - nextReap < 0)
        {
            return;
        }
        nextReap = now + deadProcessTimeoutNanos;
        long[] dead = null;
        for (int i = 0; i < slots; i++)
        {
            final long holder = body.getLongVolatile(slotsOffset + i * SLOT_LENGTH + SLOT_TOKEN_OFFSET);
            if (holder != 0 && holder != token && !ProcessToken.isAlive(holder))
            {
                dead = dead == null ? new long[slots] : dead;
                dead[i] = holder;
            }
        }
        if (dead == null || !reader.isEmpty())
        {
            return;
        }
        for (int i = 0; i < slots; i++)
        {
            if (dead[i] != 0)
            {
                reap(i, dead[i]);
            }
        }
    }

    private boolean reap(final int index, final long holder)
    {
        final int offset = slotsOffset + index * SLOT_LENGTH;
        final long count = body.getLongVolatile(offset + SLOT_PRODUCED_OFFSET);
        if (body.compareAndSetLong(offset + SLOT_TOKEN_OFFSET, holder, 0))
        {
            body.getAndAddLong(RETIRED_COUNT_OFFSET, count);
            return true;
        }
        return false;
    }

    private synchronized void register(final long role)
    {
        if ((roles & role) != 0)
        {
            return;
        }
        file.enter();
        try
        {
            if (slot < 0)
            {
                slot = claimSlot();
                producedIndex = slotsOffset + slot * SLOT_LENGTH + SLOT_PRODUCED_OFFSET;
            }
            final long updated = roles | role;
            body.putLongRelease(slotsOffset + slot * SLOT_LENGTH + SLOT_ROLES_OFFSET, updated);
            roles = updated;
        }
        finally
        {
            file.exit();
        }
    }

    private int claimSlot()
    {
        for (int i = 0; i < slots; i++)
        {
            final int offset = slotsOffset + i * SLOT_LENGTH;
            if (body.getLongVolatile(offset + SLOT_TOKEN_OFFSET) == 0 &&
                body.compareAndSetLong(offset + SLOT_TOKEN_OFFSET, 0, token))
            {
                return initSlot(offset, i);
            }
        }
        // Full: reuse the slot of a dead object (its evidence for unblocking goes; ten timeouts still unblock).
        for (int i = 0; i < slots; i++)
        {
            final int offset = slotsOffset + i * SLOT_LENGTH;
            final long holder = body.getLongVolatile(offset + SLOT_TOKEN_OFFSET);
            if (holder != 0 && !ProcessToken.isAlive(holder) && reap(i, holder) &&
                body.compareAndSetLong(offset + SLOT_TOKEN_OFFSET, 0, token))
            {
                return initSlot(offset, i);
            }
        }
        throw new IllegalStateException(describe() + ": all " + slots + " process slots are held by live " +
            "queue objects; close some, or create the queue with a larger QueueOptions.maxProcesses");
    }

    private int initSlot(final int offset, final int index)
    {
        body.putLongRelease(offset + SLOT_PRODUCED_OFFSET, 0);
        body.putLongRelease(offset + SLOT_ROLES_OFFSET, 0);
        return index;
    }

    @Override
    void deregister()
    {
        if (slot >= 0)
        {
            final int offset = slotsOffset + slot * SLOT_LENGTH;
            body.getAndAddLong(RETIRED_COUNT_OFFSET, body.getLongVolatile(offset + SLOT_PRODUCED_OFFSET));
            body.putLongRelease(offset + SLOT_PRODUCED_OFFSET, 0);
            body.putLongRelease(offset + SLOT_ROLES_OFFSET, 0);
            body.compareAndSetLong(offset + SLOT_TOKEN_OFFSET, token, 0);
        }
        body.compareAndSetLong(CONSUMER_WORD_OFFSET, token, 0);
    }
}
