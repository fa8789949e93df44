package io.mmipc.agrona.queue;

import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.owner.OwnerWord;
import org.agrona.concurrent.AtomicBuffer;

import static io.mmipc.agrona.queue.QueueDescriptor.*;
import static io.mmipc.internal.owner.OwnerWordDescriptor.FREE;
import static io.mmipc.internal.owner.OwnerWordDescriptor.owner;

/**
 * The members of a many-to-many queue: every queue object that produces or consumes holds a
 * process slot ({@link QueueDescriptor}), an owner word naming it, its roles, its count of
 * committed messages and its count of claims begun. The slots are the evidence a consumer needs
 * before it skips a claim that blocks the ring: it may do so only when no live producer has a
 * claim open ({@link #liveClaimOpen}); a dead object's slot is reaped once the ring has
 * drained past anything it could have claimed ({@link #reapDead}), or reused when all are taken.
 * <p>
 * Taking a dead holder's slot is the ownership core's takeover ({@link OwnerWord#acquire});
 * its count moves to the retired count first, so {@code size()} counts every message once.
 */
final class ProcessSlots implements QueueMembers
{
    private final SharedFile file;
    private final AtomicBuffer body;
    private final Participant participant;
    private final long me;
    private final int slotsOffset;
    private final int count;
    private final String what;
    private final OwnerWord[] words; // made on first need: a benign race at worst makes one twice
    private int slot = -1; // guarded by this
    private long roles; // guarded by this

    ProcessSlots(final SharedFile file, final Participant participant, final int slotsOffset, final int count,
        final String what)
    {
        this.file = file;
        this.body = file.body();
        this.participant = participant;
        this.me = participant.id();
        this.slotsOffset = slotsOffset;
        this.count = count;
        this.what = what;
        this.words = new OwnerWord[count];
    }

    @Override
    public synchronized int attachProducer()
    {
        register(ROLE_PRODUCER);
        return offset(slot) + SLOT_PRODUCED_OFFSET;
    }

    @Override
    public synchronized boolean attachConsumer()
    {
        register(ROLE_CONSUMER);
        return false; // consumers take turns: ConsumerTurn counts a turn taken over
    }

    @Override
    public synchronized void leave()
    {
        if (slot >= 0)
        {
            QueueMembers.retire(body, offset(slot));
            body.putLongRelease(offset(slot) + SLOT_ROLES_OFFSET, 0);
            word(slot).release(me);
        }
    }

    /**
     * Whether a live producer may hold the claim that blocks the ring. A producer counts a claim
     * as begun (a full fence) before its compare-and-set on the tail and as committed after its
     * release store of the record's length, so a claim the caller saw (tail beyond the head, read
     * before this) is counted here until its record is committed. Each slot's committed count is
     * read before its begun count: a commit seen in the first is never missed in the second. A
     * count too high only makes the caller wait. Call between enter and exit.
     *
     * @return true when a slot whose holder lives has begun more claims than it committed.
     */
    boolean liveClaimOpen()
    {
        for (int i = 0; i < count; i++)
        {
            final int offset = offset(i);
            final long holder = body.getLongVolatile(offset + SLOT_HOLDER_OFFSET);
            if (holder == FREE || (body.getLongVolatile(offset + SLOT_ROLES_OFFSET) & ROLE_PRODUCER) == 0)
            {
                continue;
            }
            final long committed = body.getLongVolatile(offset + SLOT_PRODUCED_OFFSET);
            final long begun = body.getLongVolatile(offset + SLOT_CLAIMS_BEGUN_OFFSET);
            if (begun - committed > 0 && isAlive(i, holder))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Frees the slots of dead objects once the ring is empty: any claim a dead producer made lies
     * before the tail, so an empty ring (seen after the death) has passed it. Call between enter and exit.
     */
    void reapDead(final RingChannel channel)
    {
        long[] dead = null;
        for (int i = 0; i < count; i++)
        {
            final long holder = body.getLongVolatile(offset(i) + SLOT_HOLDER_OFFSET);
            if (holder != FREE && owner(holder) != me && !isAlive(i, holder))
            {
                dead = dead == null ? new long[count] : dead;
                dead[i] = holder;
            }
        }
        if (dead == null || !channel.isEmpty())
        {
            return;
        }
        for (int i = 0; i < count; i++)
        {
            if (dead[i] != FREE)
            {
                reap(i);
            }
        }
    }

    private void reap(final int index)
    {
        final OwnerWord word = word(index);
        final int taken = word.acquire(me, 0);
        if (taken == OwnerWord.TAKEN_OVER)
        {
            QueueMembers.retire(body, offset(index));
            body.putLongRelease(offset(index) + SLOT_ROLES_OFFSET, 0);
            word.release(me);
        }
        else if (taken == OwnerWord.ACQUIRED)
        {
            word.release(me); // freed meanwhile: not ours to keep
        }
    }

    private void register(final long role)
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
            }
            roles |= role;
            body.putLongRelease(offset(slot) + SLOT_ROLES_OFFSET, roles);
        }
        finally
        {
            file.exit();
        }
    }

    private int claimSlot()
    {
        for (int i = 0; i < count; i++)
        {
            if (body.getLongVolatile(offset(i) + SLOT_HOLDER_OFFSET) == FREE && word(i).tryAcquireFree(me))
            {
                return init(i);
            }
        }
        // Full: take over the slot of a dead object (its open claims are a dead process's: they may be skipped).
        for (int i = 0; i < count; i++)
        {
            final long holder = body.getLongVolatile(offset(i) + SLOT_HOLDER_OFFSET);
            if (holder != FREE && !isAlive(i, holder))
            {
                final int taken = word(i).acquire(me, 0);
                if (taken == OwnerWord.TAKEN_OVER || taken == OwnerWord.ACQUIRED)
                {
                    return init(i);
                }
            }
        }
        throw new IllegalStateException(what + ": all " + count + " process slots are held by live " +
            "queue objects; close some, or create the queue with a larger QueueOptions.maxProcesses");
    }

    private int init(final int index)
    {
        body.putLongRelease(offset(index) + SLOT_CLAIMS_BEGUN_OFFSET, 0); // before any claim of ours
        QueueMembers.retire(body, offset(index)); // a dead holder's count
        body.putLongRelease(offset(index) + SLOT_ROLES_OFFSET, 0);
        return index;
    }

    private boolean isAlive(final int index, final long holder)
    {
        final OwnerWord word = word(index);
        word.checkWellFormed(holder);
        return word.isAlive(holder);
    }

    private OwnerWord word(final int index)
    {
        OwnerWord word = words[index];
        if (word == null)
        {
            word = participant.word(file, offset(index) + SLOT_HOLDER_OFFSET, what + " process slot " + index);
            words[index] = word;
        }
        return word;
    }

    private int offset(final int index)
    {
        return slotsOffset + index * SLOT_LENGTH;
    }
}
