package io.mmipc.agrona.queue;

import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.spi.Handles;
import io.mmipc.MessageQueue;
import io.mmipc.Pipe;
import io.mmipc.PipeOptions;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codec;
import io.mmipc.internal.file.Names;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.SharedFileException;
import io.mmipc.SharedObjectMismatchException;
import io.mmipc.internal.file.SharedFileHeader;
import io.mmipc.internal.file.SharedFiles;
import io.mmipc.internal.spi.MessagingProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link MessagingProvider} of ipc-agrona: queues and pipes on Agrona ring buffers.
 */
public final class AgronaMessaging implements MessagingProvider
{
    static final AgronaMessaging INSTANCE = new AgronaMessaging();

    /** Objects re-opened from handles, one per directory, name and codec in this JVM. */
    private static final Map<String, Object> RESOLVED = new ConcurrentHashMap<>();

    /**
     * The queue a handle names: the one this JVM already opened for an earlier handle of it, else
     * a new one (tasks that each carry the same queue share one mapping and one registration).
     */
    static MessageQueue<?> resolveQueue(final Path dir, final String name, final Codec<?> codec,
        final QueueOptions options)
    {
        final String key = "queue " + dir + "/" + name + " " + codec.id();
        synchronized (RESOLVED)
        {
            final Object known = RESOLVED.get(key);
            if (known instanceof MessageQueue && !((MessageQueue<?>)known).isClosed())
            {
                return (MessageQueue<?>)known;
            }
            final MessageQueue<?> queue = INSTANCE.openQueue(Handles.joined(dir), name, codec, options);
            RESOLVED.put(key, queue);
            return queue;
        }
    }

    /**
     * The pipe a handle names, shared like {@link #resolveQueue}: an end that arrives twice is one end.
     */
    static Pipe<?> resolvePipe(final Path dir, final String name, final Codec<?> codec)
    {
        final String key = "pipe " + dir + "/" + name + " " + codec.id();
        synchronized (RESOLVED)
        {
            final Object known = RESOLVED.get(key);
            if (known instanceof Pipe && !Handles.joined(dir).isClosed())
            {
                return (Pipe<?>)known;
            }
            final Pipe<?> pipe = INSTANCE.openPipe(Handles.joined(dir), name, codec, PipeOptions.defaults());
            RESOLVED.put(key, pipe);
            return pipe;
        }
    }

    @Override
    public <T> MessageQueue<T> queue(
        final TransportContext ctx, final String name, final Codec<T> codec, final QueueOptions options)
    {
        final int slots = options.oneToOne() ? 1 : options.maxProcesses();
        final SharedFile file = ctx.createOrOpenFile(name, QueueDescriptor.spec(
            options.oneToOne(), options.capacity(), options.maxMessageLength(), slots, codec.id()));
        return open(ctx, file, codec, options, options.oneToOne(), options.capacity(), options.maxMessageLength(),
            slots);
    }

    @Override
    public <T> MessageQueue<T> openQueue(
        final TransportContext ctx, final String name, final Codec<T> codec, final QueueOptions options)
    {
        final Path path = ctx.directory().resolve(Names.validate("queue name", name));
        final SharedFileHeader header = readHeader(path);
        if (header.kind() != ObjectKind.QUEUE_ONE_TO_ONE && header.kind() != ObjectKind.QUEUE_MANY_TO_MANY)
        {
            throw wrongKind(path, header.kind(), "queue");
        }
        final boolean oneToOne = header.kind() == ObjectKind.QUEUE_ONE_TO_ONE;
        final int capacity = checkedCapacity(path, header.param(QueueDescriptor.PARAM_CAPACITY));
        final int maxMessageLength = checkedMaxMessageLength(path, header.param(QueueDescriptor.PARAM_MAX_MESSAGE_LENGTH));
        final long slots = header.param(QueueDescriptor.PARAM_SLOTS);
        if (oneToOne ? slots != 1 : slots < 1 || slots > QueueOptions.MAX_PROCESSES)
        {
            throw corrupt(path, "process slots " + slots);
        }
        final SharedFile file = ctx.openFile(name,
            QueueDescriptor.spec(oneToOne, capacity, maxMessageLength, (int)slots, codec.id()));
        return open(ctx, file, codec, options, oneToOne, capacity, maxMessageLength, (int)slots);
    }

