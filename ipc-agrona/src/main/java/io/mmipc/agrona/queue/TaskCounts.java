package io.mmipc.agrona.queue;

import io.mmipc.ProcessLogging;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.owner.OwnerWord;
import io.mmipc.internal.wait.Waiter;
import io.mmipc.internal.wait.WakeWord;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.util.function.Supplier;

import static io.mmipc.agrona.queue.JoinableDescriptor.*;
import static io.mmipc.internal.owner.OwnerWordDescriptor.FREE;

/**
 * The task accounting of a joinable queue, in its task file ({@link JoinableDescriptor}): the
 * unfinished count that {@code join()} waits on, and per queue object (a holder slot, claimed on
 * its first put or take) the tasks it holds: puts under way, and tasks taken and not yet marked
 * done. Each step is ordered so that a holder killed between two steps leaves its slot counting
 * too many, never too few:
 * <pre>
 *   put:      held + 1, unfinished + 1, send, held - 1        (a failed send: unfinished - 1 first)
 *   take:     held + 1, one non-blocking read, held - 1 if it found nothing
 *   taskDone: unfinished - 1 (refused at 0), then held - 1 if held &gt; 0
 * </pre>
 * A read marks its message taken before the handler runs (the queue is at-most-once), so the
 * reservation must come before the read; a blocking take waits for the queue to become readable
 * without a reservation and reserves only around each read, so a consumer killed while it waits
 * (the usual idle worker) holds nothing.
 * <b>Dead holders.</b> A joiner checks the holders every {@link #CHECK_NANOS}, and a new object
 * that finds every slot taken checks them too; a holder whose process died is taken over through
 * the ownership core ({@link OwnerWord#acquire}) and <em>settled</em>: its held count is
 * subtracted from the unfinished count (never below 0) and added to the lost count, and a
 * warning names its pid. So {@code join()} never waits for a dead process; a task a dead consumer
 * took is counted lost, not done again. Tasks taken by one object and marked done through another
 * are the caller's affair: the taker's slot still counts them, and its death would settle them twice.
 */
final class TaskCounts
{
    /** How often a joiner asks whether the holders live. */
    static final long CHECK_NANOS = 100_000_000L;

    private final SharedFile file;
    private final AtomicBuffer body;
    private final Participant participant;
    private final long me;
    private final int slots;
    private final String what;
    private final WakeWord allDone;
    private final ThreadLocal<Waiter> waiters;
    private final OwnerWord[] words; // made on first need: a benign race at worst makes one twice
    private volatile int slot = -1;

    TaskCounts(final SharedFile file, final Participant participant, final int slots,
        final Supplier<IdleStrategy> idle, final String what)
    {
        this.file = file;
        this.body = file.body();
        this.participant = participant;
        this.me = participant.id();
        this.slots = slots;
        this.what = what;
        this.allDone = WakeWord.of(body, ALL_DONE_WAKE_OFFSET);
        this.waiters = Waiter.perThread(idle);
        this.words = new OwnerWord[slots];
    }

