package io.mmipc.agrona.queue;

import io.mmipc.MessageHandler;
import io.mmipc.internal.counters.CounterSet;
import io.mmipc.internal.counters.Counters;
import io.mmipc.internal.owner.OwnerWord;

import java.util.concurrent.locks.ReentrantLock;

/**
 * How the consumers of a many-to-many queue take turns: through the consumer word, an
 * {@link OwnerWord} taken with one compare-and-set around each read and freed right after, so
 * each message goes to exactly one consumer. The threads of one object queue up on a local lock
 * first (the word names the object).
 * <p>
 * <b>Dead consumers.</b> A consumer that finds the word held by the same holder for the
 * dead-process timeout asks the ownership core whether that holder's process lives; if not, it
 * takes the word over, and the messages the dead one had taken (up to its recorded taken
 * position) are skipped: at-most-once ({@link RingRepair#skipTaken}).
 * <p>
 * <b>Dead producers.</b> A producer that dies between claim and commit leaves a record that
 * blocks the ring. The consumer whose turn it is unblocks it ({@link RingRepair#unblock}, counted
 * as skipped) once it has blocked for the timeout and no producer whose process lives has a
 * claim open ({@link ProcessSlots#liveClaimOpen}), checked once per timeout. A live producer's
 * claim is never skipped, however long it stays open (a stopped, debugged or descheduled
 * process): its bytes would land in ring space that by then belongs to other messages. So a
 * stalled producer holds the consumers up until it commits or dies. When the ring is empty, the
 * slots of dead objects are reaped ({@link ProcessSlots#reapDead}).
 * <p>
 * Turns taken over and claims skipped are counted in the object's {@link Counters} (side B),
 * under the local lock, like the reader's counts.
 */
final class ConsumerTurn
{
    private final OwnerWord word;
    private final long me;
    private final RingChannel channel;
    private final ProcessSlots slots;
    private final long timeoutNanos;
    private final Counters counters;
    private final ReentrantLock local = new ReentrantLock();
    // Under local:
    private long blockedHead = -1;
    private long nextDeadCheck;
    private long nextReap;

    /**
     * @param timeoutNanos the dead-process timeout.
     */
    ConsumerTurn(final OwnerWord word, final long me, final RingChannel channel, final ProcessSlots slots,
        final long timeoutNanos, final Counters counters)
    {
        this.word = word;
        this.me = me;
        this.channel = channel;
        this.slots = slots;
        this.timeoutNanos = timeoutNanos;
        this.counters = counters;
    }

    /**
     * Takes the turn, reads up to {@code limit} messages and gives the turn back; reads nothing
     * while another live consumer has it. Call between the file's enter and exit.
     *
     * @return how many messages it handed over.
     */
    int read(final RingReader reader, final MessageHandler handler, final int limit)
    {
        local.lock();
        try
        {
            if (channel.isEmpty())
            {
                reapIfDue();
                return 0;
            }
            final int taken = word.acquire(me, timeoutNanos);
            if (taken == OwnerWord.BUSY)
            {
                return 0;
            }
            try
            {
                if (taken == OwnerWord.TAKEN_OVER)
                {
                    counters.addRelease(CounterSet.CONSUMER_TAKEOVERS, 1);
                    counters.addRelease(CounterSet.SKIPPED_CLAIMS, RingRepair.skipTaken(channel, word));
                    channel.wakes().afterConsume();
                }
                final int read = reader.read(handler, limit);
                if (read == 0)
                {
                    unblockIfStuck();
                }
                return read;
            }
            finally
            {
                if (taken != OwnerWord.MINE) // MINE: a handler's nested call; the outer read gives it back
                {
                    word.release(me);
                }
            }
        }
        finally
        {
            local.unlock();
        }
    }

    /**
     * Gives the turn back if this object holds it (on close).
     */
    void leave()
    {
        word.release(me);
    }

    private void unblockIfStuck()
    {
        if (!channel.isBlocked())
        {
            blockedHead = -1;
            return;
        }
        final long head = channel.headPosition();
        final long now = System.nanoTime();
        if (head != blockedHead)
        {
            blockedHead = head;
            nextDeadCheck = now + timeoutNanos;
            return;
        }
        if (now - nextDeadCheck < 0)
        {
            return;
        }
        nextDeadCheck = now + timeoutNanos;
        // isBlocked read the tail beyond the head before this: the blocking claim's maker counted it already.
        if (!slots.liveClaimOpen() && RingRepair.unblock(channel))
        {
            counters.addRelease(CounterSet.SKIPPED_CLAIMS, 1);
            blockedHead = -1;
        }
    }

    private void reapIfDue()
    {
        final long now = System.nanoTime();
        if (now - nextReap >= 0)
        {
            nextReap = now + timeoutNanos;
            slots.reapDead(channel);
        }
    }
}
