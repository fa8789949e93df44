package io.mmipc.agrona.sync;

import io.mmipc.internal.owner.ParticipantRegistry;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.spi.Handles;
import io.mmipc.SharedRLock;
import io.mmipc.internal.file.SharedFile;

/**
 * A value or array: a shared object with a lock record of its own, handed out by {@link #lock()}
 * (Python's {@code get_lock()}). The lock leases the directory's participant registry only once
 * it is asked for, so values that never lock cost no registry entry.
 */
abstract class LockableObject extends MappedObject
{
    private final int lockOffset;
    private SharedLockImpl.Reentrant lock; // guarded by this

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
            lock = new SharedLockImpl.Reentrant(ctx, file, name, lockOffset, ParticipantRegistry.lease(ctx.directory(), ctx.filePermissions()), this);
        }
        return lock;
    }

    @Override
    public void close()
    {
        final SharedLockImpl.Reentrant created;
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
