package io.mmipc.agrona.queue;

import io.mmipc.JoinableQueue;
import io.mmipc.MessageQueue;
import io.mmipc.Pipe;
import io.mmipc.PipeOptions;
import io.mmipc.QueueOptions;
import io.mmipc.SharedFileException;
import io.mmipc.codec.Codec;
import io.mmipc.codec.CodecRef;
import io.mmipc.internal.file.Names;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.SharedObjectMismatchException;
import io.mmipc.internal.file.SharedFileHeader;
import io.mmipc.internal.file.SharedFiles;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.Handles;
import io.mmipc.internal.spi.MessagingProvider;
import io.mmipc.internal.spi.TransportContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@link MessagingProvider} of ipc-agrona: queues and pipes on Agrona ring buffers.
 */
public final class AgronaMessaging implements MessagingProvider
{
    /** The longest dead-process timeout a queue handle carries: its nanoseconds must fit a long. */
    private static final long MAX_TIMEOUT_MILLIS = Long.MAX_VALUE / 1_000_000;

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
        checkLayout(path, header.param(QueueDescriptor.PARAM_LAYOUT), QueueDescriptor.LAYOUT_VERSION);
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
        final AgronaQueue<T> queue;
        Participant participant = null;
        try
        {
            participant = Participant.join(ctx);
            queue = new AgronaQueue<>(ctx, file, participant, codec, options, oneToOne, capacity, maxMessageLength,
                slots);
        }
        catch (final RuntimeException ex)
        {
            if (participant != null)
            {
                participant.leave();
            }
            file.close();
            throw ex;
        }
        return ctx.track(queue);
    }

    @Override
    public <T> JoinableQueue<T> joinableQueue(
        final TransportContext ctx, final String name, final Codec<T> codec, final QueueOptions options)
    {
        final String tasksName = Names.validate("joinable queue name", name + JoinableDescriptor.SUFFIX);
        final AgronaQueue<T> queue = (AgronaQueue<T>)queue(ctx, name, codec, options);
        final int slots = options.maxProcesses();
        return joinable(ctx, queue, () -> ctx.createOrOpenFile(tasksName, JoinableDescriptor.spec(slots)), slots,
            codec, options);
    }

    @Override
    public <T> JoinableQueue<T> openJoinableQueue(
        final TransportContext ctx, final String name, final Codec<T> codec, final QueueOptions options)
    {
        final String tasksName = Names.validate("joinable queue name", name + JoinableDescriptor.SUFFIX);
        final Path path = ctx.directory().resolve(tasksName);
        final SharedFileHeader header = readHeader(path);
        if (header.kind() != ObjectKind.JOINABLE)
        {
            throw wrongKind(path, header.kind(), "joinable queue's task file");
        }
        checkLayout(path, header.param(JoinableDescriptor.PARAM_LAYOUT), JoinableDescriptor.LAYOUT_VERSION);
        final long slots = header.param(JoinableDescriptor.PARAM_SLOTS);
        if (slots < 1 || slots > QueueOptions.MAX_PROCESSES)
        {
            throw corrupt(path, "task slots " + slots);
        }
        final AgronaQueue<T> queue = (AgronaQueue<T>)openQueue(ctx, name, codec, options);
        return joinable(ctx, queue, () -> ctx.openFile(tasksName, JoinableDescriptor.spec((int)slots)), (int)slots,
            codec, options);
    }

    private static <T> JoinableQueue<T> joinable(final TransportContext ctx, final AgronaQueue<T> queue,
        final java.util.function.Supplier<SharedFile> tasksFile, final int slots, final Codec<T> codec,
        final QueueOptions options)
    {
        SharedFile file = null;
        Participant participant = null;
        final AgronaJoinableQueue<T> joinable;
        try
        {
            file = tasksFile.get();
            participant = Participant.join(ctx);
            joinable = new AgronaJoinableQueue<>(ctx, queue, file, participant, slots, codec, options);
        }
        catch (final RuntimeException ex)
        {
            if (participant != null)
            {
                participant.leave();
            }
            if (file != null)
            {
                file.close();
            }
            queue.close();
            throw ex;
        }
        return ctx.track(joinable);
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
        checkLayout(path, header.param(PipeDescriptor.PARAM_LAYOUT), PipeDescriptor.LAYOUT_VERSION);
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

    /**
     * Refuses a file of another layout version by name (its words would be misread), before the
     * spec's parameter check would call it a mere difference.
     */
    private static void checkLayout(final Path path, final long version, final int expected)
    {
        if (version != expected)
        {
            final SharedFileException ex = new SharedFileException(path, SharedFileException.Reason.UNSUPPORTED_VERSION,
                "layout version " + version + " (0: made before versions were recorded), this mmipc reads " + expected);
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
        return AgronaQueue.HANDLE_KIND.equals(kind) || AgronaJoinableQueue.HANDLE_KIND.equals(kind) ||
            AgronaPipe.HANDLE_KIND.equals(kind) ||
            AgronaPipeEnd.HANDLE_KIND.equals(kind);
    }

    /**
     * Opens (never creates) what a handle names: a queue or a joinable queue with the handle's dead-process timeout, a
     * pipe, or one end of the pipe that {@link Handles} resolves for this JVM (so an end that
     * arrives twice, or with its pipe, is one end). Idle strategies are the defaults.
     */
    @Override
    public Object reopen(final TransportContext ctx, final Handle handle)
    {
        final Codec<?> codec;
        try
        {
            codec = CodecRef.resolve(handle.codec());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex.getMessage(), ex);
        }
        switch (handle.kind())
        {
            case AgronaQueue.HANDLE_KIND:
                final long millis = Math.min(MAX_TIMEOUT_MILLIS, Math.max(1, handle.param()));
                return openQueue(ctx, handle.name(), codec,
                    QueueOptions.defaults().deadProcessTimeout(Duration.ofMillis(millis)));
            case AgronaJoinableQueue.HANDLE_KIND:
                final long joinMillis = Math.min(MAX_TIMEOUT_MILLIS, Math.max(1, handle.param()));
                return openJoinableQueue(ctx, handle.name(), codec,
                    QueueOptions.defaults().deadProcessTimeout(Duration.ofMillis(joinMillis)));
            case AgronaPipe.HANDLE_KIND:
                return openPipe(ctx, handle.name(), codec, PipeOptions.defaults());
            case AgronaPipeEnd.HANDLE_KIND:
                if (handle.param() != 1 && handle.param() != 2)
                {
                    throw new IllegalArgumentException(handle + " names end " + handle.param() + ", not 1 or 2");
                }
                final Pipe<?> pipe = (Pipe<?>)Handles.resolve(new Handle(handle.transport(), handle.directory(),
                    handle.name(), AgronaPipe.HANDLE_KIND, 0, handle.codec(), null));
                return handle.param() == 1 ? pipe.end1() : pipe.end2();
            default:
                throw new IllegalArgumentException(getClass().getSimpleName() + " does not re-open a " + handle.kind());
        }
    }
}
