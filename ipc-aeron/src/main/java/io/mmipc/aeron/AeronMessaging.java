package io.mmipc.aeron;

import io.mmipc.MessageQueue;
import io.mmipc.NetworkOptions;
import io.mmipc.Pipe;
import io.mmipc.PipeOptions;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codec;
import io.mmipc.codec.CodecRef;
import io.mmipc.internal.file.Names;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.MessagingProvider;
import io.mmipc.internal.spi.TransportContext;

import java.io.InvalidObjectException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The {@code "aeron"} transport: {@link MessageQueue} and {@link Pipe} across hosts. A context
 * built with {@code IpcContextBuilder.network(...)} gets one {@link AeronNode} (started on its
 * first object, closed with the context). Objects are created on their home node and opened by
 * name on the others; their handles re-open them in any JVM: one that has a network context
 * with the same home uses its node, another (a child JVM on the same host) starts a node of its
 * own with the secret file the handle names.
 */
public final class AeronMessaging implements MessagingProvider
{
    /** The transport name, as {@code IpcContextBuilder.transport(...)} takes it. */
    public static final String TRANSPORT = "aeron";
    static final String PIPE_KIND = "aeron-pipe";
    static final String PIPE_END_KIND = "aeron-pipe-end";
    static final String QUEUE_KIND = "aeron-queue";
    private static final Set<String> KINDS = Set.of(PIPE_KIND, PIPE_END_KIND, QUEUE_KIND);

    private static final Map<TransportContext, AeronNode> CONTEXT_NODES = new ConcurrentHashMap<>();
    private static final Map<String, AeronNode> HANDLE_NODES = new ConcurrentHashMap<>();

