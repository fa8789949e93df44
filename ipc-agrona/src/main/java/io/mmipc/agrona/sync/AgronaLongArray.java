package io.mmipc.agrona.sync;

import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.SharedLongArray;
import io.mmipc.internal.file.SharedFile;
import org.agrona.concurrent.AtomicBuffer;

import java.util.function.LongUnaryOperator;

import static io.mmipc.agrona.sync.ArrayDescriptor.ELEMENTS_OFFSET;

/**
 * A shared array of int64 (layout in {@link ArrayDescriptor}). The length comes from the
 * checked file header; every index is checked against it before the file is touched.
 */
final class AgronaLongArray extends LockableObject implements SharedLongArray
{
    private static final int SIZE = Long.BYTES;

    private final int length;

    AgronaLongArray(final TransportContext ctx, final SharedFile file, final String name, final int length)
    {
        super(ctx, file, name, ArrayDescriptor.LOCK_OFFSET);
        this.length = length;
    }

    /**
     * Fills the elements of a new file.
     */
    static void initialize(final AtomicBuffer body, final long[] initial)
    {
        for (int i = 0; i < initial.length; i++)
        {
            body.putLong(ELEMENTS_OFFSET + i * SIZE, initial[i]);
        }
    }

    @Override
    public int length()
    {
        return length;
    }

    @Override
    public long get(final int index)
    {
        file.enter();
        try
        {
            return body.getLongVolatile(offset(index));
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
    public long getAcquire(final int index)
    {
        file.enter();
        try
        {
            return body.getLongAcquire(offset(index));
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
    public void set(final int index, final long value)
    {
        file.enter();
        try
        {
            body.putLongVolatile(offset(index), value);
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
    public void setRelease(final int index, final long value)
    {
        file.enter();
        try
        {
            body.putLongRelease(offset(index), value);
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
    public long getAndSet(final int index, final long value)
    {
        file.enter();
        try
        {
            return body.getAndSetLong(offset(index), value);
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
    public boolean compareAndSet(final int index, final long expected, final long update)
    {
        file.enter();
        try
        {
            return body.compareAndSetLong(offset(index), expected, update);
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
    public long getAndAdd(final int index, final long delta)
    {
        file.enter();
        try
        {
            return body.getAndAddLong(offset(index), delta);
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
    public long addAndGet(final int index, final long delta)
    {
        return getAndAdd(index, delta) + delta;
    }

    @Override
    public long incrementAndGet(final int index)
    {
        return getAndAdd(index, 1) + 1;
    }

    @Override
    public long updateAndGet(final int index, final LongUnaryOperator function)
    {
        file.enter();
        try
        {
            final int offset = offset(index);
            while (true)
            {
                final long current = body.getLongVolatile(offset);
                final long next = function.applyAsLong(current);
                if (body.compareAndSetLong(offset, current, next))
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
    public void copyTo(final int srcIndex, final long[] dst, final int dstIndex, final int count)
    {
        file.enter();
        try
        {
            checkRange(srcIndex, count, length, "source");
            checkRange(dstIndex, count, dst.length, "destination");
            for (int i = 0; i < count; i++)
            {
                dst[dstIndex + i] = body.getLongVolatile(ELEMENTS_OFFSET + (srcIndex + i) * SIZE);
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
    public void copyFrom(final long[] src, final int srcIndex, final int dstIndex, final int count)
    {
        file.enter();
        try
        {
            checkRange(srcIndex, count, src.length, "source");
            checkRange(dstIndex, count, length, "destination");
            for (int i = 0; i < count; i++)
            {
                body.putLongRelease(ELEMENTS_OFFSET + (dstIndex + i) * SIZE, src[srcIndex + i]);
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
    public void fill(final long value)
    {
        file.enter();
        try
        {
            final long word = value;
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
    public long[] toArray()
    {
        final long[] copy = new long[length];
        copyTo(0, copy, 0, length);
        return copy;
    }

    @Override
    Handle handle()
    {
        return handle(SyncKinds.LONG_ARRAY, length, null);
    }

    @Override
    String kindName()
    {
        return "long array";
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
