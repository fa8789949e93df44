package io.mmipc.agrona.sync;

import io.mmipc.SharedStateCorruptedException;
import io.mmipc.internal.counters.CounterSet;
import io.mmipc.internal.counters.Counters;
import io.mmipc.internal.counters.ProcessCounters;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.internal.owner.OwnerCell;
import io.mmipc.internal.owner.OwnerWord;
import io.mmipc.internal.owner.ParticipantRegistry;
import io.mmipc.internal.wait.Waiter;
import io.mmipc.internal.wait.WakeWord;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import static io.mmipc.agrona.sync.LockDescriptor.*;
import static io.mmipc.internal.owner.OwnerWordDescriptor.FREE;
import static io.mmipc.internal.owner.OwnerWordDescriptor.died;
import static io.mmipc.internal.owner.OwnerWordDescriptor.owner;

/**
 * A robust lock over one lock record ({@link LockDescriptor}): the record's owner word is claimed,
 * checked and taken over from dead holders by {@link OwnerWord}, the one ownership algorithm;
 * this class adds what a lock needs on top: reentrancy (the hold count), refusing a self-deadlock,
 * blocking through {@link Waiter}, and release. Acquire is one CAS from free
 * ({@link OwnerWord#tryAcquireFree}); release is one release-store of free by the holder (only
 * the holder frees its word, so a CAS would only double the cost of an uncontended lock),
 * followed by a load of the record's wake word: a waiter sleeps in the kernel on that
 * {@link WakeWord}, and a release wakes it only when the word's sleepers flag is set, with no
 * fence of its own (sleepers pay a global barrier instead; the argument is in {@link WakeWord}).
 * Since a sleep lasts at most the owner-check interval, a dead owner is still found in time.
 * <p>
 * A waiter that sees the same owner for {@link #OWNER_CHECK_INTERVAL_NANOS} has the owner's
 * process checked, and takes the lock over with the died flag when it is gone.
 * Holds are counted in this process's {@link Counters} (acquisitions, contended ones, those taken
 * from a dead holder) while the lock is held, so the holder is their one writer: a plain store.
 * Other packages of this module embed lock records in their own files (the shared dict's
 * per-stripe locks) through {@link #inRecord}.
 */
public final class LockCore
{
    /** How long a waiter sees one owner before it checks that the owner's process lives, and how often after. */
    public static final long OWNER_CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** The length of a lock record ({@link LockDescriptor}): a file that embeds one reserves this much. */
    public static final int RECORD_LENGTH = LockDescriptor.RECORD_LENGTH;

    private static final int BUSY = 0;
    private static final int ACQUIRED = 1;
    private static final int SELF = 2;

    private final SharedFile file;
    /** What the messages call the lock: its object, whose {@code toString} says whether it is closed. */
    private final Object owner;
    private final AtomicBuffer body;
    private final int ownerOffset;
    private final int holdOffset;
    private final boolean reentrant;
    private final ParticipantRegistry registry;
    private final OwnerWord word;
    private final Waiters waiters;
    private final WakeWord wake;
    private final AtomicBoolean leaseReleased = new AtomicBoolean();
    private final Counters counters;

    /**
     * @param registry a lease this core gives back on {@link #close()}.
     */
    LockCore(final MappedObject owner, final int recordOffset, final boolean reentrant,
        final ParticipantRegistry registry)
    {
        this(owner.file, owner, recordOffset, reentrant, registry, new Waiters(),
            ProcessCounters.open(owner.ctx.directory(), owner.ctx.filePermissions(), CounterSet.LOCK, owner.name));
    }

    private LockCore(final SharedFile file, final Object owner, final int recordOffset, final boolean reentrant,
        final ParticipantRegistry registry, final Waiters waiters, final Counters counters)
    {
        this.counters = counters;
        this.file = file;
        this.owner = owner;
        this.body = file.body();
        this.ownerOffset = recordOffset + OWNER_OFFSET;
        this.holdOffset = recordOffset + HOLD_COUNT_OFFSET;
        this.reentrant = reentrant;
        this.registry = registry;
        this.waiters = waiters;
        this.wake = WakeWord.ofFencelessPublisher(body, recordOffset + WAKE_OFFSET);
        this.word = new OwnerWord(OwnerCell.of(body, ownerOffset), registry, file.path(),
            SharedFileDescriptor.HEADER_LENGTH + (long)ownerOffset, owner);
    }

