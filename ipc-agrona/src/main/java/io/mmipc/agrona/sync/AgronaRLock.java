package io.mmipc.agrona.sync;

import io.mmipc.SharedRLock;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.owner.ParticipantRegistry;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;
import org.agrona.concurrent.IdleStrategy;

import java.util.function.Supplier;

/**
 * A reentrant lock: a lock record in a file of its own, or the lock record of a value or array
 * (then {@link #parent} is that value, the lock travels as {@code lock-of} the value, and closing
 * the lock closes the value).
 */
final class AgronaRLock extends AgronaLock implements SharedRLock
{
    private final LockableObject parent;

    AgronaRLock(final TransportContext ctx, final SharedFile file, final String name, final int recordOffset,
        final ParticipantRegistry registry, final LockableObject parent)
    {
        super(ctx, file, name, recordOffset, true, registry);
        this.parent = parent;
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
    public void close()
    {
        super.close();
        if (parent != null)
        {
            parent.close();
        }
    }

    @Override
    Handle handle()
    {
        return parent != null ? handle(SyncKinds.LOCK_OF, 0, parent.handle()) :
            handle(SyncKinds.RLOCK, 0, null);
    }

    @Override
    String kindName()
    {
        return parent != null ? "lock of " + parent.kindName() : "rlock";
    }
}
