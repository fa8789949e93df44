package io.mmipc.agrona.sync;

import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.spi.Handles;
import io.mmipc.SharedResource;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a shared object of this package becomes when serialized: its directory, name, type and
 * the one parameter that re-opening it checks (array length, permits, parties). Deserializing
 * it re-opens the object through {@link IpcContext#joined}, once per JVM: later handles of the
 * same object resolve to the same instance while it is open, so a task that arrives a million
 * times maps its objects once.
 */
final class SyncHandle implements Serializable
{
    private static final long serialVersionUID = 1L;

    private static final Map<String, SharedResource> RESOLVED = new ConcurrentHashMap<>();

    /** What the handle re-opens. */
    enum Type
    {
        INT, LONG, DOUBLE, BOOLEAN, INT_ARRAY, LONG_ARRAY, DOUBLE_ARRAY,
        LOCK, RLOCK, SEMAPHORE, BOUNDED_SEMAPHORE, EVENT, CONDITION, BARRIER,
        /** The lock of the value or array in {@code related}. */
        LOCK_OF
    }

    private final String directory;
    private final String name;
    private final Type type;
    private final long param;
    /** A condition's lock, or the value whose lock this is; each travels as its own handle. */
    private final Serializable related;

    private SyncHandle(final String directory, final String name, final Type type, final long param,
        final Serializable related)
    {
        this.directory = directory;
        this.name = name;
        this.type = type;
        this.param = param;
        this.related = related;
    }

    static SyncHandle of(final TransportContext ctx, final String name, final Type type, final long param)
    {
        return new SyncHandle(ctx.directory().toString(), name, type, param, null);
    }

    static SyncHandle condition(final TransportContext ctx, final String name, final SharedLockImpl lock)
    {
        return new SyncHandle(ctx.directory().toString(), name, Type.CONDITION, 0, lock);
    }

    static SyncHandle lockOf(final SyncHandle owner)
    {
        return new SyncHandle(owner.directory, owner.name, Type.LOCK_OF, 0, owner);
    }

    private Object readResolve() throws ObjectStreamException
    {
        try
        {
            return resolve();
        }
        catch (final RuntimeException ex)
        {
            final InvalidObjectException invalid = new InvalidObjectException("cannot re-open " + this + ": " +
                ex.getMessage());
            invalid.initCause(ex);
            throw invalid;
        }
    }

    private Object resolve()
    {
        if (type == Type.LOCK_OF)
        {
            // Deserialization has already resolved the owner's handle into the owner.
            final Object owner = related instanceof SyncHandle handle ? handle.resolve() : related;
            if (!(owner instanceof LockableObject lockable))
            {
                throw new IllegalArgumentException("the owner of a value's lock is " + owner);
            }
            return lockable.lock();
        }
        final String key = directory + '/' + name + '#' + type + '#' + param;
        final SharedResource cached = RESOLVED.get(key);
        if (cached != null && !cached.isClosed())
        {
            return cached;
        }
        final Object lock = related instanceof SyncHandle handle ? handle.resolve() : related;
        final SharedResource opened = AgronaSyncProvider.open(Handles.joined(Paths.get(directory)), name, type,
            param, lock);
        RESOLVED.put(key, opened);
        return opened;
    }

    @Override
    public String toString()
    {
        return "handle of " + type + " '" + name + "' in " + directory + (param != 0 ? " (" + param + ")" : "");
    }
}