    /**
     * A non-reentrant robust lock over the zeroed lock record at {@code recordOffset} of
     * {@code file}'s body, for other packages of this module. Its {@link #close()} gives
     * {@code registry}, a lease of its own, back.
     *
     * @param owner   what messages call the lock (its {@code toString}).
     * @param waiters what its blocking calls wait with; several locks of one object may share them.
     */
    public static LockCore inRecord(final SharedFile file, final Object owner, final int recordOffset,
        final ParticipantRegistry registry, final Waiters waiters)
    {
        if (recordOffset < 0 || recordOffset % Long.BYTES != 0 || recordOffset > file.body().capacity() - RECORD_LENGTH)
        {
            throw new IllegalArgumentException("lock record offset " + recordOffset + " is not an aligned record in " +
                "the " + file.body().capacity() + "-byte body of " + file.path());
        }
        return new LockCore(file, owner, recordOffset, false, registry, waiters,
            Counters.uncounted(CounterSet.LOCK, file.name()));
    }

    public void idle(final Supplier<IdleStrategy> value)
    {
        waiters.idle(value);
    }

    public Supplier<IdleStrategy> idle()
    {
        return waiters.idle();
    }

    /**
     * @return the word this lock's waiters sleep on (its counters prove a kernel sleep in tests).
     */
    public WakeWord wakeWord()
    {
        return wake;
    }

    public void lock()
    {
        final long me = me();
        if (tryFast(me) || first(me, true))
        {
            return;
        }
        try
        {
            acquireSlow(me, Waiter.FOREVER, false);
        }
        catch (final InterruptedException cannotHappen)
        {
            throw new AssertionError(cannotHappen);
        }
    }

    public void lockInterruptibly() throws InterruptedException
    {
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
        final long me = me();
        if (tryFast(me) || first(me, true))
        {
            return;
        }
        acquireSlow(me, Waiter.FOREVER, true);
    }

    public boolean tryLock()
    {
        final long me = me();
        return tryFast(me) || attempt(me) == ACQUIRED;
    }

    public boolean tryLock(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
        final long me = me();
        if (tryFast(me))
        {
            return true;
        }
        final int first = attempt(me);
        if (first != BUSY)
        {
            return first == ACQUIRED;
        }
        return acquireSlow(me, Waiters.timeoutNanos(timeout, unit), true);
    }

