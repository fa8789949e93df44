package io.mmipc.agrona.sync;

import io.mmipc.Idle;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.spi.Handles;
import io.mmipc.SharedEvent;
import io.mmipc.internal.file.SharedFile;
import org.agrona.concurrent.IdleStrategy;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.mmipc.agrona.sync.EventDescriptor.*;

/**
 * An event (layout in {@link EventDescriptor}): a flag and a count of sets in one word.
 */
final class EventImpl extends MappedObject implements SharedEvent
{
    private volatile Supplier<IdleStrategy> idle = Idle.backoff();

    EventImpl(final TransportContext ctx, final SharedFile file, final String name)
    {
        super(ctx, file, name);
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
                if (EventDescriptor.isSet(word) || body.compareAndSetLong(WORD_OFFSET, word, raised(word)))
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
        await(Wait.forever(idle, true));
    }

    @Override
    public boolean await(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return await(Wait.timed(idle, timeout, unit));
    }

    @Override
    public SharedEvent idle(final Supplier<IdleStrategy> value)
    {
        idle = Objects.requireNonNull(value, "idle");
        return this;
    }

    @Override
    SyncHandle handle()
    {
        return SyncHandle.of(ctx, name, SyncHandle.Type.EVENT, 0);
    }

    @Override
    String kindName()
    {
        return "event";
    }

    private boolean await(final Wait wait) throws InterruptedException
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
        try
        {
            while (true)
            {
                final int status = wait.idle();
                if (status == Wait.INTERRUPTED)
                {
                    throw new InterruptedException();
                }
                final long now = word();
                if (EventDescriptor.isSet(now) || setCount(now) != setCount(start))
                {
                    return true;
                }
                if (status == Wait.TIMED_OUT)
                {
                    return false;
                }
            }
        }
        finally
        {
            wait.done();
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
}
