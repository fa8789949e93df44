package io.mmipc.agrona.map;

import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.owner.ParticipantRegistry;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.spi.Handles;
import io.mmipc.MapOptions;
import io.mmipc.SharedMap;
import io.mmipc.agrona.sync.LockCore;
import io.mmipc.codec.Codec;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.spi.MapProvider;

/**
 * The shared dict on a mapped file, one file per map. Registered as the {@link MapProvider} under
 * {@code META-INF/services}.
 */
public final class AgronaMapProvider implements MapProvider
{
    @Override
    public <K, V> SharedMap<K, V> dict(final TransportContext ctx, final String name, final Codec<K> keys,
        final Codec<V> values, final MapOptions options)
    {
        return open(ctx, name, keys, values, options, true);
    }

    /**
     * @param create false to open only an existing map (a handle re-opening it).
     */
    static <K, V> SharedMap<K, V> open(final TransportContext ctx, final String name, final Codec<K> keys,
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
            for (int stripe = 0; stripe < locks.length; stripe++)
            {
                final ParticipantRegistry lease = ParticipantRegistry.lease(ctx.directory(), ctx.filePermissions());
                try
                {
                    locks[stripe] = LockCore.inRecord(file, "stripe " + stripe + " of " + label,
                        layout.stripeOffset(stripe) + MapDescriptor.STRIPE_LOCK_OFFSET, lease);
                }
                catch (final RuntimeException ex)
                {
                    lease.release();
                    throw ex;
                }
            }
            final ByteMap bytes = new ByteMap(file, layout, locks, label);
            return ctx.track(new AgronaSharedMap<>(ctx, name, bytes, keys, values, options));
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
