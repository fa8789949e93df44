package io.mmipc.agrona.sync;

import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.owner.ParticipantRegistry;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.spi.Handles;
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
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFileSpec;
import io.mmipc.internal.spi.SyncProvider;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Shared values, arrays and synchronisation objects on mapped files, one file per object.
 * Registered as the {@link SyncProvider} under {@code META-INF/services}.
 */
public final class AgronaSyncProvider implements SyncProvider
{
    @Override
    public SharedInt intValue(final TransportContext ctx, final String name, final int initial)
    {
        return make(ctx, name, valueSpec(ValueDescriptor.INT32, body -> IntValue.initialize(body, initial)), true,
            file -> new IntValue(ctx, file, name));
    }

    @Override
    public SharedLong longValue(final TransportContext ctx, final String name, final long initial)
    {
        return make(ctx, name, valueSpec(ValueDescriptor.INT64, body -> LongValue.initialize(body, initial)), true,
            file -> new LongValue(ctx, file, name));
    }

    @Override
    public SharedDouble doubleValue(final TransportContext ctx, final String name, final double initial)
    {
        return make(ctx, name, valueSpec(ValueDescriptor.FLOAT64, body -> DoubleValue.initialize(body, initial)), true,
            file -> new DoubleValue(ctx, file, name));
    }

    @Override
    public SharedBoolean booleanValue(final TransportContext ctx, final String name, final boolean initial)
    {
        return make(ctx, name, valueSpec(ValueDescriptor.BOOL, body -> BooleanValue.initialize(body, initial)), true,
            file -> new BooleanValue(ctx, file, name));
    }

    @Override
    public SharedIntArray intArray(final TransportContext ctx, final String name, final int length, final int[] initial)
    {
        return make(ctx, name, arraySpec(name, ValueDescriptor.INT32, Integer.BYTES, length,
            initial == null ? null : body -> IntArray.initialize(body, initial)), true,
            file -> new IntArray(ctx, file, name, length));
    }

    @Override
    public SharedLongArray longArray(final TransportContext ctx, final String name, final int length, final long[] initial)
    {
        return make(ctx, name, arraySpec(name, ValueDescriptor.INT64, Long.BYTES, length,
            initial == null ? null : body -> LongArray.initialize(body, initial)), true,
            file -> new LongArray(ctx, file, name, length));
    }

    @Override
    public SharedDoubleArray doubleArray(final TransportContext ctx, final String name, final int length,
        final double[] initial)
    {
        return make(ctx, name, arraySpec(name, ValueDescriptor.FLOAT64, Double.BYTES, length,
            initial == null ? null : body -> DoubleArray.initialize(body, initial)), true,
            file -> new DoubleArray(ctx, file, name, length));
    }

    @Override
    public SharedLock lock(final TransportContext ctx, final String name)
    {
        return make(ctx, name, lockSpec(false), true, file -> withLease(ctx, file,
            registry -> SharedLockImpl.plain(ctx, file, name, registry)));
    }

    @Override
    public SharedRLock rlock(final TransportContext ctx, final String name)
    {
        return make(ctx, name, lockSpec(true), true, file -> withLease(ctx, file,
            registry -> new SharedLockImpl.Reentrant(ctx, file, name, 0, registry, null)));
    }

    @Override
    public SharedSemaphore semaphore(final TransportContext ctx, final String name, final int permits, final boolean bounded)
    {
        if (permits < 0)
        {
            throw new IllegalArgumentException("semaphore \"" + name + "\": permits must not be negative, got " +
                permits);
        }
        return make(ctx, name, semaphoreSpec(permits, bounded), true,
            file -> new SemaphoreImpl(ctx, file, name, permits, bounded));
    }

    @Override
    public SharedEvent event(final TransportContext ctx, final String name)
    {
        return make(ctx, name, eventSpec(), true, file -> new EventImpl(ctx, file, name));
    }

    @Override
    public SharedCondition condition(final TransportContext ctx, final String name, final SharedLock lock)
    {
        if (!(lock instanceof SharedLockImpl impl))
        {
            throw new IllegalArgumentException("condition \"" + name + "\" needs a lock made by an IpcContext " +
                "(lock, rlock or a value's lock), got " + lock);
        }
        return make(ctx, name, conditionSpec(impl), true, file -> new ConditionImpl(ctx, file, name, impl));
    }

