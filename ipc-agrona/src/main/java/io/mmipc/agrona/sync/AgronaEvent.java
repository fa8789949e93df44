package io.mmipc.agrona.sync;

import io.mmipc.internal.wait.WakeWord;
import io.mmipc.SharedEvent;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.wait.Waiter;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.mmipc.agrona.sync.EventDescriptor.*;

/**
 * An event (layout in {@link EventDescriptor}): a flag and a count of sets in one word.
 */
final class AgronaEvent extends MappedObject implements SharedEvent
{
    private final Waiters waiters = new Waiters();
    private final WakeWord wake;

    AgronaEvent(final TransportContext ctx, final SharedFile file, final String name)
    {
        super(ctx, file, name);
        this.wake = WakeWord.of(body, EventDescriptor.WAKE_OFFSET);
    }

    @Override
    public void set()
    {
        file.enter();
        try
        {
            while (true)
            {
                final long word = body.getLongVolatile(WORD_OFFSET);
                if (EventDescriptor.isSet(word))
                {
                    return;
                }
                if (body.compareAndSetLong(WORD_OFFSET, word, raised(word)))
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
    public void clear()
    {
        file.enter();
        try
        {
            while (true)
            {
                final long word = body.getLongVolatile(WORD_OFFSET);
                if (!EventDescriptor.isSet(word) || body.compareAndSetLong(WORD_OFFSET, word, word & ~FLAG))
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
    public boolean isSet()
    {
        return EventDescriptor.isSet(word());
    }

    @Override
    public void await() throws InterruptedException
    {
        await(Waiter.FOREVER);
    }

    @Override
    public boolean await(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return await(Waiters.timeoutNanos(timeout, unit));
    }

    @Override
    public SharedEvent idle(final Supplier<IdleStrategy> value)
    {
        waiters.idle(value);
        return this;
    }

    @Override
    Handle handle()
    {
        return handle(SyncKinds.EVENT, 0, null);
    }

    @Override
    String kindName()
    {
        return "event";
    }

    /**
     * @param timeoutNanos {@link Waiter#FOREVER} or the longest wait.
     */
    private boolean await(final long timeoutNanos) throws InterruptedException
    {
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
        final long start = word();
        if (EventDescriptor.isSet(start))
        {
            return true;
        }
        final Waiter wait = waiters.begin(timeoutNanos, true, wake);
        try
        {
            while (true)
            {
                final int status = wait.idle();
                if (status == Waiter.INTERRUPTED)
                {
                    throw new InterruptedException();
                }
                final long now = word();
                if (EventDescriptor.isSet(now) || setCount(now) != setCount(start))
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

    private long word()
    {
        file.enter();
        try
        {
            return body.getLongVolatile(WORD_OFFSET);
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
     * @return the word this object's waiters sleep on (its counters prove a kernel sleep in tests).
     */
    WakeWord wakeWord()
    {
        return wake;
    }
}
