package io.mmipc;

import io.mmipc.codec.Codec;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.dir.ContextDirectory;
import io.mmipc.internal.file.Names;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.internal.file.SharedFileSpec;
import io.mmipc.internal.file.SharedFiles;
import io.mmipc.internal.spi.MapProvider;
import io.mmipc.internal.spi.MessagingProvider;
import io.mmipc.internal.spi.Providers;
import io.mmipc.internal.spi.SyncProvider;
import io.mmipc.internal.spi.Handles;
import io.mmipc.internal.spi.TransportContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry point: a directory where processes meet, and the shared objects in it.
 * <pre>{@code
 * try (IpcContext ctx = IpcContext.create()) {       // a private directory, removed on close
 *     SharedMemory mem = ctx.sharedMemory("block", 4096);
 *     ...
 * }
 * }</pre>
 * {@link #create()} makes a fresh private directory (under {@code /dev/shm} by default);
 * {@link #open(Path)} joins one another process made; {@code builder().name(...)} creates or joins
 * a named one. Objects are created-or-opened by name; opening one with other parameters is an
 * error that names the file and the difference. Closing the context closes (unmaps) every object
 * it opened; a private directory is then removed by the process that created it. A named one
 * lives, with every unread message in it, until {@link #remove(Path, String)} (see
 * {@link IpcContextBuilder} for the rule).
 */
public final class IpcContext implements AutoCloseable, IpcContextValues, IpcContextObjects
{
    private static final Map<Path, IpcContext> JOINED = new ConcurrentHashMap<>();
    private static final int PRUNE_EVERY = 64;
    private static final int MAX_SHARED_MEMORY =
        (int)(SharedFileDescriptor.MAX_TOTAL_LENGTH - SharedFileDescriptor.HEADER_LENGTH);

    static
    {
        Handles.joinedContexts(dir -> joined(dir).transportContext);
    }

    private final ContextDirectory directory;
    final String transport;
    final TransportContext transportContext = new Files();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private boolean closed;

    IpcContext(final ContextDirectory directory, final String transport)
    {
        this.directory = directory;
        this.transport = transport;
    }

    /**
     * Creates a fresh private context directory under the default root.
     */
    public static IpcContext create()
    {
        return builder().build();
    }

    /**
     * Creates a fresh private context directory under {@code root}.
     */
    public static IpcContext create(final Path root)
    {
        return builder().root(root).build();
    }

    /**
     * Joins the context directory {@code dir} that another process created. Closing the returned
     * context unmaps what it opened and leaves the directory in place.
     */
    public static IpcContext open(final Path dir)
    {
        return builder().join(dir).build();
    }

    public static IpcContextBuilder builder()
    {
        return new IpcContextBuilder();
    }

    /**
     * Removes the named context {@code name} under the default root ({@link #remove(Path, String)}).
     */
    public static boolean remove(final String name)
    {
        return remove(ContextDirectory.defaultRoot(), name);
    }

    /**
     * Removes the named context {@code name} under {@code root}, with every object and unread
     * message in it: POSIX's {@code shm_unlink}. Processes that have it open keep what they mapped.
     *
     * @return false when there was no such context.
     * @throws UncheckedIOException when it cannot be removed, or is another user's or not a context.
     */
    public static boolean remove(final Path root, final String name)
    {
        try
        {
            return ContextDirectory.remove(root.toAbsolutePath(), name);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex.getMessage(), ex);
        }
    }

    /**
     * The one context per directory that this JVM keeps for objects that arrived from another
     * process (a handle deserialized in a child JVM re-opens its object here). It is never removed
     * by this JVM and lives until the JVM ends.
     */
    public static IpcContext joined(final Path dir)
    {
        final Path key = dir.toAbsolutePath().normalize();
        IpcContext ctx = JOINED.get(key);
        if (ctx == null || ctx.isClosed())
        {
            synchronized (JOINED)
            {
                ctx = JOINED.get(key);
                if (ctx == null || ctx.isClosed())
                {
                    ctx = open(key);
                    JOINED.put(key, ctx);
                }
            }
        }
        return ctx;
    }

    /**
     * @return the directory that holds this context's files.
     */
    public Path directory()
    {
        return directory.path();
    }

    /**
     * @return true when this process created the directory.
     */
    public boolean isOwner()
    {
        return directory.isOwner();
    }

    /**
     * Creates, or opens when it exists, a raw block of {@code size} shared bytes: Python's
     * {@code shared_memory.SharedMemory(name, create=True, size=size)}.
     */
    public SharedMemory sharedMemory(final String name, final int size)
    {
        if (size <= 0 || size > MAX_SHARED_MEMORY)
        {
            throw new IllegalArgumentException("shared memory \"" + name + "\": size must be in [1, " +
                MAX_SHARED_MEMORY + "], got " + size);
        }
        return new SharedMemory(createOrOpenFile(name, SharedMemory.spec(size)));
    }

    /**
     * Opens an existing block of shared bytes, whatever its size.
     */
    public SharedMemory sharedMemory(final String name)
    {
        return new SharedMemory(openFile(name, SharedMemory.spec(0)));
    }

    // ---- processes ----

    /**
     * A child JVM that will run {@code task}: Python's {@code Process(target=...)}. Shared objects
     * the task captures re-open in the child. Call {@link JvmProcess#start()} to start it.
     */
    public JvmProcess process(final Task task)
    {
        checkOpen();
        return JvmProcess.of(task);
    }

    /**
     * A pool of {@code processes} worker JVMs: Python's {@code Pool(processes)}. Closing the
     * context terminates it.
     */
    public Pool pool(final int processes)
    {
        return pool(PoolOptions.defaults().processes(processes));
    }

    /**
     * A pool of worker JVMs made as {@code options} say.
     *
     * @throws PoolInitializerException when a worker's {@link PoolOptions#initializer} threw or it died first.
     */
    public Pool pool(final PoolOptions options)
    {
        checkOpen();
        final Class<?> caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames ->
            frames.map(StackWalker.StackFrame::getDeclaringClass)
                .filter(type -> type != IpcContext.class)
                .findFirst()
                .orElse(IpcContext.class));
        final Pool pool = new Pool(this, options, caller);
        track(pool::terminate);
        return pool;
    }

    // ---- queues and pipes (ipc-agrona, through MessagingProvider) ----

    /**
     * Creates, or opens when it exists, the many-to-many queue {@code name} of byte arrays:
     * Python's {@code multiprocessing.Queue()}.
     */
    public MessageQueue<byte[]> queue(final String name)
    {
        return queue(name, Codecs.bytes(), QueueOptions.defaults());
    }

    /**
     * Creates, or opens when it exists, the many-to-many queue {@code name} whose messages
     * {@code codec} encodes.
     */
    public <T> MessageQueue<T> queue(final String name, final Codec<T> codec)
    {
        return queue(name, codec, QueueOptions.defaults());
    }

    /**
     * Creates, or opens when it exists with the same kind, sizes and codec, the queue {@code name}.
     */
    public <T> MessageQueue<T> queue(final String name, final Codec<T> codec, final QueueOptions options)
    {
        checkOpen();
        return messaging().queue(transportContext, name, Objects.requireNonNull(codec, "codec"),
            Objects.requireNonNull(options, "options"));
    }

    /**
     * Opens the existing queue {@code name}, whatever its kind and sizes; only the codec must match.
     */
    public <T> MessageQueue<T> openQueue(final String name, final Codec<T> codec)
    {
        checkOpen();
        return messaging().openQueue(transportContext, name, Objects.requireNonNull(codec, "codec"), QueueOptions.defaults());
    }

    /**
     * Creates, or opens when it exists, the duplex pipe {@code name} of byte arrays; neither end is opened.
     */
    public Pipe<byte[]> pipe(final String name)
    {
        return pipe(name, Codecs.bytes(), PipeOptions.defaults());
    }

    /**
     * Creates, or opens when it exists, the duplex pipe {@code name}: Python's {@code Pipe()}.
     */
    public <T> Pipe<T> pipe(final String name, final Codec<T> codec)
    {
        return pipe(name, codec, PipeOptions.defaults());
    }

    /**
     * Creates, or opens when it exists with the same direction, sizes and codec, the pipe {@code name}.
     */
    public <T> Pipe<T> pipe(final String name, final Codec<T> codec, final PipeOptions options)
    {
        checkOpen();
        return messaging().pipe(transportContext, name, Objects.requireNonNull(codec, "codec"),
            Objects.requireNonNull(options, "options"));
    }

    /**
     * Opens the existing pipe {@code name}, whatever its direction and sizes; only the codec must match.
     */
    public <T> Pipe<T> openPipe(final String name, final Codec<T> codec)
    {
        checkOpen();
        return messaging().openPipe(transportContext, name, Objects.requireNonNull(codec, "codec"), PipeOptions.defaults());
    }

    MessagingProvider messaging()
    {
        return Providers.get(MessagingProvider.class, transport, MessagingProvider.MODULE);
    }

    // ---- locks and synchronisation (ipc-agrona, through SyncProvider); values and arrays: IpcContextValues ----

    /**
     * Creates, or opens when it exists, a robust lock: Python's {@code Lock()}.
     */
    public SharedLock lock(final String name)
    {
        return sync().lock(transportContext, name);
    }

    /**
     * Creates, or opens when it exists, a robust reentrant lock: Python's {@code RLock()}.
     */
    public SharedRLock rlock(final String name)
    {
        return sync().rlock(transportContext, name);
    }

    /**
     * Creates, or opens when it exists with the same permits, a semaphore: Python's {@code Semaphore(permits)}.
     */
    public SharedSemaphore semaphore(final String name, final int permits)
    {
        return sync().semaphore(transportContext, name, permits, false);
    }

    /**
     * A semaphore that refuses to be released beyond {@code permits}: Python's {@code BoundedSemaphore}.
     */
    public SharedSemaphore boundedSemaphore(final String name, final int permits)
    {
        return sync().semaphore(transportContext, name, permits, true);
    }

    /**
     * Creates, or opens when it exists, an event: Python's {@code Event()}.
     */
    public SharedEvent event(final String name)
    {
        return sync().event(transportContext, name);
    }

    /**
     * Creates, or opens when it exists, a condition bound to {@code lock}: Python's
     * {@code Condition(lock)}. Every process must bind it to the same lock.
     */
    public SharedCondition condition(final String name, final SharedLock lock)
    {
        return sync().condition(transportContext, name, lock);
    }

    /**
     * Creates, or opens when it exists with the same parties, a cyclic barrier: Python's {@code Barrier(parties)}.
     */
    public SharedBarrier barrier(final String name, final int parties)
    {
        return sync().barrier(transportContext, name, parties);
    }

    SyncProvider sync()
    {
        return Providers.get(SyncProvider.class, transport, "mmipc-ipc-agrona");
    }

    // ---- the shared dict (ipc-agrona, through MapProvider) ----

    /**
     * Creates, or opens when it exists, the shared dict {@code name} with the default
     * {@link MapOptions}: Python's {@code multiprocessing.Manager().dict()}, in shared memory.
     * Opening one made with other codecs or capacity is an error naming both.
     */
    public <K, V> SharedMap<K, V> dict(final String name, final Codec<K> keys, final Codec<V> values)
    {
        return dict(name, keys, values, MapOptions.defaults());
    }

    /**
     * Creates, or opens when it exists with the same codecs and capacity, the shared dict {@code name}.
     */
    public <K, V> SharedMap<K, V> dict(final String name, final Codec<K> keys, final Codec<V> values,
        final MapOptions options)
    {
        checkOpen();
        return Providers.get(MapProvider.class, transport, "mmipc-ipc-agrona").dict(transportContext, name,
            Objects.requireNonNull(keys, "keys"), Objects.requireNonNull(values, "values"),
            Objects.requireNonNull(options, "options"));
    }

    // ---- durable log (ipc-chronicle) ----

    /**
     * Creates or opens the durable log {@code name} under {@link DurableLogConfig#defaultRoot()} (on
     * disk, not in this context's directory: removing the context never removes a log). This
     * context closes it when it closes.
     */
    public DurableLog durableLog(final String name)
    {
        return durableLog(DurableLogConfig.builder(name).build());
    }

    /**
     * Creates or opens the durable log {@code config} describes; this context closes it when it closes.
     */
    public DurableLog durableLog(final DurableLogConfig config)
    {
        checkOpen();
        return track(DurableLog.open(config));
    }

    // ---- what transports get: files of this directory, nothing of this facade ----

    private SharedFile createOrOpenFile(final String name, final SharedFileSpec spec)
    {
        checkOpen();
        try
        {
            return track(SharedFiles.createOrOpen(directory.path(), name, spec, directory.filePermissions()));
        }
        catch (final IOException ex)
        {
            throw unchecked(ex);
        }
    }

    private SharedFile openFile(final String name, final SharedFileSpec spec)
    {
        checkOpen();
        try
        {
            return track(SharedFiles.open(directory.path().resolve(
                Names.validate(spec.kind().name().toLowerCase() + " name", name)), spec));
        }
        catch (final IOException ex)
        {
            throw unchecked(ex);
        }
    }

    /**
     * A file of another kind or with other parameters is a state error; anything else stays I/O.
     */
    private static RuntimeException unchecked(final IOException ex)
    {
        if (ex instanceof SharedFileException file && file.parameter() != null &&
            (file.reason() == SharedFileException.Reason.WRONG_KIND ||
                file.reason() == SharedFileException.Reason.PARAMETERS_DIFFER))
        {
            return SharedObjectMismatchException.of(file);
        }
        return new UncheckedIOException(ex.getMessage(), ex);
    }

    /**
     * Closes {@code resource} when this context closes (before the directory is removed).
     */
    private synchronized <T extends AutoCloseable> T track(final T resource)
    {
        if (closed)
        {
            closeQuietly(resource);
            throw new IllegalStateException(this + " is closed");
        }
        resources.add(resource);
        if (resources.size() % PRUNE_EVERY == 0)
        {
            // A long-lived context that opens and closes many objects must not hold them all.
            resources.removeIf(IpcContext::isClosedResource);
        }
        return resource;
    }

    /**
     * The context as its transport sees it.
     */
    private final class Files implements TransportContext
    {
        @Override
        public Path directory()
        {
            return directory.path();
        }

        @Override
        public Set<PosixFilePermission> filePermissions()
        {
            return directory.filePermissions();
        }

        @Override
        public SharedFile createOrOpenFile(final String name, final SharedFileSpec spec)
        {
            return IpcContext.this.createOrOpenFile(name, spec);
        }

        @Override
        public SharedFile openFile(final String name, final SharedFileSpec spec)
        {
            return IpcContext.this.openFile(name, spec);
        }

        @Override
        public <T extends AutoCloseable> T track(final T resource)
        {
            return IpcContext.this.track(resource);
        }

        @Override
        public boolean isClosed()
        {
            return IpcContext.this.isClosed();
        }

        @Override
        public String transport()
        {
            return transport;
        }

        @Override
        public NetworkOptions network()
        {
            return network;
        }

        @Override
        public String toString()
        {
            return IpcContext.this.toString();
        }
    }

    public synchronized boolean isClosed()
    {
        return closed;
    }

    /**
     * Closes every object this context opened, then removes the directory if this process created it.
     */
    @Override
    public void close()
    {
        final List<AutoCloseable> toClose;
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(resources);
            resources.clear();
        }
        for (int i = toClose.size() - 1; i >= 0; i--)
        {
            closeQuietly(toClose.get(i));
        }
        try
        {
            directory.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove " + directory.path() + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public String toString()
    {
        return "IpcContext(" + directory.path() + (directory.isOwner() ? ", owner)" : ")");
    }

    synchronized void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private static boolean isClosedResource(final AutoCloseable resource)
    {
        return resource instanceof SharedFile file ? file.isClosed() :
            resource instanceof SharedResource shared && shared.isClosed();
    }

    private static void closeQuietly(final AutoCloseable resource)
    {
        try
        {
            resource.close();
        }
        catch (final Exception ex)
        {
            // Closing must go on for the other resources; an unmap failure leaves only memory behind.
            System.err.println("mmipc: closing " + resource + " failed: " + ex);
        }
    }

    // ---- generated primitive family: what IpcContextValues' factories reach (issue 17 item 7) ----

    static SyncProvider values(final IpcContextValues ctx)
    {
        return ((IpcContext)ctx).sync();
    }

    static TransportContext transportOf(final IpcContextValues ctx)
    {
        return ((IpcContext)ctx).transportContext;
    }

    // ---- network contexts (ipc-aeron): the options a transport across hosts reads ----

    private volatile NetworkOptions network;

    IpcContext network(final NetworkOptions options)
    {
        network = options;
        return this;
    }

    /**
     * @return how this context reaches other hosts, or null for a context of one host.
     */
    public NetworkOptions network()
    {
        return network;
    }
}
