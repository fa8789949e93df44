package io.mmipc.internal.spi;

import io.mmipc.Topic;
import io.mmipc.TopicOptions;
import io.mmipc.codec.Codec;

/**
 * Implements fan-out topics; {@code IpcContext.topic} delegates here (module {@code mmipc-ipc-agrona}).
 */
public interface TopicProvider extends ObjectProvider
{
    /**
     * Creates the topic {@code name} in {@code ctx}, or opens it when it exists after checking its
     * codec, capacity, slots and policy; the topic closes with the context.
     */
    <T> Topic<T> topic(TransportContext ctx, String name, Codec<T> codec, TopicOptions options);
}
