package io.mmipc.agrona.sync;

import io.mmipc.SharedBarrier;
import io.mmipc.SharedBoolean;
import io.mmipc.SharedCondition;
import io.mmipc.SharedDouble;
import io.mmipc.SharedDoubleArray;
import io.mmipc.SharedEvent;
import io.mmipc.SharedInt;
import io.mmipc.SharedIntArray;
import io.mmipc.SharedLock;
import io.mmipc.SharedLong;
import io.mmipc.SharedLongArray;
import io.mmipc.SharedRLock;
import io.mmipc.SharedResource;
import io.mmipc.SharedSemaphore;
import io.mmipc.Task;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFile;
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
 * {@link Handle}s of {@link SyncKinds} that its objects travel as.
 */
public final class AgronaSyncProvider implements SyncProvider
{
    private static final int MAX_INT = Integer.MAX_VALUE;

    @Override
    public SharedInt intValue(final TransportContext ctx, final String name, final int initial)
    {
        return intValue(ctx, name, body -> AgronaInt.initialize(body, initial));
    }

    @Override
    public SharedLong longValue(final TransportContext ctx, final String name, final long initial)
    {
        return longValue(ctx, name, body -> AgronaLong.initialize(body, initial));
    }

    @Override
    public SharedDouble doubleValue(final TransportContext ctx, final String name, final double initial)
    {
        return doubleValue(ctx, name, body -> AgronaDouble.initialize(body, initial));
    }

    @Override
    public SharedBoolean booleanValue(final TransportContext ctx, final String name, final boolean initial)
    {
        return booleanValue(ctx, name, body -> AgronaBoolean.initialize(body, initial));
    }

    @Override
    public SharedIntArray intArray(final TransportContext ctx, final String name, final int length, final int[] initial)
    {
        return intArray(ctx, name, length, initial == null ? null : body -> AgronaIntArray.initialize(body, initial),
            true);
    }

    @Override
    public SharedLongArray longArray(final TransportContext ctx, final String name, final int length, final long[] initial)
    {
        return longArray(ctx, name, length, initial == null ? null : body -> AgronaLongArray.initialize(body, initial),
            true);
    }

