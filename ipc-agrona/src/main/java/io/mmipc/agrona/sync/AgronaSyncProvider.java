package io.mmipc.agrona.sync;

import io.mmipc.SharedBarrier;
import io.mmipc.SharedCondition;
import io.mmipc.SharedEvent;
import io.mmipc.SharedLock;
import io.mmipc.SharedRLock;
import io.mmipc.SharedSemaphore;
import io.mmipc.Task;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFileSpec;
import io.mmipc.internal.owner.ParticipantRegistry;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.Handles;
import io.mmipc.internal.spi.SyncProvider;
import io.mmipc.internal.spi.TransportContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/**
 * Shared values, arrays and synchronisation objects on mapped files, one file per object.
 * Registered as the {@link SyncProvider} under {@code META-INF/services}; re-opens the
 * {@link Handle}s of {@link SyncKinds} that its objects travel as. The values and arrays, one
 * pair per primitive type, are generated into {@link AgronaValueProvider}; the locks and the rest
 * are here.
 */
public final class AgronaSyncProvider extends AgronaValueProvider implements SyncProvider
{
    private static final int MAX_INT = Integer.MAX_VALUE;

    @Override
    public SharedLock lock(final TransportContext ctx, final String name)
    {
        return lock(ctx, name, true);
    }

    @Override
    public SharedRLock rlock(final TransportContext ctx, final String name)
    {
        return rlock(ctx, name, true);
    }

    @Override
    public SharedSemaphore semaphore(final TransportContext ctx, final String name, final int permits, final boolean bounded)
    {
        if (permits < 0)
        {
            throw new IllegalArgumentException("semaphore \"" + name + "\": permits must not be negative, got " +
                permits);
        }
        return semaphore(ctx, name, permits, bounded, true);
    }

    @Override
    public SharedEvent event(final TransportContext ctx, final String name)
    {
        return event(ctx, name, true);
    }

    @Override
    public SharedCondition condition(final TransportContext ctx, final String name, final SharedLock lock)
    {
        if (!(lock instanceof AgronaLock impl))
        {
            throw new IllegalArgumentException("condition \"" + name + "\" needs a lock made by an IpcContext " +
                "(lock, rlock or a value's lock), got " + lock);
        }
        return condition(ctx, name, impl, true);
    }

    @Override
    public SharedBarrier barrier(final TransportContext ctx, final String name, final int parties)
    {
        return barrier(ctx, name, parties, null, null);
    }

    @Override
    public SharedBarrier barrier(final TransportContext ctx, final String name, final int parties, final Task action,
        final Duration timeout)
    {
        if (timeout != null && timeout.isNegative())
        {
            throw new IllegalArgumentException("barrier \"" + name + "\": the default timeout must not be negative, " +
                "got " + timeout);
        }
        if (parties < 1 || parties > BarrierDescriptor.MAX_PARTIES)
        {
            throw new IllegalArgumentException("barrier \"" + name + "\": parties must be in [1, " +
                BarrierDescriptor.MAX_PARTIES + "], got " + parties);
        }
        // Saturated: a timeout of centuries is none in effect, and Duration.toNanos would overflow.
        final long nanos = timeout == null ? BarrierOptions.NO_TIMEOUT :
            timeout.compareTo(Duration.ofDays(36_500)) > 0 ? Long.MAX_VALUE / 4 : timeout.toNanos();
        return barrier(ctx, name, parties, new BarrierOptions(action, nanos), true);
    }

    @Override
    public boolean reopens(final String kind)
    {
        return SyncKinds.ALL.contains(kind);
    }

    /**
     * Opens the existing object {@code handle} names, never creating one: the file must exist with
     * the kind, type and parameter the handle carries.
     */
    @Override
    public Object reopen(final TransportContext ctx, final Handle handle)
    {
        final Object value = reopenValue(ctx, handle);
        if (value != null)
        {
            return value;
        }
        final String name = handle.name();
        return switch (handle.kind())
        {
            case SyncKinds.LOCK -> lock(ctx, name, false);
            case SyncKinds.RLOCK -> rlock(ctx, name, false);
            case SyncKinds.SEMAPHORE, SyncKinds.BOUNDED_SEMAPHORE -> semaphore(ctx, name,
                SyncFiles.intParam(handle, "permits", 0, MAX_INT), SyncKinds.BOUNDED_SEMAPHORE.equals(handle.kind()),
                false);
            case SyncKinds.EVENT -> event(ctx, name, false);
            case SyncKinds.CONDITION -> condition(ctx, name, related(handle, AgronaLock.class), false);
            case SyncKinds.BARRIER -> barrier(ctx, name, SyncFiles.intParam(handle, "parties", 1, BarrierDescriptor.MAX_PARTIES),
                barrierOptions(handle), false);
            case SyncKinds.LOCK_OF -> lockOf(handle, related(handle, LockableObject.class));
            default -> throw new IllegalArgumentException(handle + ": kind \"" + handle.kind() + "\" is not one " +
                getClass().getSimpleName() + " re-opens (" + SyncKinds.ALL + ")");
        };
    }

    // One method per kind, which creates (or opens) when asked to and only opens for a handle.
    // A null initializer opens only: a value's file is then never made.

    private static SharedLock lock(final TransportContext ctx, final String name, final boolean create)
    {
        return SyncFiles.make(ctx, name, lockSpec(false), create, file -> withLease(ctx,
            registry -> new AgronaLock(ctx, file, name, registry)));
    }

