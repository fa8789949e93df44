package io.mmipc.chronicle;

import java.util.ServiceLoader;

/**
 * Chronicle's global settings, applied before any Chronicle class loads. This class must never
 * refer to a Chronicle class: it runs first, from {@link ChronicleDurableLogProvider}'s static
 * initialiser.
 * <ul>
 *   <li>Analytics: Chronicle Queue sends usage data over the network unless
 *   {@code chronicle.analytics.disable=true} is set when its classes initialise. mmipc always sets
 *   it, whatever the command line says.</li>
 *   <li>Logging: Chronicle logs through SLF4J. An application with an SLF4J provider keeps it; one
 *   without would see SLF4J's "no providers" warning on stderr, so mmipc selects SLF4J's own no-op
 *   provider for it, quietly, unless {@code slf4j.provider} is already set.</li>
 * </ul>
 */
final class ChronicleSetup
{
    static final String ANALYTICS_PROPERTY = ChronicleJvmRequirements.ANALYTICS_PROPERTY;
    static final String SLF4J_PROVIDER_PROPERTY = "slf4j.provider";
    static final String SLF4J_VERBOSITY_PROPERTY = "slf4j.internal.verbosity";
    static final String SLF4J_NOP_PROVIDER = "org.slf4j.helpers.NOP_FallbackServiceProvider";

    private static volatile boolean prepared;

    private ChronicleSetup()
    {
    }

    static synchronized void prepare()
    {
        if (prepared)
        {
            return;
        }
        System.setProperty(ANALYTICS_PROPERTY, "true");
        if (System.getProperty(SLF4J_PROVIDER_PROPERTY) == null && !hasSlf4jProvider())
        {
            System.setProperty(SLF4J_PROVIDER_PROPERTY, SLF4J_NOP_PROVIDER);
            if (System.getProperty(SLF4J_VERBOSITY_PROPERTY) == null)
            {
                // Otherwise SLF4J announces the explicitly chosen provider on stderr.
                System.setProperty(SLF4J_VERBOSITY_PROPERTY, "WARN");
            }
        }
        prepared = true;
    }

    private static boolean hasSlf4jProvider()
    {
        final ClassLoader loader = ChronicleSetup.class.getClassLoader();
        try
        {
            final Class<?> spi = Class.forName("org.slf4j.spi.SLF4JServiceProvider", false, loader);
            return ServiceLoader.load(spi, loader).stream().findAny().isPresent();
        }
        catch (final ClassNotFoundException | LinkageError ex)
        {
            // No SLF4J 2 on the class path: nothing of ours to quiet.
            return true;
        }
    }
}
