package io.mmipc.internal.spi;

import java.util.function.Supplier;

/**
 * What every provider of shared objects has: the transport it belongs to, so that a context picks
 * its providers by transport, and the way back from a {@link Handle} to an object.
 */
public interface ObjectProvider
{
    /** The transport of the shared-memory providers, and the default of every context. */
    String SHARED_MEMORY = "shm";

    /**
     * @return the transport this provider belongs to.
     */
    default String transport()
    {
        return SHARED_MEMORY;
    }

    /**
     * @return true when {@link #reopen} understands handles of {@code kind}.
     */
    boolean reopens(String kind);

    /**
     * Opens, in {@code ctx}, the object {@code handle} names, checking its kind and parameters
     * against the file.
     */
    Object reopen(TransportContext ctx, Handle handle);

    /**
     * What {@link Handles} calls, once per JVM and object (it caches the result): {@code context}
     * gives the context this JVM keeps for the handle's directory, joining it on first use. A
     * provider whose objects live outside context directories (the durable log) opens without it.
     */
    default Object reopen(final Handle handle, final Supplier<TransportContext> context)
    {
        return reopen(context.get(), handle);
    }
}