    public void unlock()
    {
        file.enter();
        try
        {
            release();
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * {@link #unlock()} for a caller already between the file's {@code enter()} and {@code exit()}:
     * a close of the file meanwhile cannot refuse it, so a lock taken is always given back.
     */
    public void unlockEntered()
    {
        release();
    }

    private void release()
    {
        final long me = me();
        try
        {
            final long current = word.getVolatile();
            if (owner(current) != me)
            {
                throw notHeld(current, "unlock");
            }
            if (reentrant)
            {
                final long holds = body.getLong(holdOffset);
                if (holds > 1 && holds <= Integer.MAX_VALUE)
                {
                    body.putLong(holdOffset, holds - 1);
                    return;
                }
                body.putLong(holdOffset, 0);
                body.putLongRelease(ownerOffset, FREE);
                wake.signalAfterReleaseStore();
                if (holds != 1)
                {
                    throw new SharedStateCorruptedException(file.path(), SharedFileDescriptor.HEADER_LENGTH +
                        (long)holdOffset, owner + ": hold count " + holds + " is not one a holder writes; the " +
                        "lock was released");
                }
                return;
            }
            body.putLongRelease(ownerOffset, FREE);
            wake.signalAfterReleaseStore();
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
    }

    public boolean isLocked()
    {
        return word() != FREE;
    }

    public boolean isHeldByCurrentThread()
    {
        return owner(word()) == me();
    }

    public boolean previousOwnerDied()
    {
        final long current = word();
        return owner(current) == me() && died(current);
    }

    /**
     * {@link #previousOwnerDied()} for a caller already between the file's {@code enter()} and
     * {@code exit()}: it cannot be refused by a close meanwhile.
     */
    public boolean previousOwnerDiedEntered()
    {
        final long current = word.getVolatile();
        return owner(current) == me() && died(current);
    }

    int holdCount()
    {
        final long me = me();
        file.enter();
        try
        {
            if (owner(word.getVolatile()) != me)
            {
                return 0;
            }
            return reentrant ? (int)Math.min(Integer.MAX_VALUE, Math.max(0, body.getLong(holdOffset))) : 1;
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

    public long ownerPid()
    {
        final long current = word();
        word.checkWellFormed(current);
        return word.pidOf(current);
    }

    /**
     * Releases every hold of the calling thread, for a condition's wait.
     *
     * @return the holds to give back to {@link #reacquire(int)}.
     * @throws IllegalMonitorStateException when the caller does not hold the lock.
     */
    int releaseFully(final String action)
    {
        final long me = me();
        file.enter();
        try
        {
            final long current = word.getVolatile();
            if (owner(current) != me)
            {
                throw notHeld(current, action);
            }
            int holds = 1;
            if (reentrant)
            {
                final long stored = body.getLong(holdOffset);
                holds = stored >= 1 && stored <= Integer.MAX_VALUE ? (int)stored : 1;
                body.putLong(holdOffset, 0);
            }
            body.putLongRelease(ownerOffset, FREE);
            wake.signalAfterReleaseStore();
            return holds;
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

    /**
     * Takes the lock back after a condition's wait, ignoring interrupts, and restores the holds.
     */
    void reacquire(final int holds)
    {
        lock();
        if (reentrant)
        {
            file.enter();
            try
            {
                body.putLong(holdOffset, holds);
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
    }

    /**
     * @throws IllegalMonitorStateException unless the calling thread holds the lock.
     */
    void checkHeld(final String action)
    {
        final long current = word();
        if (owner(current) != me())
        {
            throw notHeld(current, action);
        }
    }

    /**
     * Gives the registry lease back (once). The record itself belongs to the owner's file.
     */
    public void close()
    {
        if (leaseReleased.compareAndSet(false, true))
        {
            counters.release();
            registry.release();
        }
    }

    private long me()
    {
        return word.idFor(Thread.currentThread().getId());
    }

    private long word()
    {
        file.enter();
        try
        {
            return word.getVolatile();
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

    /**
     * The uncontended path: one CAS.
     */
    private boolean tryFast(final long me)
    {
        file.enter();
        try
        {
            if (word.tryAcquireFree(me))
            {
                counters.addRelease(CounterSet.ACQUISITIONS, 1); // under the lock: one writer at a time
                if (reentrant)
                {
                    body.putLong(holdOffset, 1);
                }
                return true;
            }
            return false;
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

    /**
     * The first look after a failed fast path: reentry, or a deadlock to refuse.
     */
    private boolean first(final long me, final boolean refuseSelf)
    {
        final int result = attempt(me);
        if (result == SELF && refuseSelf)
        {
            throw new IllegalStateException(owner + " is already held by this thread and is not reentrant: " +
                "locking it again would deadlock (an rlock is reentrant)");
        }
        return result == ACQUIRED;
    }

    /**
     * @param timeoutNanos {@link Waiter#FOREVER} or the longest wait.
     */
    private boolean acquireSlow(final long me, final long timeoutNanos, final boolean interruptible)
        throws InterruptedException
    {
        final Waiter wait = waiters.begin(timeoutNanos, interruptible, wake);
        try
        {
            while (true)
            {
                if (attempt(me) == ACQUIRED)
                {
                    return true;
                }
                final int status = wait.idle();
                if (status == Waiter.TIMED_OUT)
                {
                    return false;
                }
                if (status == Waiter.INTERRUPTED)
                {
                    throw new InterruptedException();
                }
            }
        }
        finally
        {
            wait.end();
        }
    }

    /**
     * One look at the owner word ({@link OwnerWord#acquire}): take it when free, re-enter when
     * reentrant and ours, take it over when its owner's process is found dead.
     */
    private int attempt(final long me)
    {
        file.enter();
        try
        {
            final int result = word.acquire(me, OWNER_CHECK_INTERVAL_NANOS);
            switch (result)
            {
                case OwnerWord.ACQUIRED:
                case OwnerWord.TAKEN_OVER:
                    countContended(result);
                    if (reentrant)
                    {
                        body.putLong(holdOffset, 1);
                    }
                    return ACQUIRED;
                case OwnerWord.MINE:
                    return reentrant ? enterAgain() : SELF;
                default:
                    return BUSY;
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

    /**
     * Counts a hold that did not come through the fast path, under the lock (so one writer at a
     * time): it found the lock held, or took it from a dead holder.
     */
    private void countContended(final int result)
    {
        counters.addRelease(CounterSet.ACQUISITIONS, 1);
        counters.addRelease(CounterSet.CONTENDED, 1);
        if (result == OwnerWord.TAKEN_OVER)
        {
            counters.addRelease(CounterSet.OWNER_DIED_TAKEOVERS, 1);
        }
    }

    /**
     * One more hold of a reentrant lock the caller holds; call between enter and exit.
     */
    private int enterAgain()
    {
        final long holds = body.getLong(holdOffset);
        if (holds < 1 || holds >= Integer.MAX_VALUE)
        {
            throw new SharedStateCorruptedException(file.path(), SharedFileDescriptor.HEADER_LENGTH + (long)holdOffset,
                owner + ": hold count " + holds + " is not one a holder writes");
        }
        body.putLong(holdOffset, holds + 1);
        return ACQUIRED;
    }

    private RuntimeException notHeld(final long current, final String action)
    {
        word.checkWellFormed(current);
        return new IllegalMonitorStateException(action + ": " + owner + " is not held by this thread; " +
            (current == FREE ? "it is free" : word.describe(current) + " holds it"));
    }
}