    /**
     * Before a put: this object holds one more task, and the queue has one more unfinished.
     */
    void beforePut()
    {
        file.enter();
        try
        {
            body.getAndAddLong(heldOffset(), 1);
            body.getAndAddLong(UNFINISHED_OFFSET, 1);
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * After a put: the task is in the queue (or, when {@code sent} is false, was never sent).
     */
    void afterPut(final boolean sent)
    {
        file.enter();
        try
        {
            if (!sent)
            {
                subtractUnfinished(1);
            }
            decrementHeld();
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * Before a non-blocking read: the task it may take is held from before it leaves the ring.
     */
    void reserve()
    {
        file.enter();
        try
        {
            body.getAndAddLong(heldOffset(), 1);
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * After a read that took nothing.
     */
    void unreserve()
    {
        file.enter();
        try
        {
            decrementHeld();
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * Python's {@code task_done()}.
     *
     * @throws IllegalStateException when no task is unfinished.
     */
    void taskDone()
    {
        file.enter();
        try
        {
            long unfinished;
            do
            {
                unfinished = body.getLongVolatile(UNFINISHED_OFFSET);
                if (unfinished <= 0)
                {
                    throw new IllegalStateException(what + ": taskDone() called more times than tasks were put " +
                        "(no unfinished task; lost to dead holders so far: " + lostVolatile() + ")");
                }
            }
            while (!body.compareAndSetLong(UNFINISHED_OFFSET, unfinished, unfinished - 1));
            if (unfinished == 1)
            {
                allDone.signal();
            }
            if (slot >= 0)
            {
                decrementHeld();
            }
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * Waits until no task is unfinished, settling dead holders every {@link #CHECK_NANOS}.
     *
     * @return false when tasks were still unfinished after {@code timeoutNanos}.
     */
    boolean join(final long timeoutNanos) throws InterruptedException
    {
        file.enter();
        try
        {
            if (body.getLongVolatile(UNFINISHED_OFFSET) <= 0)
            {
                return true;
            }
            settleDead();
            final Waiter waiter = waiters.get().begin(timeoutNanos, true, CHECK_NANOS, allDone);
            try
            {
                while (body.getLongVolatile(UNFINISHED_OFFSET) > 0)
                {
                    final int state = waiter.idle();
                    if (state == Waiter.TIMED_OUT)
                    {
                        return body.getLongVolatile(UNFINISHED_OFFSET) <= 0;
                    }
                    if (state == Waiter.INTERRUPTED)
                    {
                        throw new InterruptedException(what + ": interrupted in join()");
                    }
                    if (waiter.checkDue())
                    {
                        settleDead();
                    }
                }
                return true;
            }
            finally
            {
                waiter.end();
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

    long unfinished()
    {
        file.enter();
        try
        {
            return Math.max(0, body.getLongVolatile(UNFINISHED_OFFSET));
        }
        finally
        {
            file.exit();
        }
    }

    long lost()
    {
        file.enter();
        try
        {
            return lostVolatile();
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * Frees this object's slot: what it still holds stays unfinished (Python's rule: a task
     * nobody marks done keeps {@code join()} waiting), but no longer counts as held.
     */
    void leave()
    {
        final int mine = slot;
        if (mine >= 0)
        {
            body.putLongRelease(slotOffset(mine) + SLOT_HELD_OFFSET, 0);
            words(mine).release(me);
        }
    }

    /**
     * Settles every slot whose holder died. Call between enter and exit.
     */
    void settleDead()
    {
        for (int i = 0; i < slots; i++)
        {
            final long holder = body.getLongVolatile(slotOffset(i) + SLOT_HOLDER_OFFSET);
            if (holder != FREE && !words(i).isThisProcess(holder) && !isAlive(i, holder))
            {
                final long pid = words(i).pidOf(holder);
                final int taken = words(i).acquire(me, 0);
                if (taken == OwnerWord.TAKEN_OVER || taken == OwnerWord.ACQUIRED)
                {
                    settle(i, pid);
                    words(i).release(me);
                }
            }
        }
    }

    private void settle(final int index, final long pid)
    {
        final long held = body.getAndSetLong(slotOffset(index) + SLOT_HELD_OFFSET, 0);
        if (held <= 0)
        {
            return;
        }
        body.getAndAddLong(LOST_OFFSET, held);
        subtractUnfinished(held);
        ProcessLogging.logger().warning(() -> what + ": the holder of " + held + " task(s), pid " + pid +
            ", died; they are counted lost (lostTasks()) and no longer unfinished");
    }

    /**
     * Lowers the unfinished count by {@code count}, never below 0, and wakes the joiners when it reaches 0.
     */
    private void subtractUnfinished(final long count)
    {
        long unfinished;
        long next;
        do
        {
            unfinished = body.getLongVolatile(UNFINISHED_OFFSET);
            next = Math.max(0, unfinished - count);
        }
        while (!body.compareAndSetLong(UNFINISHED_OFFSET, unfinished, next));
        if (next == 0 && unfinished != 0)
        {
            allDone.signal();
        }
    }

    private void decrementHeld()
    {
        final int index = slotOffset(slot) + SLOT_HELD_OFFSET;
        long held;
        do
        {
            held = body.getLongVolatile(index);
            if (held <= 0)
            {
                return; // a task taken through another object, marked done through this one
            }
        }
        while (!body.compareAndSetLong(index, held, held - 1));
    }

    private long lostVolatile()
    {
        return body.getLongVolatile(LOST_OFFSET);
    }

    /**
     * @return the offset of this object's held count, claiming a slot first when it has none.
     */
    private int heldOffset()
    {
        int mine = slot;
        if (mine < 0)
        {
            mine = claimSlot();
        }
        return slotOffset(mine) + SLOT_HELD_OFFSET;
    }

    private synchronized int claimSlot()
    {
        if (slot >= 0)
        {
            return slot;
        }
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < slots; i++)
            {
                if (body.getLongVolatile(slotOffset(i) + SLOT_HOLDER_OFFSET) == FREE && words(i).tryAcquireFree(me))
                {
                    body.putLongRelease(slotOffset(i) + SLOT_HELD_OFFSET, 0); // a count its last holder left at close
                    slot = i;
                    return i;
                }
            }
            settleDead(); // full: free the slots of dead holders, then look again
        }
        throw new IllegalStateException(what + ": all " + slots + " task slots are held by live queue objects; " +
            "close some, or create the queue with a larger QueueOptions.maxProcesses");
    }

    private boolean isAlive(final int index, final long holder)
    {
        final OwnerWord word = words(index);
        word.checkWellFormed(holder);
        return word.isAlive(holder);
    }

    private OwnerWord words(final int index)
    {
        OwnerWord word = words[index];
        if (word == null)
        {
            word = participant.word(file, slotOffset(index) + SLOT_HOLDER_OFFSET, what + " task slot " + index);
            words[index] = word;
        }
        return word;
    }
}