    @Override
    public SharedBarrier barrier(final TransportContext ctx, final String name, final int parties)
    {
        if (parties < 1 || parties > BarrierDescriptor.MAX_PARTIES)
        {
            throw new IllegalArgumentException("barrier \"" + name + "\": parties must be in [1, " +
                BarrierDescriptor.MAX_PARTIES + "], got " + parties);
        }
        return make(ctx, name, barrierSpec(parties), true, file -> withLease(ctx, file,
            registry -> new BarrierImpl(ctx, file, name, parties, registry)));
    }

    /**
     * Re-opens the existing object a {@link SyncHandle} names.
     */
    static SharedResource open(final TransportContext ctx, final String name, final SyncHandle.Type type, final long param,
        final Object related)
    {
        final AgronaSyncProvider provider = new AgronaSyncProvider();
        final int length = (int)param;
        return switch (type)
        {
            case INT -> provider.make(ctx, name, valueSpec(ValueDescriptor.INT32, null), false,
                file -> new IntValue(ctx, file, name));
            case LONG -> provider.make(ctx, name, valueSpec(ValueDescriptor.INT64, null), false,
                file -> new LongValue(ctx, file, name));
            case DOUBLE -> provider.make(ctx, name, valueSpec(ValueDescriptor.FLOAT64, null), false,
                file -> new DoubleValue(ctx, file, name));
            case BOOLEAN -> provider.make(ctx, name, valueSpec(ValueDescriptor.BOOL, null), false,
                file -> new BooleanValue(ctx, file, name));
            case INT_ARRAY -> provider.make(ctx, name, arraySpec(name, ValueDescriptor.INT32, Integer.BYTES, length,
                null), false, file -> new IntArray(ctx, file, name, length));
            case LONG_ARRAY -> provider.make(ctx, name, arraySpec(name, ValueDescriptor.INT64, Long.BYTES, length,
                null), false, file -> new LongArray(ctx, file, name, length));
            case DOUBLE_ARRAY -> provider.make(ctx, name, arraySpec(name, ValueDescriptor.FLOAT64, Double.BYTES, length,
                null), false, file -> new DoubleArray(ctx, file, name, length));
            case LOCK -> provider.make(ctx, name, lockSpec(false), false, file -> withLease(ctx, file,
                registry -> SharedLockImpl.plain(ctx, file, name, registry)));
            case RLOCK -> provider.make(ctx, name, lockSpec(true), false, file -> withLease(ctx, file,
                registry -> new SharedLockImpl.Reentrant(ctx, file, name, 0, registry, null)));
            case SEMAPHORE, BOUNDED_SEMAPHORE -> provider.make(ctx, name,
                semaphoreSpec(length, type == SyncHandle.Type.BOUNDED_SEMAPHORE), false,
                file -> new SemaphoreImpl(ctx, file, name, length, type == SyncHandle.Type.BOUNDED_SEMAPHORE));
            case EVENT -> provider.make(ctx, name, eventSpec(), false, file -> new EventImpl(ctx, file, name));
            case CONDITION -> provider.make(ctx, name, conditionSpec((SharedLockImpl)related), false,
                file -> new ConditionImpl(ctx, file, name, (SharedLockImpl)related));
            case BARRIER -> provider.make(ctx, name, barrierSpec(length), false, file -> withLease(ctx, file,
                registry -> new BarrierImpl(ctx, file, name, length, registry)));
            case LOCK_OF -> throw new IllegalArgumentException("a value's lock is opened through its value");
        };
    }

    private <T extends SharedResource> T make(final TransportContext ctx, final String name, final SharedFileSpec spec,
        final boolean create, final Function<SharedFile, T> factory)
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

    private static <T> T withLease(final TransportContext ctx, final SharedFile file,
        final Function<ParticipantRegistry, T> factory)
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

    private static SharedFileSpec conditionSpec(final SharedLockImpl lock)
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

    @Override
    public boolean reopens(final String kind)
    {
        return false; // interim: this provider's handles still resolve themselves (redesign in progress)
    }

    @Override
    public Object reopen(final TransportContext ctx, final Handle handle)
    {
        throw new IllegalStateException("interim: " + getClass().getSimpleName() + " does not re-open " + handle);
    }
}
