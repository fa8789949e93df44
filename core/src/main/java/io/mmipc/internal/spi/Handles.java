package io.mmipc.internal.spi;

import io.mmipc.DurableLog;
import io.mmipc.MessageQueue;
import io.mmipc.SharedResource;
import io.mmipc.codec.Codec;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Resolves {@link Handle}s to objects: the one cache of the code base. A JVM that receives the
 * same handle a million times (a Pool task that captures a queue) opens its object once; a
 * cached object that was closed is opened again.
 */
public final class Handles
{
    private static final Map<Handle, Object> RESOLVED = new ConcurrentHashMap<>();
    private static volatile Function<Path, TransportContext> joined;

    private Handles()
    {
    }

    /**
     * Installed by {@code IpcContext}: the context this JVM keeps for objects that arrive from
     * other processes, one per directory, never removed by this JVM.
     */
    public static void joinedContexts(final Function<Path, TransportContext> contexts)
    {
        joined = contexts;
    }

    /**
     * @return the object {@code handle} names, opened through its transport's provider.
     * @throws IllegalStateException when no provider on the class path re-opens its kind.
     */
    public static Object resolve(final Handle handle)
    {
        final Handle key = cacheKey(handle);
        final Object cached = RESOLVED.get(key);
        if (cached != null && !isClosed(cached))
        {
            return cached;
        }
        final Object opened = open(handle);
        RESOLVED.put(key, opened);
        return opened;
    }

    /**
     * A codec that travels as an object (a {@code Serializable} one) is a new object after each
     * deserialization and has no equality of its own: the cache knows codecs by id, as the files do.
     */
    private static Handle cacheKey(final Handle handle)
    {
        return handle.codec() instanceof Codec<?> codec ? new Handle(handle.transport(), handle.directory(),
            handle.name(), handle.kind(), handle.param(), codec.id(), handle.related()) : handle;
    }

    private static Object open(final Handle handle)
    {
        final ObjectProvider provider = Providers.reopening(handle.transport(), handle.kind());
        final Path directory = Paths.get(handle.directory());
        return provider.reopen(handle, () -> joined(directory));
    }

    /**
     * @return the context this JVM keeps for objects of {@code directory} that arrive from other processes.
     */
    public static TransportContext joined(final Path directory)
    {
        Function<Path, TransportContext> contexts = joined;
        if (contexts == null)
        {
            try
            {
                Class.forName("io.mmipc.IpcContext", true, Handles.class.getClassLoader()); // installs it
            }
            catch (final ClassNotFoundException ex)
            {
                throw new IllegalStateException("mmipc core is incomplete: no io.mmipc.IpcContext", ex);
            }
            contexts = joined;
        }
        return contexts.apply(directory);
    }

    private static boolean isClosed(final Object object)
    {
        return object instanceof SharedResource resource && resource.isClosed() ||
            object instanceof MessageQueue<?> queue && queue.isClosed() ||
            object instanceof DurableLog log && log.isClosed();
    }
}
