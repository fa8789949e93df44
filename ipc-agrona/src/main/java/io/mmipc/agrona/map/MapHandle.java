package io.mmipc.agrona.map;

import io.mmipc.codec.CodecRef;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.spi.Handles;
import io.mmipc.MapOptions;
import io.mmipc.SharedMap;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a shared dict becomes when serialized: its directory, name, codecs (or built-in codec ids)
 * and capacity. Deserializing it re-opens the map through {@link IpcContext#joined}, once per JVM
 * while it stays open, and checks the file against the capacity and codecs it carries.
 */
final class MapHandle implements Serializable
{
    private static final long serialVersionUID = 1L;

    private static final Map<String, SharedMap<?, ?>> RESOLVED = new ConcurrentHashMap<>();

    private final String directory;
    private final String name;
    private final Serializable keys;
    private final Serializable values;
    private final int maxEntries;
    private final int maxKeyBytes;
    private final int maxValueBytes;
    private final long dataBytes;
    private final int stripes;
    private final int blockBytes;

    MapHandle(final String directory, final String name, final Serializable keys, final Serializable values,
        final MapOptions options)
    {
        this.directory = directory;
        this.name = name;
        this.keys = keys;
        this.values = values;
        this.maxEntries = options.maxEntries();
        this.maxKeyBytes = options.maxKeyBytes();
        this.maxValueBytes = options.maxValueBytes();
        this.dataBytes = options.dataBytes();
        this.stripes = options.stripes();
        this.blockBytes = options.blockBytes();
    }

    private Object readResolve() throws ObjectStreamException
    {
        final String key = directory + '/' + name;
        final SharedMap<?, ?> cached = RESOLVED.get(key);
        if (cached != null && !cached.isClosed())
        {
            return cached;
        }
        try
        {
            final MapOptions options = MapOptions.defaults().maxEntries(maxEntries).maxKeyBytes(maxKeyBytes)
                .maxValueBytes(maxValueBytes).dataBytes(dataBytes).stripes(stripes).blockBytes(blockBytes);
            final SharedMap<?, ?> opened = AgronaMapProvider.open(Handles.joined(Paths.get(directory)), name,
                CodecRef.resolve(keys), CodecRef.resolve(values), options, false);
            RESOLVED.put(key, opened);
            return opened;
        }
        catch (final RuntimeException ex)
        {
            final InvalidObjectException invalid = new InvalidObjectException("cannot re-open " + this + ": " +
                ex.getMessage());
            invalid.initCause(ex);
            throw invalid;
        }
    }

    @Override
    public String toString()
    {
        return "handle of dict '" + name + "' in " + directory;
    }
}
