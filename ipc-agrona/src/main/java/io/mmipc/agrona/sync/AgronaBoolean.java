package io.mmipc.agrona.sync;

import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.SharedBoolean;
import io.mmipc.internal.file.SharedFile;
import org.agrona.concurrent.AtomicBuffer;

import static io.mmipc.agrona.sync.ValueDescriptor.VALUE_OFFSET;

/**
 * A shared flag (layout in {@link ValueDescriptor}): an int32 word, 1 for true. A word that
 * something else set to another non-zero value reads as true.
 */
final class AgronaBoolean extends LockableObject implements SharedBoolean
{
    AgronaBoolean(final TransportContext ctx, final SharedFile file, final String name)
    {
        super(ctx, file, name, ValueDescriptor.LOCK_OFFSET);
    }

    static void initialize(final AtomicBuffer body, final boolean initial)
    {
        body.putInt(VALUE_OFFSET, initial ? 1 : 0);
    }

    @Override
    public boolean get()
    {
        file.enter();
        try
        {
            return body.getIntVolatile(VALUE_OFFSET) != 0;
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
    public boolean getAcquire()
    {
        file.enter();
        try
        {
            return body.getIntAcquire(VALUE_OFFSET) != 0;
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
    public void set(final boolean value)
    {
        file.enter();
        try
        {
            body.putIntVolatile(VALUE_OFFSET, value ? 1 : 0);
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
    public void setRelease(final boolean value)
    {
        file.enter();
        try
        {
            body.putIntRelease(VALUE_OFFSET, value ? 1 : 0);
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
    public void lazySet(final boolean value)
    {
        file.enter();
        try
        {
            body.putIntRelease(VALUE_OFFSET, value ? 1 : 0);
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
    public boolean getAndSet(final boolean value)
    {
        file.enter();
        try
        {
            return body.getAndSetInt(VALUE_OFFSET, value ? 1 : 0) != 0;
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
    public boolean compareAndSet(final boolean expected, final boolean update)
    {
        file.enter();
        try
        {
            while (true)
            {
                // Any non-zero word reads as true, so compare what it means, not its bits.
                final int current = body.getIntVolatile(VALUE_OFFSET);
                if ((current != 0) != expected)
                {
                    return false;
                }
                if (body.compareAndSetInt(VALUE_OFFSET, current, update ? 1 : 0))
                {
                    return true;
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
        return handle(SyncKinds.BOOLEAN, 0, null);
    }

    @Override
    String kindName()
    {
        return "boolean value";
    }
}
