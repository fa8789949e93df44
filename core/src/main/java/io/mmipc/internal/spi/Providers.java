package io.mmipc.internal.spi;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Finds transport implementations with {@link ServiceLoader}, so core never imports a transport
 * module. Providers are chosen by transport ({@link ObjectProvider#transport()}): each context
 * asks for the providers of its own transport, so two contexts of one JVM can be backed by
 * different transports. A missing one is a clear error naming the module to add.
 */
public final class Providers
{
    private static final Map<Class<?>, List<?>> LOADED = new ConcurrentHashMap<>();

    private Providers()
    {
    }

    /**
     * @param spi       the provider interface.
     * @param transport the transport of the context that asks ({@link ObjectProvider#SHARED_MEMORY}).
     * @param module    the artifact that provides it, for the message ("mmipc-ipc-agrona").
     * @return the provider of {@code spi} for {@code transport}.
     * @throws IllegalStateException when there is none.
     */
    public static <T extends ObjectProvider> T get(final Class<T> spi, final String transport, final String module)
    {
        for (final T provider : all(spi))
        {
            if (provider.transport().equals(transport))
            {
                return provider;
            }
        }
        throw new IllegalStateException("no " + spi.getSimpleName() + " for transport \"" + transport +
            "\" on the class path" + describe(spi) + ": add the dependency io.mmipc:" + module);
    }

    /**
     * @return the first provider of {@code spi}, whatever its transport (for the durable log, which
     *         belongs to no context).
     */
    public static <T> T get(final Class<T> spi, final String module)
    {
        final List<T> all = all(spi);
        if (all.isEmpty())
        {
            throw new IllegalStateException("no " + spi.getSimpleName() + " on the class path: add the dependency " +
                "io.mmipc:" + module);
        }
        return all.get(0);
    }

    /**
     * @return the provider of {@code transport} that re-opens handles of {@code kind}.
     */
    static ObjectProvider reopening(final String transport, final String kind)
    {
        // The durable log's last: a JVM that never meets a log handle never instantiates its provider.
        for (final Class<? extends ObjectProvider> spi : List.of(MessagingProvider.class, SyncProvider.class,
            MapProvider.class, TopicProvider.class, DurableLogProvider.class))
        {
            for (final ObjectProvider provider : all(spi))
            {
                if (provider.transport().equals(transport) && provider.reopens(kind))
                {
                    return provider;
                }
            }
        }
        throw new IllegalStateException("no provider on the class path re-opens a " + kind + " of transport \"" +
            transport + "\"");
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> all(final Class<T> spi)
    {
        return (List<T>)LOADED.computeIfAbsent(spi, type -> ServiceLoader.load(type, Providers.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get).collect(Collectors.toUnmodifiableList()));
    }

    private static String describe(final Class<?> spi)
    {
        final List<?> all = all(spi);
        return all.isEmpty() ? "" : " (found: " + all.stream()
            .map(p -> p instanceof ObjectProvider o ? o.transport() : p.getClass().getName())
            .collect(Collectors.joining(", ")) + ")";
    }
}
