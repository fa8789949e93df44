package io.mmipc;

import io.mmipc.codec.Codec;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.spi.MapProvider;
import io.mmipc.internal.spi.Providers;
import io.mmipc.internal.spi.TopicProvider;

import java.util.Objects;

/**
 * The factories of {@link IpcContext} for the objects Python's {@code multiprocessing} reaches
 * through its managers and extras: a barrier with an action, the shared list and namespace, the
 * fan-out topic and the joinable queue. Kept apart from {@code IpcContext} so that class stays
 * about its own life cycle; only {@code IpcContext} implements it.
 */
public sealed interface IpcContextObjects permits IpcContext
{
    // ---- a barrier with an action and a default timeout ----

    /**
     * Creates, or opens when it exists with the same parties, a cyclic barrier whose trips run
     * {@code action}: Python's {@code Barrier(parties, action)}. See
     * {@link #barrier(String, int, Task, java.time.Duration)}.
     */
    default SharedBarrier barrier(final String name, final int parties, final Task action)
    {
        return barrier(name, parties, action, null);
    }

    /**
     * Creates, or opens when it exists with the same parties, a cyclic barrier with an action and a
     * default timeout: Python's {@code Barrier(parties, action, timeout)}.
     * <p>
     * The action and the timeout belong to the returned object, not to the shared file: the party
     * that trips the barrier runs <em>its own object's</em> action, once per round, before any
     * party is released. The object carries both into child JVMs and Pool tasks that capture it,
     * so parties that all got the barrier from here run the same action; a process that opens the
     * barrier by name with {@link IpcContext#barrier(String, int)} trips it without running anything. An
     * action that throws breaks the barrier: the tripping party gets the exception (a checked one
     * as the cause of a {@link java.util.concurrent.BrokenBarrierException}), the others a
     * {@code BrokenBarrierException}.
     * <p>
     * {@link SharedBarrier#await()} waits at most {@code timeout}; when it passes, the barrier
     * breaks and the call throws {@code BrokenBarrierException}, as Python's {@code wait()} does.
     *
     * @param action  run by the tripping party; null for none.
     * @param timeout the default timeout of {@code await()}; null for none.
     */
    default SharedBarrier barrier(final String name, final int parties, final Task action,
        final java.time.Duration timeout)
    {
        final IpcContext ctx = (IpcContext)this;
        return ctx.sync().barrier(ctx.transportContext, name, parties, action, timeout);
    }

    // ---- the shared list and namespace (through MapProvider) ----

    /**
     * Creates, or opens when it exists, the shared list {@code name} of Java-serialized elements
     * (read back through {@link io.mmipc.codec.SerialFilter#defaults()}) with the default {@link ListOptions}:
     * Python's {@code multiprocessing.Manager().list()}, in shared memory.
     */
    default <T extends java.io.Serializable> SharedList<T> list(final String name)
    {
        return list(name, Codecs.java(), ListOptions.defaults());
    }

    /**
     * Creates, or opens when it exists, the shared list {@code name} with the default {@link ListOptions}.
     */
    default <T> SharedList<T> list(final String name, final Codec<T> codec)
    {
        return list(name, codec, ListOptions.defaults());
    }

    /**
     * Creates, or opens when it exists with the same codec and capacity, the shared list {@code name}.
     */
    default <T> SharedList<T> list(final String name, final Codec<T> codec, final ListOptions options)
    {
        final IpcContext ctx = (IpcContext)this;
        ctx.checkOpen();
        return Providers.get(MapProvider.class, ctx.transport, "mmipc-ipc-agrona").list(ctx.transportContext, name,
            Objects.requireNonNull(codec, "codec"), Objects.requireNonNull(options, "options"));
    }

    /**
     * Creates, or opens when it exists, the shared namespace {@code name} with
     * {@link SharedNamespace#DEFAULT_OPTIONS}, its values read back through
     * {@link io.mmipc.codec.SerialFilter#defaults()}: Python's {@code multiprocessing.Manager().Namespace()}.
     */
    default SharedNamespace namespace(final String name)
    {
        return namespace(name, io.mmipc.codec.SerialFilter.defaults(), SharedNamespace.DEFAULT_OPTIONS);
    }

    /**
     * Creates, or opens when it exists with the same filter and capacity, the shared namespace
     * {@code name}; {@code filter} admits the classes of its values.
     */
    default SharedNamespace namespace(final String name, final io.mmipc.codec.SerialFilter filter,
        final MapOptions options)
    {
        final IpcContext ctx = (IpcContext)this;
        ctx.checkOpen();
        return Providers.get(MapProvider.class, ctx.transport, "mmipc-ipc-agrona").namespace(ctx.transportContext,
            name,
            Objects.requireNonNull(filter, "filter"), Objects.requireNonNull(options, "options"));
    }

    // ---- fan-out topics (through TopicProvider) ----

    /**
     * Creates, or opens when it exists, the topic {@code name} with the default {@link TopicOptions}:
     * every subscriber, in any process, receives every message.
     */
    default <T> Topic<T> topic(final String name, final Codec<T> codec)
    {
        return topic(name, codec, TopicOptions.defaults());
    }

    /**
     * Creates, or opens when it exists with the same codec, capacity, slots and policy, the topic {@code name}.
     */
    default <T> Topic<T> topic(final String name, final Codec<T> codec, final TopicOptions options)
    {
        final IpcContext ctx = (IpcContext)this;
        ctx.checkOpen();
        return Providers.get(TopicProvider.class, ctx.transport, "mmipc-ipc-agrona").topic(ctx.transportContext, name,
            Objects.requireNonNull(codec, "codec"), Objects.requireNonNull(options, "options"));
    }

    // ---- joinable queues ----

    /**
     * Creates, or opens when it exists, the many-to-many joinable queue {@code name} of byte
     * arrays: Python's {@code multiprocessing.JoinableQueue()}.
     */
    default JoinableQueue<byte[]> joinableQueue(final String name)
    {
        return joinableQueue(name, Codecs.bytes(), QueueOptions.defaults());
    }

    /**
     * Creates, or opens when it exists, the many-to-many joinable queue {@code name} whose
     * messages {@code codec} encodes.
     */
    default <T> JoinableQueue<T> joinableQueue(final String name, final Codec<T> codec)
    {
        return joinableQueue(name, codec, QueueOptions.defaults());
    }

    /**
     * Creates, or opens when it exists with the same kind, sizes and codec, the joinable queue
     * {@code name}: a queue of that name and its task counts (the file {@code name + ".joinable"}).
     */
    default <T> JoinableQueue<T> joinableQueue(final String name, final Codec<T> codec, final QueueOptions options)
    {
        final IpcContext ctx = (IpcContext)this;
        ctx.checkOpen();
        return ctx.messaging().joinableQueue(ctx.transportContext, name, Objects.requireNonNull(codec, "codec"),
            Objects.requireNonNull(options, "options"));
    }

    /**
     * Opens the existing joinable queue {@code name}, whatever its kind and sizes; only the codec must match.
     */
    default <T> JoinableQueue<T> openJoinableQueue(final String name, final Codec<T> codec)
    {
        final IpcContext ctx = (IpcContext)this;
        ctx.checkOpen();
        return ctx.messaging().openJoinableQueue(ctx.transportContext, name, Objects.requireNonNull(codec, "codec"),
            QueueOptions.defaults());
    }
}