    static
    {
        final Thread hook = new Thread(() -> HANDLE_NODES.values().forEach(AeronNode::close), "mmipc-aeron-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public String transport()
    {
        return TRANSPORT;
    }

    /**
     * @return the node of {@code ctx}, started on first use and closed with the context.
     */
    static AeronNode node(final TransportContext ctx)
    {
        final AeronNode existing = CONTEXT_NODES.get(ctx);
        if (existing != null && !existing.isClosed())
        {
            return existing;
        }
        synchronized (CONTEXT_NODES)
        {
            AeronNode node = CONTEXT_NODES.get(ctx);
            if (node == null || node.isClosed())
            {
                final NetworkOptions options = ctx.network();
                if (options == null)
                {
                    throw new IllegalStateException(ctx + " has transport \"" + TRANSPORT + "\" but no network " +
                        "options: build it with IpcContext.builder().network(NetworkOptions...)");
                }
                node = AeronNode.start(options, ctx.directory().getFileName().toString());
                final AeronNode started = node;
                CONTEXT_NODES.put(ctx, started);
                ctx.track(() ->
                {
                    CONTEXT_NODES.remove(ctx, started);
                    started.close();
                });
            }
            return node;
        }
    }

    static NetRef ref(final AeronNode node, final int maxMessageLength, final boolean flag)
    {
        return new NetRef(node.homeHost(), node.homePort(), node.options().host(), node.secretFile().toString(),
            node.peerTimeoutNs() / 1_000_000, maxMessageLength, flag);
    }

    @Override
    public <T> MessageQueue<T> queue(final TransportContext ctx, final String name, final Codec<T> codec,
        final QueueOptions options)
    {
        return queue(node(ctx), ctx.directory(), name, codec, options);
    }

    @Override
    public <T> MessageQueue<T> openQueue(final TransportContext ctx, final String name, final Codec<T> codec,
        final QueueOptions options)
    {
        final AeronNode node = node(ctx);
        checkOpenable(node, QUEUE_KIND, name);
        return queue(node, ctx.directory(), name, codec, options);
    }

    @Override
    public <T> Pipe<T> pipe(final TransportContext ctx, final String name, final Codec<T> codec,
        final PipeOptions options)
    {
        return pipe(node(ctx), ctx.directory(), name, codec, options);
    }

    @Override
    public <T> Pipe<T> openPipe(final TransportContext ctx, final String name, final Codec<T> codec,
        final PipeOptions options)
    {
        final AeronNode node = node(ctx);
        checkOpenable(node, PIPE_KIND, name);
        return pipe(node, ctx.directory(), name, codec, options);
    }

    private static void checkOpenable(final AeronNode node, final String kind, final String name)
    {
        if (node.isHome() && node.existing(kind, name) == null)
        {
            throw new IllegalStateException("no " + kind + " \"" + name + "\" on this home node " + node.homeHost() +
                ":" + node.homePort() + ": create it first");
        }
    }

    private static <T> MessageQueue<T> queue(final AeronNode node, final Path directory, final String name,
        final Codec<T> codec, final QueueOptions options)
    {
        Names.validate("queue name", name);
        final MessageQueue<T> queue = node.object(QUEUE_KIND, name, () -> new AeronQueue<>(node, directory, name,
            codec, options));
        return checkCodec(queue, name, codec, ((AeronQueue<T>)queue).codecId());
    }

    private static <T> Pipe<T> pipe(final AeronNode node, final Path directory, final String name,
        final Codec<T> codec, final PipeOptions options)
    {
        Names.validate("pipe name", name);
        final AeronPipe<T> pipe = node.object(PIPE_KIND, name, () -> new AeronPipe<>(node, directory, name, codec,
            options));
        return checkCodec(pipe, name, codec, pipe.codec().id());
    }

    private static <O> O checkCodec(final O object, final String name, final Codec<?> codec, final String id)
    {
        if (!id.equals(codec.id()))
        {
            throw new IllegalStateException(object + " is open on this node with codec \"" + id + "\", not \"" +
                codec.id() + "\"");
        }
        return object;
    }

    // ---- handles

    @Override
    public boolean reopens(final String kind)
    {
        return KINDS.contains(kind);
    }

    @Override
    public Object reopen(final TransportContext ctx, final Handle handle)
    {
        return reopen(handle, () -> ctx);
    }

    /**
     * Re-opens without the handle's directory (it is on another host, or in a private
     * {@code /dev/shm}): only the node matters.
     */
    @Override
    public Object reopen(final Handle handle, final Supplier<TransportContext> context)
    {
        if (!(handle.related() instanceof NetRef ref))
        {
            throw new IllegalArgumentException(handle + " carries no network reference");
        }
        final AeronNode node = nodeFor(ref);
        final Codec<Object> codec;
        try
        {
            codec = CodecRef.resolve(handle.codec());
        }
        catch (final InvalidObjectException ex)
        {
            throw new IllegalArgumentException(handle + ": " + ex.getMessage(), ex);
        }
        final Path directory = Paths.get(handle.directory());
        switch (handle.kind())
        {
            case QUEUE_KIND:
                return queue(node, directory, handle.name(), codec, QueueOptions.defaults()
                    .maxMessageLength(ref.maxMessageLength()).oneToOne(ref.flag()));
            case PIPE_KIND:
            case PIPE_END_KIND:
                final Pipe<Object> pipe = pipe(node, directory, handle.name(), codec, PipeOptions.defaults()
                    .maxMessageLength(ref.maxMessageLength()).duplex(ref.flag()));
                if (PIPE_END_KIND.equals(handle.kind()))
                {
                    if (handle.param() != 1 && handle.param() != 2)
                    {
                        throw new IllegalArgumentException(handle + ": no pipe end " + handle.param());
                    }
                    return handle.param() == 1 ? pipe.end1() : pipe.end2();
                }
                return pipe;
            default:
                throw new IllegalArgumentException("transport " + TRANSPORT + " re-opens no " + handle.kind());
        }
    }

    /**
     * A context node of this JVM with the same home, or a node of its own for handles.
     */
    private static AeronNode nodeFor(final NetRef ref)
    {
        for (final AeronNode node : CONTEXT_NODES.values())
        {
            if (!node.isClosed() && node.homeHost().equals(ref.homeHost()) && node.homePort() == ref.homePort())
            {
                return node;
            }
        }
        final String key = ref.homeHost() + ":" + ref.homePort() + "@" + ref.nodeHost();
        synchronized (HANDLE_NODES)
        {
            AeronNode node = HANDLE_NODES.get(key);
            if (node == null || node.isClosed())
            {
                node = AeronNode.start(NetworkOptions.node(ref.nodeHost(), 0).home(ref.homeHost(), ref.homePort())
                    .secretFile(ref.secretPath()).peerTimeout(Duration.ofMillis(ref.peerTimeoutMs())), "handles");
                HANDLE_NODES.put(key, node);
            }
            return node;
        }
    }
}
