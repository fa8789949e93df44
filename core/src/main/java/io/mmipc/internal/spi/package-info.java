/**
 * Service-provider interfaces (internal): transports and the durable log are found with
 * {@link java.util.ServiceLoader}, so core never imports them; each module declares the JVM flags
 * its library needs ({@link io.mmipc.internal.spi.JvmRequirements}), and
 * {@link io.mmipc.internal.spi.JvmFlagsTool} writes them into a java {@code @argfile} or a jar
 * manifest.
 */
package io.mmipc.internal.spi;
