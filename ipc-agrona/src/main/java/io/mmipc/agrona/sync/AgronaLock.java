package io.mmipc.agrona.sync;

import io.mmipc.SharedLock;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.owner.ParticipantRegistry;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.function.Supplier;

/**
 * A lock: a lock record ({@link LockCore}) in a file of its own. The reentrant kind is
 * {@link AgronaRLock}, which also serves as the lock of a value or array.
 */
class AgronaLock extends MappedObject implements SharedLock
{
    final LockCore core;

    AgronaLock(final TransportContext ctx, final SharedFile file, final String name, final ParticipantRegistry registry)
    {
        this(ctx, file, name, 0, false, registry);
    }

    AgronaLock(final TransportContext ctx, final SharedFile file, final String name, final int recordOffset,
        final boolean reentrant, final ParticipantRegistry registry)
    {
        super(ctx, file, name);
        this.core = new LockCore(this, recordOffset, reentrant, registry);
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
        super.close();
    }

    @Override
    Handle handle()
    {
        return handle(SyncKinds.LOCK, 0, null);
    }

    @Override
    String kindName()
    {
        return "lock";
    }
}
