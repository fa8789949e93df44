package io.mmipc.internal.spi;

import io.mmipc.ListOptions;
import io.mmipc.MapOptions;
import io.mmipc.SharedList;
import io.mmipc.SharedMap;
import io.mmipc.SharedNamespace;
import io.mmipc.codec.Codec;
import io.mmipc.codec.SerialFilter;

/**
 * Implements the shared dict and the containers built on its blocks and locks, the list and the
 * namespace; {@code IpcContext.dict}, {@code list} and {@code namespace} delegate here (module
 * {@code mmipc-ipc-agrona}).
 */
public interface MapProvider extends ObjectProvider
{
    /**
     * Creates the map {@code name} in {@code ctx}, or opens it when it exists after checking its
     * codecs and capacity; the map closes with the context.
     */
    <K, V> SharedMap<K, V> dict(TransportContext ctx, String name, Codec<K> keys, Codec<V> values, MapOptions options);

    /**
     * Creates the list {@code name} in {@code ctx}, or opens it when it exists after checking its
     * codec and capacity; the list closes with the context.
     */
    <T> SharedList<T> list(TransportContext ctx, String name, Codec<T> codec, ListOptions options);

    /**
     * Creates the namespace {@code name} in {@code ctx}, or opens it when it exists after checking
     * its filter and capacity; the namespace closes with the context.
     */
    SharedNamespace namespace(TransportContext ctx, String name, SerialFilter filter, MapOptions options);
}
