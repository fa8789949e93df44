package io.mmipc.agrona.sync;

import io.mmipc.Idle;
import io.mmipc.SharedStateCorruptedException;
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
 */
final class LockCore
{
    /** How long a waiter sees one owner before it checks that the owner's process lives, and how often after. */
    static final long OWNER_CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private static final int BUSY = 0;
    private static final int ACQUIRED = 1;
    private static final int SELF = 2;

    private final MappedObject owner;
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
        this.owner = owner;
        this.body = owner.body;
        this.ownerOffset = recordOffset + OWNER_OFFSET;
        this.holdOffset = recordOffset + HOLD_COUNT_OFFSET;
        this.reentrant = reentrant;
        this.registry = registry;
        this.tokenBits = (long)registry.token() << TOKEN_SHIFT;
    }

    void idle(final Supplier<IdleStrategy> value)
    {
        idle = Objects.requireNonNull(value, "idle");
    }

    Supplier<IdleStrategy> idle()
    {
        return idle;
    }

    void lock()
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

    void lockInterruptibly() throws InterruptedException
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

    boolean tryLock()
    {
        final long me = me();
        return tryFast(me) || attempt(me) == ACQUIRED;
    }

    boolean tryLock(final long timeout, final TimeUnit unit) throws InterruptedException
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

    void unlock()
    {
        final long me = me();
        owner.file.enter();
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
                    throw new SharedStateCorruptedException(owner.path(), owner + ": hold count " + holds +
                        " at offset " + holdOffset + " is not one a holder writes; the lock was released");
                }
                return;
            }
            body.putLongRelease(ownerOffset, FREE);
        }
        catch (final InternalError fault)
        {
            throw owner.fault(fault);
        }
        finally
        {
            owner.file.exit();
        }
    }

    boolean isLocked()
    {
        return word() != FREE;
    }

    boolean isHeldByCurrentThread()
    {
        return owner(word()) == me();
    }

    boolean previousOwnerDied()
    {
        final long word = word();
        return owner(word) == me() && (word & DIED) != 0;
    }

    int holdCount()
    {
        final long me = me();
        owner.file.enter();
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
            throw owner.fault(fault);
        }
        finally
        {
            owner.file.exit();
        }
    }

    long ownerPid()
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
        owner.file.enter();
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
            throw owner.fault(fault);
        }
        finally
        {
            owner.file.exit();
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
            owner.file.enter();
            try
            {
                body.putLong(holdOffset, holds);
            }
            finally
            {
                owner.file.exit();
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
    void close()
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
        owner.file.enter();
        try
        {
            return body.getLongVolatile(ownerOffset);
        }
        catch (final InternalError fault)
        {
            throw owner.fault(fault);
        }
        finally
        {
            owner.file.exit();
        }
    }

    /**
     * The uncontended path: one CAS.
     */
    private boolean tryFast(final long me)
    {
        owner.file.enter();
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
            throw owner.fault(fault);
        }
        finally
        {
            owner.file.exit();
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
        owner.file.enter();
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
                    throw new SharedStateCorruptedException(owner.path(), owner + ": hold count " + holds +
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
            throw owner.fault(fault);
        }
        finally
        {
            owner.file.exit();
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
            throw new SharedStateCorruptedException(owner.path(), owner + ": the owner word at offset " + ownerOffset +
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
