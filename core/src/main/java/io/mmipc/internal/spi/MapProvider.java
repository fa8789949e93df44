package io.mmipc.internal.spi;

import io.mmipc.MapOptions;
import io.mmipc.SharedMap;
import io.mmipc.codec.Codec;

/**
 * Implements the shared dict; {@code IpcContext.dict} delegates here (module {@code mmipc-ipc-agrona}).
 */
public interface MapProvider extends ObjectProvider
{
    /**
     * Creates the map {@code name} in {@code ctx}, or opens it when it exists after checking its
     * codecs and capacity; the map closes with the context.
     */
    <K, V> SharedMap<K, V> dict(TransportContext ctx, String name, Codec<K> keys, Codec<V> values, MapOptions options);
}
