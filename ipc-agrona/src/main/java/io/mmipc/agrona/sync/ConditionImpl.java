package io.mmipc.agrona.sync;

import io.mmipc.Idle;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.spi.Handles;
import io.mmipc.SharedCondition;
import io.mmipc.SharedLock;
import io.mmipc.SharedStateCorruptedException;
import io.mmipc.internal.file.SharedFile;
import org.agrona.concurrent.IdleStrategy;

import java.util.Date;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static io.mmipc.agrona.sync.ConditionDescriptor.*;

/**
 * A condition bound to a lock of this package (layout and algorithm in {@link ConditionDescriptor}).
 */
final class ConditionImpl extends MappedObject implements SharedCondition
{
    private static final int SIGNALLED = 0;
    private static final int TIMED_OUT = 1;
    private static final int INTERRUPTED = 2;

    private final SharedLockImpl lock;
    private volatile Supplier<IdleStrategy> idle = Idle.backoff();

    ConditionImpl(final TransportContext ctx, final SharedFile file, final String name, final SharedLockImpl lock)
    {
        super(ctx, file, name);
        this.lock = lock;
    }

    @Override
    public SharedLock lock()
    {
        return lock;
    }

    @Override
    public void await() throws InterruptedException
    {
        checkInterrupt();
        if (doAwait(Wait.forever(idle, true)) == INTERRUPTED)
        {
            throw new InterruptedException();
        }
    }

    @Override
    public void awaitUninterruptibly()
    {
        doAwait(Wait.forever(idle, false));
    }

    @Override
    public long awaitNanos(final long nanosTimeout) throws InterruptedException
    {
        checkInterrupt();
        final long deadline = System.nanoTime() + Math.min(nanosTimeout, Long.MAX_VALUE / 4);
        if (doAwait(Wait.nanos(idle, nanosTimeout, true)) == INTERRUPTED)
        {
            throw new InterruptedException();
        }
        return deadline - System.nanoTime();
    }

    @Override
    public boolean await(final long time, final TimeUnit unit) throws InterruptedException
    {
        checkInterrupt();
        final int outcome = doAwait(Wait.timed(idle, time, unit));
        if (outcome == INTERRUPTED)
        {
            throw new InterruptedException();
        }
        return outcome == SIGNALLED;
    }

    @Override
    public boolean awaitUntil(final Date deadline) throws InterruptedException
    {
        return await(deadline.getTime() - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean await(final BooleanSupplier predicate, final long timeout, final TimeUnit unit)
        throws InterruptedException
    {
        // Capped so that the deadline cannot overflow: a quarter of Long.MAX_VALUE nanoseconds is 73 years.
        final long deadline = System.nanoTime() + Math.min(unit.toNanos(timeout), Long.MAX_VALUE / 4);
        while (!predicate.getAsBoolean())
        {
            final long left = deadline - System.nanoTime();
            if (left <= 0)
            {
                return predicate.getAsBoolean();
            }
            awaitNanos(left);
        }
        return true;
    }

    @Override
    public void signal()
    {
        lock.core.checkHeld("signal");
        file.enter();
        try
        {
            while (true)
            {
                final long word = word();
                if (waits(word) == wakeups(word) ||
                    body.compareAndSetLong(WORD_OFFSET, word, ConditionDescriptor.word(waits(word), wakeups(word) + 1,
                    woken(word))))
                {
                    return;
                }
            }
        }
        catch (final InternalError fault)
        {
            throw fault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    @Override
    public void signalAll()
    {
        lock.core.checkHeld("signalAll");
        file.enter();
        try
        {
            while (true)
            {
                final long word = word();
                if (waits(word) == wakeups(word) ||
                    body.compareAndSetLong(WORD_OFFSET, word, ConditionDescriptor.word(waits(word), waits(word),
                    woken(word))))
                {
                    return;
                }
            }
        }
        catch (final InternalError fault)
        {
            throw fault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    @Override
    public SharedCondition idle(final Supplier<IdleStrategy> value)
    {
        idle = Objects.requireNonNull(value, "idle");
        return this;
    }

    @Override
    SyncHandle handle()
    {
        return SyncHandle.condition(ctx, name, lock);
    }

    @Override
    String kindName()
    {
        return "condition";
    }

    /**
     * Arrives, releases the lock, waits for a wake-up (or gives up), and takes the lock back.
     */
    private int doAwait(final Wait wait)
    {
        lock.core.checkHeld("await");
        final long arrivedAt = arrive();
        final int holds = lock.core.releaseFully("await");
        int outcome = TIMED_OUT;
        try
        {
            while (true)
            {
                if (takeWakeup(arrivedAt))
                {
                    outcome = SIGNALLED;
                    break;
                }
                final int status = wait.idle();
                if (status != Wait.AGAIN)
                {
                    outcome = giveUp(arrivedAt) ? SIGNALLED : status == Wait.INTERRUPTED ? INTERRUPTED : TIMED_OUT;
                    break;
                }
            }
        }
        finally
        {
            wait.done();
            lock.core.reacquire(holds);
        }
        return outcome;
    }

    /**
     * Counts one more waiter.
     *
     * @return the wake-ups count when it arrived.
     */
    private long arrive()
    {
        file.enter();
        try
        {
            while (true)
            {
                final long word = word();
                if (distance(waits(word), woken(word)) == COUNTER_MASK)
                {
                    throw new IllegalStateException(this + " has " + COUNTER_MASK + " waiters, the most it counts");
                }
                if (body.compareAndSetLong(WORD_OFFSET, word,
                    ConditionDescriptor.word(waits(word) + 1, wakeups(word), woken(word))))
                {
                    return wakeups(word);
                }
            }
        }
        catch (final InternalError fault)
        {
            throw fault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * Takes a wake-up granted since the waiter arrived, if one is left.
     */
    private boolean takeWakeup(final long arrivedAt)
    {
        file.enter();
        try
        {
            while (true)
            {
                final long word = word();
                if (wakeups(word) == arrivedAt || wakeups(word) == woken(word))
                {
                    return false;
                }
                if (body.compareAndSetLong(WORD_OFFSET, word,
                    ConditionDescriptor.word(waits(word), wakeups(word), woken(word) + 1)))
                {
                    return true;
                }
            }
        }
        catch (final InternalError fault)
        {
            throw fault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * Leaves after a timeout or interrupt: takes a wake-up when one arrived meanwhile, else
     * grants and takes one of its own, so the counters stay balanced.
     *
     * @return true when it took a granted wake-up after all.
     */
    private boolean giveUp(final long arrivedAt)
    {
        file.enter();
        try
        {
            while (true)
            {
                final long word = word();
                final boolean granted = wakeups(word) != arrivedAt && wakeups(word) != woken(word);
                final long next = granted ?
                    ConditionDescriptor.word(waits(word), wakeups(word), woken(word) + 1) :
                    ConditionDescriptor.word(waits(word), wakeups(word) + 1, woken(word) + 1);
                if (body.compareAndSetLong(WORD_OFFSET, word, next))
                {
                    return granted;
                }
            }
        }
        catch (final InternalError fault)
        {
            throw fault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * @return the sequence word, checked; call between enter and exit.
     */
    private long word()
    {
        final long word = body.getLongVolatile(WORD_OFFSET);
        if (!isConsistent(word))
        {
            throw new SharedStateCorruptedException(file.path(), this + ": the sequence word at offset " + WORD_OFFSET +
                " holds 0x" + Long.toHexString(word) + ": its counters are out of order");
        }
        return word;
    }

    private static void checkInterrupt() throws InterruptedException
    {
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
    }
}
