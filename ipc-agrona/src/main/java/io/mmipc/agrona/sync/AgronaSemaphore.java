package io.mmipc.agrona.sync;

import io.mmipc.internal.wait.WakeWord;
import io.mmipc.SharedSemaphore;
import io.mmipc.SharedStateCorruptedException;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.wait.Waiter;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.mmipc.agrona.sync.SemaphoreDescriptor.PERMITS_OFFSET;

/**
 * A counting semaphore (layout in {@link SemaphoreDescriptor}): CAS loops on one permits word.
 * Permits have no owner, so those of a dead process stay taken (see {@link SharedSemaphore}).
 */
final class AgronaSemaphore extends MappedObject implements SharedSemaphore
{
    private final int initial;
    private final boolean bounded;
    private final Waiters waiters = new Waiters();
    private final WakeWord wake;

    AgronaSemaphore(final TransportContext ctx, final SharedFile file, final String name, final int initial,
        final boolean bounded)
    {
        super(ctx, file, name);
        this.wake = WakeWord.of(body, SemaphoreDescriptor.WAKE_OFFSET);
        this.initial = initial;
        this.bounded = bounded;
    }

    @Override
    public void acquire() throws InterruptedException
    {
        acquire(1);
    }

    @Override
    public void acquire(final int permits) throws InterruptedException
    {
        checkPermits(permits);
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
        if (!take(permits))
        {
            await(permits, Waiter.FOREVER, true);
        }
    }

    @Override
    public void acquireUninterruptibly()
    {
        acquireUninterruptibly(1);
    }

    @Override
    public void acquireUninterruptibly(final int permits)
    {
        checkPermits(permits);
        if (!take(permits))
        {
            try
            {
                await(permits, Waiter.FOREVER, false);
            }
            catch (final InterruptedException cannotHappen)
            {
                throw new AssertionError(cannotHappen);
            }
        }
    }

    @Override
    public boolean tryAcquire()
    {
        return take(1);
    }

    @Override
    public boolean tryAcquire(final int permits)
    {
        checkPermits(permits);
        return take(permits);
    }

    @Override
    public boolean tryAcquire(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return tryAcquire(1, timeout, unit);
    }

    @Override
    public boolean tryAcquire(final int permits, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        checkPermits(permits);
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
        return take(permits) || await(permits, Waiters.timeoutNanos(timeout, unit), true);
    }

    @Override
    public void release()
    {
        release(1);
    }

    @Override
    public void release(final int permits)
    {
        checkPermits(permits);
        file.enter();
        try
        {
            while (true)
            {
                final long current = permits();
                final long next = current + permits;
                if (bounded && next > initial)
                {
                    throw new IllegalStateException(this + " released too many times: " + current + " + " + permits +
                        " permits would exceed its bound of " + initial);
                }
                if (next > Integer.MAX_VALUE)
                {
                    throw new IllegalStateException(this + ": " + current + " + " + permits +
                        " permits would exceed " + Integer.MAX_VALUE);
                }
                if (body.compareAndSetLong(PERMITS_OFFSET, current, next))
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
    public int availablePermits()
    {
        file.enter();
        try
        {
            return (int)permits();
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
    public int drainPermits()
    {
        file.enter();
        try
        {
            while (true)
            {
                final long current = permits();
                if (current == 0 || body.compareAndSetLong(PERMITS_OFFSET, current, 0))
                {
                    return (int)current;
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
    public boolean isBounded()
    {
        return bounded;
    }

    @Override
    public int initialPermits()
    {
        return initial;
    }

    @Override
    public SharedSemaphore idle(final Supplier<IdleStrategy> value)
    {
        waiters.idle(value);
        return this;
    }

    @Override
    Handle handle()
    {
        return handle(bounded ? SyncKinds.BOUNDED_SEMAPHORE : SyncKinds.SEMAPHORE, initial, null);
    }

    @Override
    String kindName()
    {
        return bounded ? "bounded semaphore" : "semaphore";
    }

    /**
     * @param timeoutNanos {@link Waiter#FOREVER} or the longest wait.
     */
    private boolean await(final int permits, final long timeoutNanos, final boolean interruptible)
        throws InterruptedException
    {
        final Waiter wait = waiters.begin(timeoutNanos, interruptible, wake);
        try
        {
            while (true)
            {
                final int status = wait.idle();
                if (status == Waiter.INTERRUPTED)
                {
                    throw new InterruptedException();
                }
                if (take(permits))
                {
                    return true;
                }
                if (status == Waiter.TIMED_OUT)
                {
                    return false;
                }
            }
        }
        finally
        {
            wait.end();
        }
    }

    /**
     * Takes {@code permits} when that many are available.
     */
    private boolean take(final int permits)
    {
        file.enter();
        try
        {
            while (true)
            {
                final long current = permits();
                if (current < permits)
                {
                    return false;
                }
                if (body.compareAndSetLong(PERMITS_OFFSET, current, current - permits))
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
     * @return the permits word, checked; call between enter and exit.
     */
    private long permits()
    {
        final long permits = body.getLongVolatile(PERMITS_OFFSET);
        if (permits < 0 || permits > Integer.MAX_VALUE || (bounded && permits > initial))
        {
            throw new SharedStateCorruptedException(file.path(), this + ": the permits word at offset " +
                PERMITS_OFFSET + " holds " + permits + ", outside [0, " + (bounded ? initial : Integer.MAX_VALUE) +
                "]");
        }
        return permits;
    }

    private void checkPermits(final int permits)
    {
        if (permits < 0)
        {
            throw new IllegalArgumentException(this + ": permits must not be negative, got " + permits);
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
