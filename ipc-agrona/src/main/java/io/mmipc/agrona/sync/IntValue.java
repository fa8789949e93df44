package io.mmipc.agrona.sync;

import io.mmipc.IpcContext;
import io.mmipc.SharedInt;
import io.mmipc.file.SharedFile;
import org.agrona.concurrent.AtomicBuffer;

import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

import static io.mmipc.agrona.sync.ValueDescriptor.VALUE_OFFSET;

/**
 * A shared int32 value (layout in {@link ValueDescriptor}). Every access is
 * guarded by the file's enter/exit, which costs the thread that opened the value no atomic
 * instruction.
 */
final class IntValue extends LockableObject implements SharedInt
{
    IntValue(final IpcContext ctx, final SharedFile file, final String name)
    {
        super(ctx, file, name, ValueDescriptor.LOCK_OFFSET);
    }

    /**
     * Fills the value record of a new file.
     */
    static void initialize(final AtomicBuffer body, final int initial)
    {
        body.putInt(VALUE_OFFSET, initial);
    }

    @Override
    public int get()
    {
        file.enter();
        try
        {
            return body.getIntVolatile(VALUE_OFFSET);
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
    public int getAcquire()
    {
        file.enter();
        try
        {
            return body.getIntAcquire(VALUE_OFFSET);
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
    public void set(final int value)
    {
        file.enter();
        try
        {
            body.putIntVolatile(VALUE_OFFSET, value);
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
    public void setRelease(final int value)
    {
        file.enter();
        try
        {
            body.putIntRelease(VALUE_OFFSET, value);
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
    public void lazySet(final int value)
    {
        file.enter();
        try
        {
            body.putIntRelease(VALUE_OFFSET, value);
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
    public int getAndSet(final int value)
    {
        file.enter();
        try
        {
            return body.getAndSetInt(VALUE_OFFSET, value);
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
    public boolean compareAndSet(final int expected, final int update)
    {
        file.enter();
        try
        {
            return body.compareAndSetInt(VALUE_OFFSET, expected, update);
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
    public int getAndAdd(final int delta)
    {
        file.enter();
        try
        {
            return body.getAndAddInt(VALUE_OFFSET, delta);
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
    public int addAndGet(final int delta)
    {
        file.enter();
        try
        {
            return body.getAndAddInt(VALUE_OFFSET, delta) + delta;
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
    public int getAndIncrement()
    {
        file.enter();
        try
        {
            return body.getAndAddInt(VALUE_OFFSET, 1);
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
    public int incrementAndGet()
    {
        file.enter();
        try
        {
            return body.getAndAddInt(VALUE_OFFSET, 1) + 1;
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
    public int getAndDecrement()
    {
        file.enter();
        try
        {
            return body.getAndAddInt(VALUE_OFFSET, -1);
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
    public int decrementAndGet()
    {
        file.enter();
        try
        {
            return body.getAndAddInt(VALUE_OFFSET, -1) - 1;
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
    public int getAndUpdate(final IntUnaryOperator function)
    {
        file.enter();
        try
        {
            while (true)
            {
                final int current = body.getIntVolatile(VALUE_OFFSET);
                if (body.compareAndSetInt(VALUE_OFFSET, current, function.applyAsInt(current)))
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
    public int updateAndGet(final IntUnaryOperator function)
    {
        file.enter();
        try
        {
            while (true)
            {
                final int current = body.getIntVolatile(VALUE_OFFSET);
                final int next = function.applyAsInt(current);
                if (body.compareAndSetInt(VALUE_OFFSET, current, next))
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
    public int getAndAccumulate(final int x, final IntBinaryOperator function)
    {
        file.enter();
        try
        {
            while (true)
            {
                final int current = body.getIntVolatile(VALUE_OFFSET);
                if (body.compareAndSetInt(VALUE_OFFSET, current, function.applyAsInt(current, x)))
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
    public int accumulateAndGet(final int x, final IntBinaryOperator function)
    {
        file.enter();
        try
        {
            while (true)
            {
                final int current = body.getIntVolatile(VALUE_OFFSET);
                final int next = function.applyAsInt(current, x);
                if (body.compareAndSetInt(VALUE_OFFSET, current, next))
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
        return SyncHandle.of(ctx, name, SyncHandle.Type.INT, 0);
    }

    @Override
    String kindName()
    {
        return "int value";
    }
}
