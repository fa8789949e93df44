package io.mmipc.agrona.sync;

import io.mmipc.internal.owner.ParticipantRegistry;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.spi.Handles;
import io.mmipc.SharedLock;
import io.mmipc.SharedRLock;
import io.mmipc.internal.file.SharedFile;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.function.Supplier;

/**
 * A lock or reentrant lock: a lock record in a file of its own, or the lock record of a value or
 * array (then {@link #parent} is that value, and closing the lock closes it).
 */
class SharedLockImpl extends MappedObject implements SharedLock
{
    final LockCore core;
    private final MappedObject parent;

    SharedLockImpl(final TransportContext ctx, final SharedFile file, final String name, final int recordOffset,
        final boolean reentrant, final ParticipantRegistry registry, final MappedObject parent)
    {
        super(ctx, file, name);
        this.parent = parent;
        this.core = new LockCore(this, recordOffset, reentrant, registry);
    }

    static SharedLockImpl plain(final TransportContext ctx, final SharedFile file, final String name,
        final ParticipantRegistry registry)
    {
        return new SharedLockImpl(ctx, file, name, 0, false, registry, null);
    }

    @Override
    public void lock()
    {
        core.lock();
    }

    @Override
    public void lockInterruptibly() throws InterruptedException
    {
        core.lockInterruptibly();
    }

    @Override
    public boolean tryLock()
    {
        return core.tryLock();
    }

    @Override
    public boolean tryLock(final long time, final TimeUnit unit) throws InterruptedException
    {
        return core.tryLock(time, unit);
    }

    @Override
    public void unlock()
    {
        core.unlock();
    }

    @Override
    public boolean isLocked()
    {
        return core.isLocked();
    }

    @Override
    public boolean isHeldByCurrentThread()
    {
        return core.isHeldByCurrentThread();
    }

    @Override
    public boolean previousOwnerDied()
    {
        return core.previousOwnerDied();
    }

    @Override
    public long ownerPid()
    {
        return core.ownerPid();
    }

    @Override
    public Condition newCondition()
    {
        throw new UnsupportedOperationException("a condition shared between processes needs a name: " +
            "use ctx.condition(name, lock) for " + this);
    }

    @Override
    public SharedLock idle(final Supplier<IdleStrategy> idle)
    {
        core.idle(idle);
        return this;
    }

    @Override
    public void close()
    {
        core.close();
        if (parent != null)
        {
            parent.close();
        }
        super.close();
    }

    @Override
    SyncHandle handle()
    {
        return parent != null ? SyncHandle.lockOf(parent.handle()) : SyncHandle.of(ctx, name, SyncHandle.Type.LOCK, 0);
    }

    @Override
    String kindName()
    {
        return parent != null ? "lock of " + parent.kindName() : "lock";
    }

    /**
     * The reentrant kind.
     */
    static final class Reentrant extends SharedLockImpl implements SharedRLock
    {
        private final MappedObject parentOrNull;

        Reentrant(final TransportContext ctx, final SharedFile file, final String name, final int recordOffset,
            final ParticipantRegistry registry, final MappedObject parent)
        {
            super(ctx, file, name, recordOffset, true, registry, parent);
            this.parentOrNull = parent;
        }

        @Override
        public int getHoldCount()
        {
            return core.holdCount();
        }

        @Override
        public SharedRLock idle(final Supplier<IdleStrategy> idle)
        {
            core.idle(idle);
            return this;
        }

        @Override
        SyncHandle handle()
        {
            return parentOrNull != null ? SyncHandle.lockOf(parentOrNull.handle()) :
                SyncHandle.of(ctx, name, SyncHandle.Type.RLOCK, 0);
        }

        @Override
        String kindName()
        {
            return parentOrNull != null ? "lock of " + parentOrNull.kindName() : "rlock";
        }
    }
}
