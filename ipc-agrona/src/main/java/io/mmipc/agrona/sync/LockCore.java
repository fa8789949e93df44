package io.mmipc.agrona.sync;

import io.mmipc.internal.owner.ParticipantRegistry;
import io.mmipc.Idle;
import io.mmipc.SharedStateCorruptedException;
import io.mmipc.internal.file.SharedFile;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import static io.mmipc.agrona.sync.LockDescriptor.*;

/**
 * The robust lock algorithm over one lock record ({@link LockDescriptor}): acquire is one CAS of
 * the owner word from free to the caller's owner id; release is a release-store of free. A
 * waiter that sees the same owner word for {@link #OWNER_CHECK_INTERVAL_NANOS} asks the
 * participant registry whether the owner's process still runs, and takes the lock over with one
 * CAS (setting the died flag) when it does not.
 * <p>
 * Other packages of this module embed lock records in their own files (the shared dict's
 * per-stripe locks) through {@link #inRecord}: the algorithm stays here, in one place.
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
    private final long tokenBits;
    private final AtomicBoolean leaseReleased = new AtomicBoolean();
    private volatile Supplier<IdleStrategy> idle = Idle.backoff();
    // The owner word a waiter last saw and since when: a benign race between this JVM's waiters.
    private volatile long suspect;
    private volatile long suspectSince;

    /**
     * @param registry a lease this core gives back on {@link #close()}.
     */
    LockCore(final MappedObject owner, final int recordOffset, final boolean reentrant,
        final ParticipantRegistry registry)
    {
        this(owner.file, owner, recordOffset, reentrant, registry);
    }

    private LockCore(final SharedFile file, final Object owner, final int recordOffset, final boolean reentrant,
        final ParticipantRegistry registry)
    {
        this.file = file;
        this.owner = owner;
        this.body = file.body();
        this.ownerOffset = recordOffset + OWNER_OFFSET;
        this.holdOffset = recordOffset + HOLD_COUNT_OFFSET;
        this.reentrant = reentrant;
        this.registry = registry;
        this.tokenBits = (long)registry.token() << TOKEN_SHIFT;
    }

    /**
     * A non-reentrant robust lock over the zeroed lock record at {@code recordOffset} of
     * {@code file}'s body, for other packages of this module. Its {@link #close()} gives
     * {@code registry}, a lease of its own, back.
     *
     * @param owner what messages call the lock (its {@code toString}).
     */
    public static LockCore inRecord(final SharedFile file, final Object owner, final int recordOffset,
        final ParticipantRegistry registry)
    {
        if (recordOffset < 0 || recordOffset % Long.BYTES != 0 || recordOffset > file.body().capacity() - RECORD_LENGTH)
        {
            throw new IllegalArgumentException("lock record offset " + recordOffset + " is not an aligned record in " +
                "the " + file.body().capacity() + "-byte body of " + file.path());
        }
        return new LockCore(file, owner, recordOffset, false, registry);
    }

    public void idle(final Supplier<IdleStrategy> value)
    {
        idle = Objects.requireNonNull(value, "idle");
    }

    public Supplier<IdleStrategy> idle()
    {
        return idle;
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
            acquireSlow(me, Wait.forever(idle, false));
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
        acquireSlow(me, Wait.forever(idle, true));
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
        return acquireSlow(me, Wait.timed(idle, timeout, unit));
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
            final long word = body.getLongVolatile(ownerOffset);
            if (owner(word) != me)
            {
                throw notHeld(word, "unlock");
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
                if (holds != 1)
                {
                    throw new SharedStateCorruptedException(file.path(), owner + ": hold count " + holds +
                        " at offset " + holdOffset + " is not one a holder writes; the lock was released");
                }
                return;
            }
            body.putLongRelease(ownerOffset, FREE);
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
        final long word = word();
        return owner(word) == me() && (word & DIED) != 0;
    }

    /**
     * {@link #previousOwnerDied()} for a caller already between the file's {@code enter()} and
     * {@code exit()}: it cannot be refused by a close meanwhile.
     */
    public boolean previousOwnerDiedEntered()
    {
        final long word = body.getLongVolatile(ownerOffset);
        return owner(word) == me() && (word & DIED) != 0;
    }

    int holdCount()
    {
        final long me = me();
        file.enter();
        try
        {
            if (owner(body.getLongVolatile(ownerOffset)) != me)
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
        final long word = word();
        if (word == FREE)
        {
            return 0;
        }
        checkWellFormed(word);
        return registry.pidOf(token(word));
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
            final long word = body.getLongVolatile(ownerOffset);
            if (owner(word) != me)
            {
                throw notHeld(word, action);
            }
            int holds = 1;
            if (reentrant)
            {
                final long stored = body.getLong(holdOffset);
                holds = stored >= 1 && stored <= Integer.MAX_VALUE ? (int)stored : 1;
                body.putLong(holdOffset, 0);
            }
            body.putLongRelease(ownerOffset, FREE);
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
        final long word = word();
        if (owner(word) != me())
        {
            throw notHeld(word, action);
        }
    }

    /**
     * Gives the registry lease back (once). The record itself belongs to the owner's file.
     */
    public void close()
    {
        if (leaseReleased.compareAndSet(false, true))
        {
            registry.release();
        }
    }

    private long me()
    {
        return ownerId(tokenBits, Thread.currentThread().getId());
    }

    private long word()
    {
        file.enter();
        try
        {
            return body.getLongVolatile(ownerOffset);
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
            if (body.compareAndSetLong(ownerOffset, FREE, me))
            {
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

    private boolean acquireSlow(final long me, final Wait wait) throws InterruptedException
    {
        try
        {
            while (true)
            {
                if (attempt(me) == ACQUIRED)
                {
                    return true;
                }
                final int status = wait.idle();
                if (status == Wait.TIMED_OUT)
                {
                    return false;
                }
                if (status == Wait.INTERRUPTED)
                {
                    throw new InterruptedException();
                }
            }
        }
        finally
        {
            wait.done();
        }
    }

    /**
     * One look at the owner word: take it when free, re-enter when reentrant and ours, take it
     * over when its owner's process is found dead.
     */
    private int attempt(final long me)
    {
        file.enter();
        try
        {
            final long word = body.getLongVolatile(ownerOffset);
            if (word == FREE)
            {
                if (body.compareAndSetLong(ownerOffset, FREE, me))
                {
                    if (reentrant)
                    {
                        body.putLong(holdOffset, 1);
                    }
                    return ACQUIRED;
                }
                return BUSY;
            }
            if (owner(word) == me)
            {
                if (!reentrant)
                {
                    return SELF;
                }
                final long holds = body.getLong(holdOffset);
                if (holds < 1 || holds >= Integer.MAX_VALUE)
                {
                    throw new SharedStateCorruptedException(file.path(), owner + ": hold count " + holds +
                        " at offset " + holdOffset + " is not one a holder writes");
                }
                body.putLong(holdOffset, holds + 1);
                return ACQUIRED;
            }
            checkWellFormed(word);
            if (ownerGone(word) && body.compareAndSetLong(ownerOffset, word, me | DIED))
            {
                if (reentrant)
                {
                    body.putLong(holdOffset, 1);
                }
                return ACQUIRED;
            }
            return BUSY;
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
     * @return true when {@code word} has named the owner for a check interval and its process is gone.
     */
    private boolean ownerGone(final long word)
    {
        final long now = System.nanoTime();
        if (word != suspect)
        {
            suspectSince = now;
            suspect = word;
            return false;
        }
        if (now - suspectSince < OWNER_CHECK_INTERVAL_NANOS)
        {
            return false;
        }
        suspectSince = now;
        return !registry.isAlive(token(word));
    }

    private void checkWellFormed(final long word)
    {
        if (!isWellFormed(word))
        {
            throw new SharedStateCorruptedException(file.path(), owner + ": the owner word at offset " + ownerOffset +
                " holds 0x" + Long.toHexString(word) + ", which is not an owner id mmipc writes (bad check bits " +
                "or participant token); something outside mmipc wrote to the file");
        }
    }

    private RuntimeException notHeld(final long word, final String action)
    {
        if (word != FREE)
        {
            checkWellFormed(word);
        }
        return new IllegalMonitorStateException(action + ": " + owner + " is not held by this thread; " +
            describe(word));
    }

    private String describe(final long word)
    {
        if (word == FREE)
        {
            return "it is free";
        }
        final int token = token(word);
        if (token == registry.token())
        {
            return "thread " + threadId(word) + " of this process holds it";
        }
        final long pid = registry.pidOf(token);
        return pid == 0 ? "a process that has ended holds it" : "thread " + threadId(word) + " of pid " + pid +
            " holds it";
    }
}
