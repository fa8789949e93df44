package io.mmipc.agrona.sync;

import io.mmipc.internal.wait.WakeWord;
import io.mmipc.SharedCondition;
import io.mmipc.SharedLock;
import io.mmipc.SharedStateCorruptedException;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.wait.Waiter;
import org.agrona.concurrent.IdleStrategy;

import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static io.mmipc.agrona.sync.ConditionDescriptor.*;

/**
 * A condition bound to a lock of this package (layout and algorithm in {@link ConditionDescriptor}).
 */
final class AgronaCondition extends MappedObject implements SharedCondition
{
    private static final int SIGNALLED = 0;
    private static final int TIMED_OUT = 1;
    private static final int INTERRUPTED = 2;

    private final AgronaLock lock;
    private final Waiters waiters = new Waiters();
    private final WakeWord wake;

    AgronaCondition(final TransportContext ctx, final SharedFile file, final String name, final AgronaLock lock)
    {
        super(ctx, file, name);
        this.wake = WakeWord.of(body, ConditionDescriptor.WAKE_OFFSET);
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
        if (doAwait(Waiter.FOREVER, true) == INTERRUPTED)
        {
            throw new InterruptedException();
        }
    }

    @Override
    public void awaitUninterruptibly()
    {
        doAwait(Waiter.FOREVER, false);
    }

    @Override
    public long awaitNanos(final long nanosTimeout) throws InterruptedException
    {
        checkInterrupt();
        final long deadline = System.nanoTime() + Math.min(nanosTimeout, Long.MAX_VALUE / 4);
        if (doAwait(Math.max(0, nanosTimeout), true) == INTERRUPTED)
        {
            throw new InterruptedException();
        }
        return deadline - System.nanoTime();
    }

    @Override
    public boolean await(final long time, final TimeUnit unit) throws InterruptedException
    {
        checkInterrupt();
        final int outcome = doAwait(Waiters.timeoutNanos(time, unit), true);
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
        grant(1, "signal");
    }

    @Override
    public void signal(final int n)
    {
        if (n < 0)
        {
            throw new IllegalArgumentException(this + ": signal(n) needs n >= 0, got " + n);
        }
        grant(n, "signal");
    }

    @Override
    public void signalAll()
    {
        grant(Long.MAX_VALUE, "signalAll");
    }

    /**
     * Grants up to {@code most} wake-ups, no more than there are waiters without one, in one CAS.
     */
    private void grant(final long most, final String what)
    {
        lock.core.checkHeld(what);
        if (most == 0)
        {
            return;
        }
        file.enter();
        try
        {
            while (true)
            {
                final long word = word();
                final long ungranted = distance(waits(word), wakeups(word));
                if (ungranted == 0)
                {
                    return;
                }
                final long wakeups = wakeups(word) + Math.min(most, ungranted);
                if (body.compareAndSetLong(WORD_OFFSET, word, ConditionDescriptor.word(waits(word), wakeups,
                    woken(word))))
                {
                    wake.signalAfterAtomicUpdate();
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
        waiters.idle(value);
        return this;
    }

    @Override
    Handle handle()
    {
        return handle(SyncKinds.CONDITION, 0, lock.handle());
    }

    @Override
    String kindName()
    {
        return "condition";
    }

    /**
     * Arrives, releases the lock, waits for a wake-up (or gives up), and takes the lock back
     * (through the lock's own waiters, after this wait has ended).
     *
     * @param timeoutNanos {@link Waiter#FOREVER} or the longest wait.
     */
    private int doAwait(final long timeoutNanos, final boolean interruptible)
    {
        lock.core.checkHeld("await");
        final long arrivedAt = arrive();
        final int holds = lock.core.releaseFully("await");
        int outcome = TIMED_OUT;
        final Waiter wait = waiters.begin(timeoutNanos, interruptible, wake);
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
                if (status != Waiter.AGAIN)
                {
                    outcome = giveUp(arrivedAt) ? SIGNALLED : status == Waiter.INTERRUPTED ? INTERRUPTED : TIMED_OUT;
                    break;
                }
            }
        }
        finally
        {
            wait.end();
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

    /**
     * @return the word this object's waiters sleep on (its counters prove a kernel sleep in tests).
     */
    WakeWord wakeWord()
    {
        return wake;
    }
}