    @Override
    public SharedDoubleArray doubleArray(final TransportContext ctx, final String name, final int length,
        final double[] initial)
    {
        return doubleArray(ctx, name, length,
            initial == null ? null : body -> AgronaDoubleArray.initialize(body, initial), true);
    }

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
        final String name = handle.name();
        return switch (handle.kind())
        {
            case SyncKinds.INT -> intValue(ctx, name, null);
            case SyncKinds.LONG -> longValue(ctx, name, null);
            case SyncKinds.DOUBLE -> doubleValue(ctx, name, null);
            case SyncKinds.BOOLEAN -> booleanValue(ctx, name, null);
            case SyncKinds.INT_ARRAY -> intArray(ctx, name, intParam(handle, "length", 0, MAX_INT), null, false);
            case SyncKinds.LONG_ARRAY -> longArray(ctx, name, intParam(handle, "length", 0, MAX_INT), null, false);
            case SyncKinds.DOUBLE_ARRAY -> doubleArray(ctx, name, intParam(handle, "length", 0, MAX_INT), null, false);
            case SyncKinds.LOCK -> lock(ctx, name, false);
            case SyncKinds.RLOCK -> rlock(ctx, name, false);
            case SyncKinds.SEMAPHORE, SyncKinds.BOUNDED_SEMAPHORE -> semaphore(ctx, name,
                intParam(handle, "permits", 0, MAX_INT), SyncKinds.BOUNDED_SEMAPHORE.equals(handle.kind()),
                false);
            case SyncKinds.EVENT -> event(ctx, name, false);
            case SyncKinds.CONDITION -> condition(ctx, name, related(handle, AgronaLock.class), false);
            case SyncKinds.BARRIER -> barrier(ctx, name, intParam(handle, "parties", 1, BarrierDescriptor.MAX_PARTIES),
                barrierOptions(handle), false);
            case SyncKinds.LOCK_OF -> lockOf(handle, related(handle, LockableObject.class));
            default -> throw new IllegalArgumentException(handle + ": kind \"" + handle.kind() + "\" is not one " +
                getClass().getSimpleName() + " re-opens (" + SyncKinds.ALL + ")");
        };
    }

    // One method per kind, which creates (or opens) when asked to and only opens for a handle.
    // A null initializer opens only: a value's file is then never made.

    private static SharedInt intValue(final TransportContext ctx, final String name,
        final SharedFileSpec.BodyInitializer initial)
    {
        return make(ctx, name, valueSpec(ValueDescriptor.INT32, initial), initial != null,
            file -> new AgronaInt(ctx, file, name));
    }

    private static SharedLong longValue(final TransportContext ctx, final String name,
        final SharedFileSpec.BodyInitializer initial)
    {
        return make(ctx, name, valueSpec(ValueDescriptor.INT64, initial), initial != null,
            file -> new AgronaLong(ctx, file, name));
    }

    private static SharedDouble doubleValue(final TransportContext ctx, final String name,
        final SharedFileSpec.BodyInitializer initial)
    {
        return make(ctx, name, valueSpec(ValueDescriptor.FLOAT64, initial), initial != null,
            file -> new AgronaDouble(ctx, file, name));
    }

    private static SharedBoolean booleanValue(final TransportContext ctx, final String name,
        final SharedFileSpec.BodyInitializer initial)
    {
        return make(ctx, name, valueSpec(ValueDescriptor.BOOL, initial), initial != null,
            file -> new AgronaBoolean(ctx, file, name));
    }

    private static SharedIntArray intArray(final TransportContext ctx, final String name, final int length,
        final SharedFileSpec.BodyInitializer initial, final boolean create)
    {
        return make(ctx, name, arraySpec(name, ValueDescriptor.INT32, Integer.BYTES, length, initial), create,
            file -> new AgronaIntArray(ctx, file, name, length));
    }

    private static SharedLongArray longArray(final TransportContext ctx, final String name, final int length,
        final SharedFileSpec.BodyInitializer initial, final boolean create)
    {
        return make(ctx, name, arraySpec(name, ValueDescriptor.INT64, Long.BYTES, length, initial), create,
            file -> new AgronaLongArray(ctx, file, name, length));
    }

    private static SharedDoubleArray doubleArray(final TransportContext ctx, final String name, final int length,
        final SharedFileSpec.BodyInitializer initial, final boolean create)
    {
        return make(ctx, name, arraySpec(name, ValueDescriptor.FLOAT64, Double.BYTES, length, initial), create,
            file -> new AgronaDoubleArray(ctx, file, name, length));
    }

    private static SharedLock lock(final TransportContext ctx, final String name, final boolean create)
    {
        return make(ctx, name, lockSpec(false), create, file -> withLease(ctx,
            registry -> new AgronaLock(ctx, file, name, registry)));
    }

    private static SharedRLock rlock(final TransportContext ctx, final String name, final boolean create)
    {
        return make(ctx, name, lockSpec(true), create, file -> withLease(ctx,
            registry -> new AgronaRLock(ctx, file, name, 0, registry, null)));
    }

    private static SharedSemaphore semaphore(final TransportContext ctx, final String name, final int permits,
        final boolean bounded, final boolean create)
    {
        return make(ctx, name, semaphoreSpec(permits, bounded), create,
            file -> new AgronaSemaphore(ctx, file, name, permits, bounded));
    }

    private static SharedEvent event(final TransportContext ctx, final String name, final boolean create)
    {
        return make(ctx, name, eventSpec(), create, file -> new AgronaEvent(ctx, file, name));
    }

    private static SharedCondition condition(final TransportContext ctx, final String name, final AgronaLock lock,
        final boolean create)
    {
        return make(ctx, name, conditionSpec(lock), create, file -> new AgronaCondition(ctx, file, name, lock));
    }

    private static SharedBarrier barrier(final TransportContext ctx, final String name, final int parties,
        final BarrierOptions options, final boolean create)
    {
        return make(ctx, name, barrierSpec(parties), create, file -> withLease(ctx,
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

    private static <T extends SharedResource> T make(final TransportContext ctx, final String name,
        final SharedFileSpec spec, final boolean create, final Function<SharedFile, T> factory)
    {
        final SharedFile file = create ? ctx.createOrOpenFile(name, spec) : ctx.openFile(name, spec);
        final T object;
        try
        {
            object = factory.apply(file);
        }
        catch (final RuntimeException ex)
        {
            file.close();
            throw ex;
        }
        return ctx.track(object);
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

    private static SharedFileSpec valueSpec(final String type, final SharedFileSpec.BodyInitializer initializer)
    {
        final SharedFileSpec.Builder builder = SharedFileSpec.builder(ObjectKind.VALUE, ValueDescriptor.BODY_LENGTH)
            .typeTag(type);
        return (initializer != null ? builder.initializer(initializer) : builder).build();
    }

    private static SharedFileSpec arraySpec(final String name, final String type, final int elementSize,
        final int length, final SharedFileSpec.BodyInitializer initializer)
    {
        ArrayDescriptor.checkLength(name, length, elementSize);
        final SharedFileSpec.Builder builder = SharedFileSpec.builder(ObjectKind.ARRAY,
            ArrayDescriptor.bodyLength(length, elementSize))
            .param(ArrayDescriptor.PARAM_LENGTH, "length", length)
            .param(ArrayDescriptor.PARAM_ELEMENT_SIZE, "element size", elementSize)
            .typeTag(type);
        return (initializer != null ? builder.initializer(initializer) : builder).build();
    }

    private static SharedFileSpec lockSpec(final boolean reentrant)
    {
        return SharedFileSpec.builder(ObjectKind.SYNC, LockDescriptor.RECORD_LENGTH)
            .typeTag(reentrant ? "rlock" : "lock")
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
     * @return the handle's parameter, checked to be in [min, max]: crafted bytes can carry any long.
     */
    private static int intParam(final Handle handle, final String what, final int min, final int max)
    {
        final long value = handle.param();
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(handle + ": " + what + " must be in [" + min + ", " + max + "], got " +
                value);
        }
        return (int)value;
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
