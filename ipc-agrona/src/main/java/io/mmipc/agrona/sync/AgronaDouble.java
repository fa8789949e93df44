package io.mmipc.agrona.sync;

import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.SharedDouble;
import io.mmipc.internal.file.SharedFile;
import org.agrona.concurrent.AtomicBuffer;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import static io.mmipc.agrona.sync.ValueDescriptor.VALUE_OFFSET;

/**
 * A shared float64 value (layout in {@link ValueDescriptor}), stored as its raw long bits so
 * that every access is one 64-bit atomic. Every access is guarded by the file's enter/exit.
 */
final class AgronaDouble extends LockableObject implements SharedDouble
{
    AgronaDouble(final TransportContext ctx, final SharedFile file, final String name)
    {
        super(ctx, file, name, ValueDescriptor.LOCK_OFFSET);
    }

    static void initialize(final AtomicBuffer body, final double initial)
    {
        body.putLong(VALUE_OFFSET, Double.doubleToRawLongBits(initial));
    }

    @Override
    public double get()
    {
        file.enter();
        try
        {
            return Double.longBitsToDouble(body.getLongVolatile(VALUE_OFFSET));
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
    public double getAcquire()
    {
        file.enter();
        try
        {
            return Double.longBitsToDouble(body.getLongAcquire(VALUE_OFFSET));
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
    public void set(final double value)
    {
        file.enter();
        try
        {
            body.putLongVolatile(VALUE_OFFSET, Double.doubleToRawLongBits(value));
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
    public void setRelease(final double value)
    {
        file.enter();
        try
        {
            body.putLongRelease(VALUE_OFFSET, Double.doubleToRawLongBits(value));
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
    public void lazySet(final double value)
    {
        setRelease(value);
    }

    @Override
    public double getAndSet(final double value)
    {
        file.enter();
        try
        {
            return Double.longBitsToDouble(body.getAndSetLong(VALUE_OFFSET, Double.doubleToRawLongBits(value)));
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
    public boolean compareAndSet(final double expected, final double update)
    {
        file.enter();
        try
        {
            return body.compareAndSetLong(VALUE_OFFSET, Double.doubleToRawLongBits(expected),
                Double.doubleToRawLongBits(update));
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
    public double getAndAdd(final double delta)
    {
        return update(null, Double::sum, delta, false);
    }

    @Override
    public double addAndGet(final double delta)
    {
        return update(null, Double::sum, delta, true);
    }

    @Override
    public double getAndUpdate(final DoubleUnaryOperator function)
    {
        return update(function, null, 0, false);
    }

    @Override
    public double updateAndGet(final DoubleUnaryOperator function)
    {
        return update(function, null, 0, true);
    }

    @Override
    public double getAndAccumulate(final double x, final DoubleBinaryOperator function)
    {
        return update(null, function, x, false);
    }

    @Override
    public double accumulateAndGet(final double x, final DoubleBinaryOperator function)
    {
        return update(null, function, x, true);
    }

    /**
     * The compare-and-set loop (on the value's bits) behind every update: {@code unary}, or
     * {@code binary} with {@code x}.
     *
     * @return the new value when {@code returnNext}, else the old one.
     */
    private double update(
        final DoubleUnaryOperator unary, final DoubleBinaryOperator binary, final double x, final boolean returnNext)
    {
        file.enter();
        try
        {
            while (true)
            {
                final long bits = body.getLongVolatile(VALUE_OFFSET);
                final double current = Double.longBitsToDouble(bits);
                final double next = unary != null ? unary.applyAsDouble(current) : binary.applyAsDouble(current, x);
                if (body.compareAndSetLong(VALUE_OFFSET, bits, Double.doubleToRawLongBits(next)))
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
        return handle(SyncKinds.DOUBLE, 0, null);
    }

    @Override
    String kindName()
    {
        return "double value";
    }
}