    private static <T> MessageQueue<T> open(final TransportContext ctx, final SharedFile file, final Codec<T> codec,
        final QueueOptions options, final boolean oneToOne, final int capacity, final int maxMessageLength,
        final int slots)
    {
        try
        {
            final AgronaQueue<T> queue = oneToOne ?
                new OneToOneQueue<>(ctx, file, codec, options, capacity, maxMessageLength) :
                new ManyToManyQueue<>(ctx, file, codec, options, capacity, maxMessageLength, slots);
            return ctx.track(queue);
        }
        catch (final RuntimeException ex)
        {
            file.close();
            throw ex;
        }
    }

    @Override
    public <T> Pipe<T> pipe(final TransportContext ctx, final String name, final Codec<T> codec, final PipeOptions options)
    {
        // Creates (or checks) the file, then lets it go: the ends map it when they open.
        ctx.createOrOpenFile(name, PipeDescriptor.spec(options.duplex(), options.capacity(),
            options.maxMessageLength(), codec.id())).close();
        return new AgronaPipe<>(ctx, name, codec, options, options.duplex(), options.capacity(),
            options.maxMessageLength());
    }

    @Override
    public <T> Pipe<T> openPipe(final TransportContext ctx, final String name, final Codec<T> codec, final PipeOptions options)
    {
        final Path path = ctx.directory().resolve(Names.validate("pipe name", name));
        final SharedFileHeader header = readHeader(path);
        if (header.kind() != ObjectKind.PIPE)
        {
            throw wrongKind(path, header.kind(), "pipe");
        }
        final int capacity = checkedCapacity(path, header.param(PipeDescriptor.PARAM_CAPACITY));
        final int maxMessageLength = checkedMaxMessageLength(path, header.param(PipeDescriptor.PARAM_MAX_MESSAGE_LENGTH));
        final long duplex = header.param(PipeDescriptor.PARAM_DUPLEX);
        if (duplex != 0 && duplex != 1)
        {
            throw corrupt(path, "duplex flag " + duplex);
        }
        if (!codec.id().equals(header.typeTag()))
        {
            throw new SharedObjectMismatchException(path, SharedFileException.Reason.PARAMETERS_DIFFER, "type",
                "\"" + header.typeTag() + "\"", "\"" + codec.id() + "\"", null, null);
        }
        return new AgronaPipe<>(ctx, name, codec, options, duplex == 1, capacity, maxMessageLength);
    }

    private static SharedFileHeader readHeader(final Path path)
    {
        try
        {
            return SharedFiles.readHeader(path);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex.getMessage(), ex);
        }
    }

    private static int checkedCapacity(final Path path, final long capacity)
    {
        if (capacity < QueueOptions.MIN_CAPACITY || capacity > QueueOptions.MAX_CAPACITY || Long.bitCount(capacity) != 1)
        {
            throw corrupt(path, "capacity " + capacity + " (must be a power of two in [" + QueueOptions.MIN_CAPACITY +
                ", " + QueueOptions.MAX_CAPACITY + "])");
        }
        return (int)capacity;
    }

    private static int checkedMaxMessageLength(final Path path, final long length)
    {
        if (length < 1 || length > QueueOptions.MAX_MESSAGE_LENGTH)
        {
            throw corrupt(path, "largest message " + length);
        }
        return (int)length;
    }

    private static SharedObjectMismatchException wrongKind(final Path path, final ObjectKind kind, final String wanted)
    {
        final SharedFileException ex = new SharedFileException(path, SharedFileException.Reason.WRONG_KIND,
            "holds a " + kind + ", not a " + wanted, "kind", kind.name(), wanted);
        return new SharedObjectMismatchException(path, ex.reason(), "kind", kind.name(), wanted, null, ex);
    }

    private static UncheckedIOException corrupt(final Path path, final String what)
    {
        final SharedFileException ex = new SharedFileException(path, SharedFileException.Reason.CORRUPT,
            "header holds an impossible " + what);
        return new UncheckedIOException(ex.getMessage(), ex);
    }

    @Override
    public boolean reopens(final String kind)
    {
        return false; // interim: this provider's handles still resolve themselves (redesign in progress)
    }

    @Override
    public Object reopen(final TransportContext ctx, final Handle handle)
    {
        throw new IllegalStateException("interim: " + getClass().getSimpleName() + " does not re-open " + handle);
    }
}