    private static SharedRLock rlock(final TransportContext ctx, final String name, final boolean create)
    {
        return SyncFiles.make(ctx, name, lockSpec(true), create, file -> withLease(ctx,
            registry -> new AgronaRLock(ctx, file, name, 0, registry, null)));
    }

    private static SharedSemaphore semaphore(final TransportContext ctx, final String name, final int permits,
        final boolean bounded, final boolean create)
    {
        return SyncFiles.make(ctx, name, semaphoreSpec(permits, bounded), create,
            file -> new AgronaSemaphore(ctx, file, name, permits, bounded));
    }

    private static SharedEvent event(final TransportContext ctx, final String name, final boolean create)
    {
        return SyncFiles.make(ctx, name, eventSpec(), create, file -> new AgronaEvent(ctx, file, name));
    }

    private static SharedCondition condition(final TransportContext ctx, final String name, final AgronaLock lock,
        final boolean create)
    {
        return SyncFiles.make(ctx, name, conditionSpec(lock), create, file -> new AgronaCondition(ctx, file, name, lock));
    }

    private static SharedBarrier barrier(final TransportContext ctx, final String name, final int parties,
        final BarrierOptions options, final boolean create)
    {
        return SyncFiles.make(ctx, name, barrierSpec(parties), create, file -> withLease(ctx,
            registry -> new AgronaBarrier(ctx, file, name, parties, registry, options)));
    }

    /**
     * @return the action and default timeout a barrier handle carries (none when it carries nothing).
     */
    private static BarrierOptions barrierOptions(final Handle handle)
    {
        if (handle.related() == null)
        {
            return new BarrierOptions(null, BarrierOptions.NO_TIMEOUT);
        }
        if (!(handle.related() instanceof BarrierOptions options))
        {
            throw new IllegalArgumentException(handle + " carries " + handle.related().getClass().getName() +
                " where a barrier's action and timeout belong");
        }
        return options;
    }

    /**
     * @return the lock of {@code owner}, which a {@code lock-of} handle names.
     */
    private static SharedRLock lockOf(final Handle handle, final LockableObject owner)
    {
        if (!owner.name().equals(handle.name()))
        {
            throw new IllegalArgumentException(handle + " names the lock of " + owner + ", another object");
        }
        return owner.lock();
    }

    private static <T> T withLease(final TransportContext ctx, final Function<ParticipantRegistry, T> factory)
    {
        final ParticipantRegistry registry = ParticipantRegistry.lease(ctx.directory(), ctx.filePermissions());
        try
        {
            return factory.apply(registry);
        }
        catch (final RuntimeException ex)
        {
            registry.release();
            throw ex;
        }
    }

    private static SharedFileSpec lockSpec(final boolean reentrant)
    {
        return SharedFileSpec.builder(ObjectKind.SYNC, LockDescriptor.RECORD_LENGTH)
            .typeTag(reentrant ? LockDescriptor.REENTRANT_TYPE : LockDescriptor.TYPE)
            .build();
    }

    private static SharedFileSpec semaphoreSpec(final int permits, final boolean bounded)
    {
        return SharedFileSpec.builder(ObjectKind.SYNC, SemaphoreDescriptor.BODY_LENGTH)
            .param(SemaphoreDescriptor.PARAM_PERMITS, "permits", permits)
            .typeTag(bounded ? SemaphoreDescriptor.BOUNDED_TYPE : SemaphoreDescriptor.TYPE)
            .initializer(body -> body.putLong(SemaphoreDescriptor.PERMITS_OFFSET, permits))
            .build();
    }

    private static SharedFileSpec eventSpec()
    {
        return SharedFileSpec.builder(ObjectKind.SYNC, EventDescriptor.BODY_LENGTH)
            .typeTag(EventDescriptor.TYPE)
            .build();
    }

    private static SharedFileSpec conditionSpec(final AgronaLock lock)
    {
        final String identity = lock.kindName() + ":" + lock.name();
        return SharedFileSpec.builder(ObjectKind.SYNC, ConditionDescriptor.BODY_LENGTH)
            .param(ConditionDescriptor.PARAM_LOCK, "lock (hash of \"" + identity + "\")", fnv1a(identity))
            .typeTag(ConditionDescriptor.TYPE)
            .build();
    }

    private static SharedFileSpec barrierSpec(final int parties)
    {
        return SharedFileSpec.builder(ObjectKind.SYNC, BarrierDescriptor.bodyLength(parties))
            .param(BarrierDescriptor.PARAM_PARTIES, "parties", parties)
            .param(BarrierDescriptor.PARAM_LAYOUT, "barrierLayout", BarrierDescriptor.LAYOUT_VERSION)
            .typeTag(BarrierDescriptor.TYPE)
            .build();
    }

    private static long fnv1a(final String text)
    {
        long hash = 0xcbf2_9ce4_8422_2325L;
        for (final byte b : text.getBytes(StandardCharsets.UTF_8))
        {
            hash = (hash ^ (b & 0xFF)) * 0x100_0000_01b3L;
        }
        return hash;
    }

    /**
     * @return the object the handle's {@code related} names: already resolved when the handle was
     *         deserialized (nested handles resolve first), else resolved now.
     */
    private static <T> T related(final Handle handle, final Class<T> type)
    {
        final Object related = handle.related() instanceof Handle nested ? Handles.resolve(nested) : handle.related();
        if (!type.isInstance(related))
        {
            throw new IllegalArgumentException(handle + " needs " + (type == AgronaLock.class ? "a lock" :
                "a value or array") + " of this provider as its related object, got " + related);
        }
        return type.cast(related);
    }
}
