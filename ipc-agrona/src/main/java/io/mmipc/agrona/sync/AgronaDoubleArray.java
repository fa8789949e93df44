package io.mmipc.agrona.sync;

import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.SharedDoubleArray;
import io.mmipc.internal.file.SharedFile;
import org.agrona.concurrent.AtomicBuffer;

import java.util.function.DoubleUnaryOperator;

import static io.mmipc.agrona.sync.ArrayDescriptor.ELEMENTS_OFFSET;

/**
 * A shared array of float64 (layout in {@link ArrayDescriptor}). The length comes from the
 * checked file header; every index is checked against it before the file is touched.
 */
final class AgronaDoubleArray extends LockableObject implements SharedDoubleArray
{
    private static final int SIZE = Double.BYTES;

    private final int length;

    AgronaDoubleArray(final TransportContext ctx, final SharedFile file, final String name, final int length)
    {
        super(ctx, file, name, ArrayDescriptor.LOCK_OFFSET);
        this.length = length;
    }

    /**
     * Fills the elements of a new file.
     */
    static void initialize(final AtomicBuffer body, final double[] initial)
    {
        for (int i = 0; i < initial.length; i++)
        {
            body.putLong(ELEMENTS_OFFSET + i * SIZE, Double.doubleToRawLongBits(initial[i]));
        }
    }

    @Override
    public int length()
    {
        return length;
    }

    @Override
    public double get(final int index)
    {
        file.enter();
        try
        {
            return Double.longBitsToDouble(body.getLongVolatile(offset(index)));
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
    public double getAcquire(final int index)
    {
        file.enter();
        try
        {
            return Double.longBitsToDouble(body.getLongAcquire(offset(index)));
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
    public void set(final int index, final double value)
    {
        file.enter();
        try
        {
            body.putLongVolatile(offset(index), Double.doubleToRawLongBits(value));
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
    public void setRelease(final int index, final double value)
    {
        file.enter();
        try
        {
            body.putLongRelease(offset(index), Double.doubleToRawLongBits(value));
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
    public double getAndSet(final int index, final double value)
    {
        file.enter();
        try
        {
            return Double.longBitsToDouble(body.getAndSetLong(offset(index), Double.doubleToRawLongBits(value)));
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
    public boolean compareAndSet(final int index, final double expected, final double update)
    {
        file.enter();
        try
        {
            return body.compareAndSetLong(offset(index), Double.doubleToRawLongBits(expected),
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
    public double getAndAdd(final int index, final double delta)
    {
        file.enter();
        try
        {
            final int offset = offset(index);
            while (true)
            {
                final long bits = body.getLongVolatile(offset);
                final double current = Double.longBitsToDouble(bits);
                final double next = current + delta;
                if (body.compareAndSetLong(offset, bits, Double.doubleToRawLongBits(next)))
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
    public double addAndGet(final int index, final double delta)
    {
        file.enter();
        try
        {
            final int offset = offset(index);
            while (true)
            {
                final long bits = body.getLongVolatile(offset);
                final double current = Double.longBitsToDouble(bits);
                final double next = current + delta;
                if (body.compareAndSetLong(offset, bits, Double.doubleToRawLongBits(next)))
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
    public double updateAndGet(final int index, final DoubleUnaryOperator function)
    {
        file.enter();
        try
        {
            final int offset = offset(index);
            while (true)
            {
                final long bits = body.getLongVolatile(offset);
                final double current = Double.longBitsToDouble(bits);
                final double next = function.applyAsDouble(current);
                if (body.compareAndSetLong(offset, bits, Double.doubleToRawLongBits(next)))
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
    public void copyTo(final int srcIndex, final double[] dst, final int dstIndex, final int count)
    {
        file.enter();
        try
        {
            checkRange(srcIndex, count, length, "source");
            checkRange(dstIndex, count, dst.length, "destination");
            for (int i = 0; i < count; i++)
            {
                dst[dstIndex + i] = Double.longBitsToDouble(
                    body.getLongVolatile(ELEMENTS_OFFSET + (srcIndex + i) * SIZE));
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
    public void copyFrom(final double[] src, final int srcIndex, final int dstIndex, final int count)
    {
        file.enter();
        try
        {
            checkRange(srcIndex, count, src.length, "source");
            checkRange(dstIndex, count, length, "destination");
            for (int i = 0; i < count; i++)
            {
                body.putLongRelease(ELEMENTS_OFFSET + (dstIndex + i) * SIZE,
                    Double.doubleToRawLongBits(src[srcIndex + i]));
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
    public void fill(final double value)
    {
        file.enter();
        try
        {
            final long word = Double.doubleToRawLongBits(value);
            for (int i = 0; i < length; i++)
            {
                body.putLongRelease(ELEMENTS_OFFSET + i * SIZE, word);
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
    public double[] toArray()
    {
        final double[] copy = new double[length];
        copyTo(0, copy, 0, length);
        return copy;
    }

    @Override
    Handle handle()
    {
        return handle(SyncKinds.DOUBLE_ARRAY, length, null);
    }

    @Override
    String kindName()
    {
        return "double array";
    }

    private int offset(final int index)
    {
        if (index < 0 || index >= length)
        {
            throw new IndexOutOfBoundsException("index " + index + " outside " + this + " of length " + length);
        }
        return ELEMENTS_OFFSET + index * SIZE;
    }

    private void checkRange(final int from, final int count, final int arrayLength, final String which)
    {
        if (from < 0 || count < 0 || from > arrayLength - count)
        {
            throw new IndexOutOfBoundsException(which + " range [" + from + ", " + from + " + " + count +
                ") outside [0, " + arrayLength + ") copying with " + this);
        }
    }
}
