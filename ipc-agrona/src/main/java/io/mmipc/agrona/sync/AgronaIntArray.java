package io.mmipc.agrona.sync;

import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.SharedIntArray;
import io.mmipc.internal.file.SharedFile;
import org.agrona.concurrent.AtomicBuffer;

import java.util.function.IntUnaryOperator;

import static io.mmipc.agrona.sync.ArrayDescriptor.ELEMENTS_OFFSET;

/**
 * A shared array of int32 (layout in {@link ArrayDescriptor}). The length comes from the
 * checked file header; every index is checked against it before the file is touched.
 */
final class AgronaIntArray extends LockableObject implements SharedIntArray
{
    private static final int SIZE = Integer.BYTES;

    private final int length;

    AgronaIntArray(final TransportContext ctx, final SharedFile file, final String name, final int length)
    {
        super(ctx, file, name, ArrayDescriptor.LOCK_OFFSET);
        this.length = length;
    }

    /**
     * Fills the elements of a new file.
     */
    static void initialize(final AtomicBuffer body, final int[] initial)
    {
        for (int i = 0; i < initial.length; i++)
        {
            body.putInt(ELEMENTS_OFFSET + i * SIZE, initial[i]);
        }
    }

    @Override
    public int length()
    {
        return length;
    }

    @Override
    public int get(final int index)
    {
        file.enter();
        try
        {
            return body.getIntVolatile(offset(index));
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
    public int getAcquire(final int index)
    {
        file.enter();
        try
        {
            return body.getIntAcquire(offset(index));
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
    public void set(final int index, final int value)
    {
        file.enter();
        try
        {
            body.putIntVolatile(offset(index), value);
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
    public void setRelease(final int index, final int value)
    {
        file.enter();
        try
        {
            body.putIntRelease(offset(index), value);
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
    public int getAndSet(final int index, final int value)
    {
        file.enter();
        try
        {
            return body.getAndSetInt(offset(index), value);
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
    public boolean compareAndSet(final int index, final int expected, final int update)
    {
        file.enter();
        try
        {
            return body.compareAndSetInt(offset(index), expected, update);
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
    public int getAndAdd(final int index, final int delta)
    {
        file.enter();
        try
        {
            return body.getAndAddInt(offset(index), delta);
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
    public int addAndGet(final int index, final int delta)
    {
        return getAndAdd(index, delta) + delta;
    }

    @Override
    public int incrementAndGet(final int index)
    {
        return getAndAdd(index, 1) + 1;
    }

    @Override
    public int updateAndGet(final int index, final IntUnaryOperator function)
    {
        file.enter();
        try
        {
            final int offset = offset(index);
            while (true)
            {
                final int current = body.getIntVolatile(offset);
                final int next = function.applyAsInt(current);
                if (body.compareAndSetInt(offset, current, next))
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
    public void copyTo(final int srcIndex, final int[] dst, final int dstIndex, final int count)
    {
        file.enter();
        try
        {
            checkRange(srcIndex, count, length, "source");
            checkRange(dstIndex, count, dst.length, "destination");
            for (int i = 0; i < count; i++)
            {
                dst[dstIndex + i] = body.getIntVolatile(ELEMENTS_OFFSET + (srcIndex + i) * SIZE);
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
    public void copyFrom(final int[] src, final int srcIndex, final int dstIndex, final int count)
    {
        file.enter();
        try
        {
            checkRange(srcIndex, count, src.length, "source");
            checkRange(dstIndex, count, length, "destination");
            for (int i = 0; i < count; i++)
            {
                body.putIntRelease(ELEMENTS_OFFSET + (dstIndex + i) * SIZE, src[srcIndex + i]);
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
    public void fill(final int value)
    {
        file.enter();
        try
        {
            final int word = value;
            for (int i = 0; i < length; i++)
            {
                body.putIntRelease(ELEMENTS_OFFSET + i * SIZE, word);
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
    public int[] toArray()
    {
        final int[] copy = new int[length];
        copyTo(0, copy, 0, length);
        return copy;
    }

    @Override
    Handle handle()
    {
        return handle(SyncKinds.INT_ARRAY, length, null);
    }

    @Override
    String kindName()
    {
        return "int array";
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
