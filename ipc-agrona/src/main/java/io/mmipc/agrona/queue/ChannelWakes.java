package io.mmipc.agrona.queue;

import io.mmipc.internal.wait.WakeWord;
import io.mmipc.internal.wait.WakeWordDescriptor;
import org.agrona.concurrent.AtomicBuffer;

import java.lang.invoke.VarHandle;

import static io.mmipc.agrona.queue.ChannelDescriptor.*;

/**
 * Kernel wake-ups of one channel: receivers sleep on the data-arrived {@link WakeWord} while the
 * channel is empty, full senders on the room-freed one, and the other side signals them. A
 * {@link WakeWord#signal()} is a full fence (an atomic add), too dear per message on a ring that
 * moves tens of millions of messages a second, so a publisher signals only when the word's
 * sleepers flag S says someone may sleep, and reads S only where a fence orders that read after
 * its publication:
 * <ul>
 *   <li><b>Many-to-one data</b> ({@link #afterPublish}): the producer's claim is a CAS on the tail,
 *   a full fence. It reads S after the write and signals if S was set. A receiver about to sleep
 *   sets S with a CAS (a full fence) and re-checks; in the order of those two CASes either the
 *   producer's read comes after the receiver's (it sees S and signals after its commit) or the
 *   claim comes first, and the receiver's re-read of the tail sees it: then a record is claimed
 *   or committed, and the receiver must not sleep ({@link #mayNeedWake} says so, and the wait
 *   backs off with its idle strategy instead, until the record commits).</li>
 *   <li><b>One-to-one data, and room on every channel</b>: the publication is a release store, so
 *   the publisher needs a fence before it reads S. It pays for one only when the other side may
 *   sleep: a receiver (sender) whose waits may sleep in the kernel sets the sticky
 *   receivers-may-sleep (senders-may-sleep) flag once, with a volatile store, before its first
 *   such wait; the publisher reads that flag (a line written once: no miss per message), and only
 *   when it is set issues a full fence and reads S. A busy-spin, yielding or fallback
 *   ({@code -Dmmipc.wait.futex=false}) waiter never sets it, so the tuned path pays a load of a
 *   read-only line, no fence and no system call. With the flag set, the fence and the receiver's
 *   CAS on S order as above: either the publisher sees S or the receiver's re-check sees the
 *   record.</li>
 * </ul>
 * <b>The window.</b> A publisher that reads the flag just before another process's first store
 * of it becomes visible skips the fence for that message; if the sleeper's re-check then misses
 * that message (its store was still on its way), the sleeper wakes at the end of its slice
 * ({@link io.mmipc.internal.wait.Waiter#SLICE_NANOS}) or at the next signal: one slice at most,
 * once per channel, since the flag is never cleared. A sleeper killed with {@code kill -9} leaves
 * S set, which costs the next publisher one spare wake; the flag stays set, which costs each
 * later one-to-one message a fence.
 * <p>
 * Room is signalled once per batch a consumer reads (the head moves once per batch), data once
 * per message or zero-copy commit.
 */
public final class ChannelWakes
{
    /** The bytes of a wakes region: two wake word slots and the slot of the may-sleep flags. */
    public static final int REGION_LENGTH = WAKES_LENGTH;

    private final AtomicBuffer region;
    private final WakeWord dataArrived;
    private final WakeWord roomFreed;
    private final boolean claimFences;
    private boolean receiverFlagSet;
    private boolean senderFlagSet;

    /**
     * @param region      the channel's wakes region ({@link ChannelDescriptor#WAKES_LENGTH} bytes, off-heap).
     * @param claimFences true for a many-to-one ring, whose producers claim with a CAS.
     */
    public ChannelWakes(final AtomicBuffer region, final boolean claimFences)
    {
        if (region.capacity() < WAKES_LENGTH)
        {
            throw new IllegalArgumentException("wakes region of " + region.capacity() + " bytes, needs " + WAKES_LENGTH);
        }
        this.region = region;
        this.dataArrived = WakeWord.of(region, DATA_WAKE_OFFSET);
        this.roomFreed = WakeWord.of(region, ROOM_WAKE_OFFSET);
        this.claimFences = claimFences;
    }

    public WakeWord dataArrived()
    {
        return dataArrived;
    }

    public WakeWord roomFreed()
    {
        return roomFreed;
    }

    /**
     * @return true when an empty-looking many-to-one channel has a claim in flight whose producer
     *         may have read S before this receiver set it: the receiver must not sleep on this
     *         registration. Call with the channel's tail already read by the failed attempt.
     */
    boolean mayNeedWake(final RingChannel channel)
    {
        return claimFences && !channel.isEmpty();
    }

    /**
     * Producer: after a record is committed (written whole).
     *
     * @return true when it signalled a receiver that may sleep: the receiver had gone idle, so the
     *         producer's stream is not running flat out (its counts may be published at no cost that matters).
     */
    public boolean afterPublish()
    {
        if (claimFences)
        {
            return signalIfSleepers(dataArrived); // the claim's CAS ordered this read
        }
        if (region.getIntOpaque(RECEIVERS_MAY_SLEEP_OFFSET) != 0) // the fence below orders what matters
        {
            VarHandle.fullFence(); // orders the release store of the length before the read of S
            return signalIfSleepers(dataArrived);
        }
        return false;
    }

    /**
     * Consumer: after the head moved past what it read.
     */
    public void afterConsume()
    {
        if (region.getIntOpaque(SENDERS_MAY_SLEEP_OFFSET) != 0)
        {
            VarHandle.fullFence(); // orders the release store of the head before the read of S
            signalIfSleepers(roomFreed);
        }
    }

    /**
     * Receiver: before a wait that may sleep in the kernel.
     */
    public void receiverMaySleep()
    {
        if (!receiverFlagSet)
        {
            region.putIntVolatile(RECEIVERS_MAY_SLEEP_OFFSET, 1);
            receiverFlagSet = true;
        }
    }

    /**
     * Sender: before a wait that may sleep in the kernel.
     */
    public void senderMaySleep()
    {
        if (!senderFlagSet)
        {
            region.putIntVolatile(SENDERS_MAY_SLEEP_OFFSET, 1);
            senderFlagSet = true;
        }
    }

    private static boolean signalIfSleepers(final WakeWord word)
    {
        if ((word.wordVolatile() & WakeWordDescriptor.SLEEPERS) != 0)
        {
            word.signal();
            return true;
        }
        return false;
    }
}
