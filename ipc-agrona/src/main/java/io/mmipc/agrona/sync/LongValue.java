package io.mmipc.agrona.sync;

import io.mmipc.IpcContext;
import io.mmipc.SharedLong;
import io.mmipc.file.SharedFile;
import org.agrona.concurrent.AtomicBuffer;

import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

import static io.mmipc.agrona.sync.ValueDescriptor.VALUE_OFFSET;

/**
 * A shared int64 value (layout in {@link ValueDescriptor}). Every access is
 * guarded by the file's enter/exit, which costs the thread that opened the value no atomic
 * instruction.
 */
final class LongValue extends LockableObject implements SharedLong
{
    LongValue(final IpcContext ctx, final SharedFile file, final String name)
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
        file.enter();
        try
        {
            return body.getAndAddLong(VALUE_OFFSET, delta) + delta;
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
    public long getAndIncrement()
    {
        file.enter();
        try
        {
            return body.getAndAddLong(VALUE_OFFSET, 1);
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
    public long incrementAndGet()
    {
        file.enter();
        try
        {
            return body.getAndAddLong(VALUE_OFFSET, 1) + 1;
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
    public long getAndDecrement()
    {
        file.enter();
        try
        {
            return body.getAndAddLong(VALUE_OFFSET, -1);
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
    public long decrementAndGet()
    {
        file.enter();
        try
        {
            return body.getAndAddLong(VALUE_OFFSET, -1) - 1;
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
    public long getAndUpdate(final LongUnaryOperator function)
    {
        file.enter();
        try
        {
            while (true)
            {
                final long current = body.getLongVolatile(VALUE_OFFSET);
                if (body.compareAndSetLong(VALUE_OFFSET, current, function.applyAsLong(current)))
                {
                    return current;
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
    public long updateAndGet(final LongUnaryOperator function)
    {
        file.enter();
        try
        {
            while (true)
            {
                final long current = body.getLongVolatile(VALUE_OFFSET);
                final long next = function.applyAsLong(current);
                if (body.compareAndSetLong(VALUE_OFFSET, current, next))
                {
                    return next;
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
    public long getAndAccumulate(final long x, final LongBinaryOperator function)
    {
        file.enter();
        try
        {
            while (true)
            {
                final long current = body.getLongVolatile(VALUE_OFFSET);
                if (body.compareAndSetLong(VALUE_OFFSET, current, function.applyAsLong(current, x)))
                {
                    return current;
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
    public long accumulateAndGet(final long x, final LongBinaryOperator function)
    {
        file.enter();
        try
        {
            while (true)
            {
                final long current = body.getLongVolatile(VALUE_OFFSET);
                final long next = function.applyAsLong(current, x);
                if (body.compareAndSetLong(VALUE_OFFSET, current, next))
                {
                    return next;
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
    SyncHandle handle()
    {
        return SyncHandle.of(ctx, name, SyncHandle.Type.LONG, 0);
    }

    @Override
    String kindName()
    {
        return "long value";
    }
}
