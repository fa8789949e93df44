package io.mmipc.agrona.sync;

import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.SharedLong;
import io.mmipc.internal.file.SharedFile;
import org.agrona.concurrent.AtomicBuffer;

import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

import static io.mmipc.agrona.sync.ValueDescriptor.VALUE_OFFSET;

/**
 * A shared int64 value (layout in {@link ValueDescriptor}). Every access is
 * guarded by the file's enter/exit, which costs the thread that opened the value no atomic
 * instruction.
 */
final class AgronaLong extends LockableObject implements SharedLong
{
    AgronaLong(final TransportContext ctx, final SharedFile file, final String name)
    {
        super(ctx, file, name, ValueDescriptor.LOCK_OFFSET);
    }

    /**
     * Fills the value record of a new file.
     */
    static void initialize(final AtomicBuffer body, final long initial)
    {
        body.putLong(VALUE_OFFSET, initial);
    }

    @Override
    public long get()
    {
        file.enter();
        try
        {
            return body.getLongVolatile(VALUE_OFFSET);
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
    public long getAcquire()
    {
        file.enter();
        try
        {
            return body.getLongAcquire(VALUE_OFFSET);
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
    public void set(final long value)
    {
        file.enter();
        try
        {
            body.putLongVolatile(VALUE_OFFSET, value);
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
    public void setRelease(final long value)
    {
        file.enter();
        try
        {
            body.putLongRelease(VALUE_OFFSET, value);
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
    public void lazySet(final long value)
    {
        setRelease(value);
    }

    @Override
    public long getAndSet(final long value)
    {
        file.enter();
        try
        {
            return body.getAndSetLong(VALUE_OFFSET, value);
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
    public boolean compareAndSet(final long expected, final long update)
    {
        file.enter();
        try
        {
            return body.compareAndSetLong(VALUE_OFFSET, expected, update);
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
    public long getAndAdd(final long delta)
    {
        file.enter();
        try
        {
            return body.getAndAddLong(VALUE_OFFSET, delta);
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
    public long addAndGet(final long delta)
    {
        return getAndAdd(delta) + delta;
    }

    @Override
    public long getAndIncrement()
    {
        return getAndAdd(1);
    }

    @Override
    public long incrementAndGet()
    {
        return getAndAdd(1) + 1;
    }

    @Override
    public long getAndDecrement()
    {
        return getAndAdd(-1);
    }

    @Override
    public long decrementAndGet()
    {
        return getAndAdd(-1) - 1;
    }

    @Override
    public long getAndUpdate(final LongUnaryOperator function)
    {
        return update(function, null, 0, false);
    }

    @Override
    public long updateAndGet(final LongUnaryOperator function)
    {
        return update(function, null, 0, true);
    }

    @Override
    public long getAndAccumulate(final long x, final LongBinaryOperator function)
    {
        return update(null, function, x, false);
    }

    @Override
    public long accumulateAndGet(final long x, final LongBinaryOperator function)
    {
        return update(null, function, x, true);
    }

    /**
     * The compare-and-set loop behind every update: {@code unary} or {@code binary} with {@code x}.
     *
     * @return the new value when {@code returnNext}, else the old one.
     */
    private long update(final LongUnaryOperator unary, final LongBinaryOperator binary, final long x, final boolean returnNext)
    {
        file.enter();
        try
        {
            while (true)
            {
                final long current = body.getLongVolatile(VALUE_OFFSET);
                final long next = unary != null ? unary.applyAsLong(current) : binary.applyAsLong(current, x);
                if (body.compareAndSetLong(VALUE_OFFSET, current, next))
                {
                    return returnNext ? next : current;
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
    Handle handle()
    {
        return handle(SyncKinds.LONG, 0, null);
    }

    @Override
    String kindName()
    {
        return "long value";
    }
}
