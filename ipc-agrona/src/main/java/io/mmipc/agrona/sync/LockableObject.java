package io.mmipc.agrona.sync;

import io.mmipc.SharedRLock;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.owner.ParticipantRegistry;
import io.mmipc.internal.spi.TransportContext;

/**
 * A value or array: a shared object with a lock record of its own, handed out by {@link #lock()}
 * (Python's {@code get_lock()}). The lock leases the directory's participant registry only once
 * it is asked for, so values that never lock cost no registry entry.
 */
abstract class LockableObject extends MappedObject
{
    private final int lockOffset;
    private AgronaRLock lock; // guarded by this

    LockableObject(final TransportContext ctx, final SharedFile file, final String name, final int lockOffset)
    {
        super(ctx, file, name);
        this.lockOffset = lockOffset;
    }

    public final synchronized SharedRLock lock()
    {
        if (lock == null)
        {
            file.checkOpen();
            final ParticipantRegistry registry = ParticipantRegistry.lease(ctx.directory(), ctx.filePermissions());
            try
            {
                lock = new AgronaRLock(ctx, file, name, lockOffset, registry, this);
            }
            catch (final RuntimeException ex)
            {
                registry.release();
                throw ex;
            }
        }
        return lock;
    }

    @Override
    public void close()
    {
        final AgronaRLock created;
        synchronized (this)
        {
            created = lock;
        }
        if (created != null)
        {
            created.core.close();
        }
        super.close();
    }
}
