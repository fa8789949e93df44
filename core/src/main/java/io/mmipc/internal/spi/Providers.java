package io.mmipc.internal.spi;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds transport implementations with {@link ServiceLoader}, so core never imports a transport
 * module. A missing one is a clear error naming the module to add.
 */
public final class Providers
{
    private static final Map<Class<?>, Object> CACHE = new ConcurrentHashMap<>();

    private Providers()
    {
    }

    /**
     * @param spi    the provider interface.
     * @param module the artifact that provides it, for the message ("mmipc-ipc-agrona").
     * @return the first provider of {@code spi} on the class path.
     * @throws IllegalStateException when there is none.
     */
    public static <T> T get(final Class<T> spi, final String module)
    {
        final Object provider = CACHE.computeIfAbsent(spi, type -> ServiceLoader.load(type, Providers.class.getClassLoader())
            .findFirst()
            .orElse(null));
        if (provider == null)
        {
            throw new IllegalStateException("no " + spi.getSimpleName() + " on the class path: add the dependency " +
                "io.mmipc:" + module);
        }
        return spi.cast(provider);
    }
}
