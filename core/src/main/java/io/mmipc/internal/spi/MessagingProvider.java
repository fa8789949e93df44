package io.mmipc.internal.spi;

import io.mmipc.JoinableQueue;
import io.mmipc.MessageQueue;
import io.mmipc.Pipe;
import io.mmipc.PipeOptions;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codec;

/**
 * Makes the shared-memory {@link MessageQueue} and {@link Pipe}; ipc-agrona provides it
 * (found with {@link java.util.ServiceLoader}).
 */
public interface MessagingProvider extends ObjectProvider
{
    /** The artifact that provides it, for the error when it is missing. */
    String MODULE = "mmipc-ipc-agrona";

    /**
     * Creates the queue {@code name} in {@code ctx}, or opens it when it exists with the same
     * kind, capacity, largest message and codec.
     */
    <T> MessageQueue<T> queue(TransportContext ctx, String name, Codec<T> codec, QueueOptions options);

    /**
     * Opens the existing queue {@code name}, whatever its kind and sizes (they are read from the
     * file); only the codec must match. {@code options} gives the idle strategy and timeouts.
     */
    <T> MessageQueue<T> openQueue(TransportContext ctx, String name, Codec<T> codec, QueueOptions options);

    /**
     * Creates the pipe {@code name} in {@code ctx}, or opens it when it exists with the same
     * direction, capacity, largest message and codec. Neither end is opened.
     */
    <T> Pipe<T> pipe(TransportContext ctx, String name, Codec<T> codec, PipeOptions options);

    /**
     * Opens the existing pipe {@code name}, whatever its direction and sizes; only the codec must match.
     */
    <T> Pipe<T> openPipe(TransportContext ctx, String name, Codec<T> codec, PipeOptions options);

    /**
     * Creates, or opens when it exists with the same parameters, the joinable queue {@code name}:
     * the queue and its task counts. Transports without one refuse.
     */
    default <T> JoinableQueue<T> joinableQueue(
        final TransportContext ctx, final String name, final Codec<T> codec, final QueueOptions options)
    {
        throw new UnsupportedOperationException(getClass().getName() + " has no joinable queues");
    }

    /**
     * Opens the existing joinable queue {@code name}, whatever its sizes; only the codec must match.
     */
    default <T> JoinableQueue<T> openJoinableQueue(
        final TransportContext ctx, final String name, final Codec<T> codec, final QueueOptions options)
    {
        throw new UnsupportedOperationException(getClass().getName() + " has no joinable queues");
    }
}
