package io.mmipc.agrona.sync;

import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.SharedInt;
import io.mmipc.internal.file.SharedFile;
import org.agrona.concurrent.AtomicBuffer;

import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

import static io.mmipc.agrona.sync.ValueDescriptor.VALUE_OFFSET;

/**
 * A shared int32 value (layout in {@link ValueDescriptor}). Every access is
 * guarded by the file's enter/exit, which costs the thread that opened the value no atomic
 * instruction.
 */
final class AgronaInt extends LockableObject implements SharedInt
{
    AgronaInt(final TransportContext ctx, final SharedFile file, final String name)
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
        setRelease(value);
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
        return getAndAdd(delta) + delta;
    }

    @Override
    public int getAndIncrement()
    {
        return getAndAdd(1);
    }

    @Override
    public int incrementAndGet()
    {
        return getAndAdd(1) + 1;
    }

    @Override
    public int getAndDecrement()
    {
        return getAndAdd(-1);
    }

    @Override
    public int decrementAndGet()
    {
        return getAndAdd(-1) - 1;
    }

    @Override
    public int getAndUpdate(final IntUnaryOperator function)
    {
        return update(function, null, 0, false);
    }

    @Override
    public int updateAndGet(final IntUnaryOperator function)
    {
        return update(function, null, 0, true);
    }

    @Override
    public int getAndAccumulate(final int x, final IntBinaryOperator function)
    {
        return update(null, function, x, false);
    }

    @Override
    public int accumulateAndGet(final int x, final IntBinaryOperator function)
    {
        return update(null, function, x, true);
    }

    /**
     * The compare-and-set loop behind every update: {@code unary} or {@code binary} with {@code x}.
     *
     * @return the new value when {@code returnNext}, else the old one.
     */
    private int update(final IntUnaryOperator unary, final IntBinaryOperator binary, final int x, final boolean returnNext)
    {
        file.enter();
        try
        {
            while (true)
            {
                final int current = body.getIntVolatile(VALUE_OFFSET);
                final int next = unary != null ? unary.applyAsInt(current) : binary.applyAsInt(current, x);
                if (body.compareAndSetInt(VALUE_OFFSET, current, next))
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
        return handle(SyncKinds.INT, 0, null);
    }

    @Override
    String kindName()
    {
        return "int value";
    }
}
