package io.mmipc.agrona.map;

import io.mmipc.MapOptions;
import io.mmipc.SharedMap;
import io.mmipc.agrona.sync.LockCore;
import io.mmipc.agrona.sync.Waiters;
import io.mmipc.codec.Codec;
import io.mmipc.internal.counters.CounterSet;
import io.mmipc.internal.counters.ProcessCounters;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.owner.ParticipantRegistry;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.MapProvider;
import io.mmipc.internal.spi.TransportContext;

import java.io.InvalidObjectException;

/**
 * The shared dict on a mapped file, one file per map. Registered as the {@link MapProvider} under
 * {@code META-INF/services}; re-opens the {@value #KIND} handles its maps travel as.
 */
public final class AgronaMapProvider implements MapProvider
{
    /** The kind of a dict's {@link Handle}; its codec slot holds a {@link DictShape}. */
    static final String KIND = "dict";

    @Override
    public <K, V> SharedMap<K, V> dict(final TransportContext ctx, final String name, final Codec<K> keys,
        final Codec<V> values, final MapOptions options)
    {
        return open(ctx, name, keys, values, options, true);
    }

    @Override
    public boolean reopens(final String kind)
    {
        return KIND.equals(kind);
    }

    /**
     * Opens the existing map {@code handle} names, never creating one: the file must have the
     * codecs and capacity the handle carries.
     */
    @Override
    public Object reopen(final TransportContext ctx, final Handle handle)
    {
        if (!KIND.equals(handle.kind()) || !(handle.codec() instanceof DictShape shape))
        {
            throw new IllegalArgumentException(handle + " is not a dict's handle: kind \"" + handle.kind() +
                "\", codecs and capacity " + handle.codec());
        }
        try
        {
            return open(ctx, handle.name(), shape.keyCodec(), shape.valueCodec(), shape.options(), false);
        }
        catch (final InvalidObjectException ex)
        {
            throw new IllegalArgumentException(handle + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @param create false to open only an existing map (a handle re-opening it).
     */
    private static <K, V> SharedMap<K, V> open(final TransportContext ctx, final String name, final Codec<K> keys,
        final Codec<V> values, final MapOptions options, final boolean create)
    {
        final MapLayout layout = MapLayout.of(name, options);
        final String typeTag = keys.id() + "->" + values.id();
        final SharedFile file = create ? ctx.createOrOpenFile(name, layout.spec(typeTag, true)) :
            ctx.openFile(name, layout.spec(typeTag, false));
        final LockCore[] locks = new LockCore[layout.stripes];
        try
        {
            final String label = "dict '" + name + "'";
            final Waiters waiters = new Waiters(options.idle());
            for (int stripe = 0; stripe < locks.length; stripe++)
            {
                final ParticipantRegistry lease = ParticipantRegistry.lease(ctx.directory(), ctx.filePermissions());
                try
                {
                    locks[stripe] = LockCore.inRecord(file, "stripe " + stripe + " of " + label,
                        layout.stripeOffset(stripe) + MapDescriptor.STRIPE_LOCK_OFFSET, lease, waiters);
                }
                catch (final RuntimeException ex)
                {
                    lease.release();
                    throw ex;
                }
            }
            final ByteMap bytes = new ByteMap(file, layout, locks, waiters, label,
                ProcessCounters.open(ctx.directory(), ctx.filePermissions(), CounterSet.DICT, name));
            return ctx.track(new AgronaMap<>(ctx, name, bytes, keys, values, options));
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
}
