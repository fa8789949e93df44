package io.mmipc.agrona.map;

import io.mmipc.ListOptions;
import io.mmipc.MapOptions;
import io.mmipc.SharedList;
import io.mmipc.SharedMap;
import io.mmipc.SharedNamespace;
import io.mmipc.agrona.sync.LockCore;
import io.mmipc.agrona.sync.Waiters;
import io.mmipc.codec.Codec;
import io.mmipc.codec.Codecs;
import io.mmipc.codec.SerialFilter;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.counters.CounterSet;
import io.mmipc.internal.counters.ProcessCounters;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.owner.ParticipantRegistry;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.MapProvider;
import io.mmipc.internal.spi.TransportContext;

import java.io.InvalidObjectException;
import java.io.Serializable;

/**
 * The shared dict on a mapped file, one file per map, and the containers built on its blocks and
 * locks: the list ({@link ListDescriptor}) and the namespace (a dict of kind {@code NAMESPACE}).
 * Registered as the {@link MapProvider} under {@code META-INF/services}; re-opens the
 * {@value #KIND}, {@value #LIST_KIND} and {@value #NAMESPACE_KIND} handles they travel as.
 */
public final class AgronaMapProvider implements MapProvider
{
    /** The kind of a dict's {@link Handle}; its codec slot holds a {@link DictShape}. */
    static final String KIND = "dict";
    /** The kind of a list's {@link Handle}; its codec slot holds a {@link ListShape}. */
    static final String LIST_KIND = "list";
    /** The kind of a namespace's {@link Handle}; its codec slot holds a {@link DictShape}. */
    static final String NAMESPACE_KIND = "namespace";

    @Override
    public <K, V> SharedMap<K, V> dict(final TransportContext ctx, final String name, final Codec<K> keys,
        final Codec<V> values, final MapOptions options)
    {
        return ctx.track(openMap(ctx, name, ObjectKind.MAP, keys, values, options, true));
    }

    @Override
    public <T> SharedList<T> list(final TransportContext ctx, final String name, final Codec<T> codec,
        final ListOptions options)
    {
        return ctx.track(openList(ctx, name, codec, options, true));
    }

    @Override
    public SharedNamespace namespace(final TransportContext ctx, final String name, final SerialFilter filter,
        final MapOptions options)
    {
        final Codec<Serializable> values = Codecs.java(filter);
        return ctx.track(openNamespace(ctx, name, cast(values), options, true));
    }

    @Override
    public boolean reopens(final String kind)
    {
        return KIND.equals(kind) || LIST_KIND.equals(kind) || NAMESPACE_KIND.equals(kind);
    }

    /**
     * Opens the existing object {@code handle} names, never creating one: the file must have the
     * codecs and capacity the handle carries.
     */
    @Override
    public Object reopen(final TransportContext ctx, final Handle handle)
    {
        try
        {
            if (LIST_KIND.equals(handle.kind()))
            {
                if (!(handle.codec() instanceof ListShape shape))
                {
                    throw notA("list", handle);
                }
                return ctx.track(openList(ctx, handle.name(), shape.elementCodec(), shape.options(), false));
            }
            if (!(handle.codec() instanceof DictShape shape))
            {
                throw notA(NAMESPACE_KIND.equals(handle.kind()) ? "namespace" : "dict", handle);
            }
            if (NAMESPACE_KIND.equals(handle.kind()))
            {
                final Codec<Object> values = shape.valueCodec();
                return ctx.track(openNamespace(ctx, handle.name(), values, shape.options(), false));
            }
            if (!KIND.equals(handle.kind()))
            {
                throw notA("dict", handle);
            }
            return ctx.track(openMap(ctx, handle.name(), ObjectKind.MAP, shape.keyCodec(), shape.valueCodec(),
                shape.options(), false));
        }
        catch (final InvalidObjectException ex)
        {
            throw new IllegalArgumentException(handle + ": " + ex.getMessage(), ex);
        }
    }

    private static IllegalArgumentException notA(final String what, final Handle handle)
    {
        return new IllegalArgumentException(handle + " is not a " + what + "'s handle: kind \"" + handle.kind() +
            "\", codecs and capacity " + handle.codec());
    }

    private static AgronaNamespace openNamespace(final TransportContext ctx, final String name,
        final Codec<Object> values, final MapOptions options, final boolean create)
    {
        final AgronaMap<String, Object> fields = openMap(ctx, name, ObjectKind.NAMESPACE, Codecs.utf8(), values,
            options, create);
        return new AgronaNamespace(ctx, name, fields);
    }

    /**
     * @param create false to open only an existing map (a handle re-opening it).
     */
    private static <K, V> AgronaMap<K, V> openMap(final TransportContext ctx, final String name,
        final ObjectKind kind, final Codec<K> keys, final Codec<V> values, final MapOptions options,
        final boolean create)
    {
        final MapLayout layout = MapLayout.of(name, options);
        final String typeTag = keys.id() + "->" + values.id();
        final SharedFile file = create ? ctx.createOrOpenFile(name, layout.spec(kind, typeTag, true)) :
            ctx.openFile(name, layout.spec(kind, typeTag, false));
        final LockCore[] locks = new LockCore[layout.stripes];
        try
        {
            final String label = (kind == ObjectKind.MAP ? "dict '" : "namespace '") + name + "'";
            final Waiters waiters = new Waiters(options.idle());
            for (int stripe = 0; stripe < locks.length; stripe++)
            {
                locks[stripe] = lock(ctx, file, "stripe " + stripe + " of " + label,
                    layout.stripeOffset(stripe) + MapDescriptor.STRIPE_LOCK_OFFSET, waiters);
            }
            final ByteMap bytes = new ByteMap(file, layout, locks, waiters, label,
                ProcessCounters.open(ctx.directory(), ctx.filePermissions(), CounterSet.DICT, name));
            return new AgronaMap<>(ctx, name, bytes, keys, values, options);
        }
        catch (final RuntimeException ex)
        {
            for (final LockCore lock : locks)
            {
                if (lock != null)
                {
                    lock.close();
                }
            }
            file.close();
            throw ex;
        }
    }

    /**
     * @param create false to open only an existing list (a handle re-opening it).
     */
    private static <T> AgronaList<T> openList(final TransportContext ctx, final String name, final Codec<T> codec,
        final ListOptions options, final boolean create)
    {
        final ListLayout layout = ListLayout.of(name, options);
        final SharedFile file = create ? ctx.createOrOpenFile(name, layout.spec(codec.id(), true)) :
            ctx.openFile(name, layout.spec(codec.id(), false));
        try
        {
            final String label = "list '" + name + "'";
            final Waiters waiters = new Waiters(options.idle());
            final LockCore lock = lock(ctx, file, label, ListDescriptor.LOCK_OFFSET, waiters);
            return new AgronaList<>(ctx, name, new ByteList(file, layout, lock, waiters, label), codec, options);
        }
        catch (final RuntimeException ex)
        {
            file.close();
            throw ex;
        }
    }

    private static LockCore lock(final TransportContext ctx, final SharedFile file, final String label,
        final int offset, final Waiters waiters)
    {
        final ParticipantRegistry lease = ParticipantRegistry.lease(ctx.directory(), ctx.filePermissions());
        try
        {
            return LockCore.inRecord(file, label, offset, lease, waiters);
        }
        catch (final RuntimeException ex)
        {
            lease.release();
            throw ex;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Codec<T> cast(final Codec<?> codec)
    {
        return (Codec<T>)codec;
    }
}
