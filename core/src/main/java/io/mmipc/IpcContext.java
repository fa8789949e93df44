package io.mmipc;

import io.mmipc.codec.Codec;
import io.mmipc.dir.ContextDirectory;
import io.mmipc.file.Names;
import io.mmipc.file.SharedFile;
import io.mmipc.file.SharedFileSpec;
import io.mmipc.file.SharedFiles;
import io.mmipc.internal.AgronaAccess;
import io.mmipc.spi.MapProvider;
import io.mmipc.spi.Providers;
import io.mmipc.spi.SyncProvider;

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
 * {@link #open(Path)} joins one another process made. Objects are created-or-opened by name;
 * opening one with other parameters is an error that names the file and the difference.
 * Closing the context closes (unmaps) every object it opened and, in the process that created the
 * directory, removes the directory.
 */
public final class IpcContext implements AutoCloseable
{
    private static final Map<Path, IpcContext> JOINED = new ConcurrentHashMap<>();

    private final ContextDirectory directory;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private boolean closed;

    private IpcContext(final ContextDirectory directory)
    {
        this.directory = directory;
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

    public static Builder builder()
    {
        return new Builder();
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
     * @return true when this process created the directory and removes it on close.
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
        if (size <= 0)
        {
            throw new IllegalArgumentException("shared memory \"" + name + "\": size must be positive, got " + size);
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

    // ---- transports' access to files ----

    // ---- Shared values, arrays, locks and synchronisation (Value, Array, Lock, RLock, Semaphore, Event,
    // Condition, Barrier): implemented by mmipc-ipc-agrona through io.mmipc.spi.SyncProvider ----

    /**
     * Creates, or opens when it exists, a shared 32-bit integer: Python's {@code Value('i', initial)}.
     * The initial value applies only when this call creates it.
     */
    public SharedInt intValue(final String name, final int initial)
    {
        return sync().intValue(this, name, initial);
    }

    /**
     * Creates, or opens when it exists, a shared 64-bit integer: Python's {@code Value('q', initial)}.
     */
    public SharedLong longValue(final String name, final long initial)
    {
        return sync().longValue(this, name, initial);
    }

    /**
     * Creates, or opens when it exists, a shared double: Python's {@code Value('d', initial)}.
     */
    public SharedDouble doubleValue(final String name, final double initial)
    {
        return sync().doubleValue(this, name, initial);
    }

    /**
     * Creates, or opens when it exists, a shared flag.
     */
    public SharedBoolean booleanValue(final String name, final boolean initial)
    {
        return sync().booleanValue(this, name, initial);
    }

    /**
     * Creates (zeroed), or opens when it exists, a shared array of {@code length} ints: Python's
     * {@code Array('i', length)}. Opening one of another length is an error.
     */
    public SharedIntArray intArray(final String name, final int length)
    {
        return sync().intArray(this, name, length, null);
    }

    /**
     * Creates a shared array holding {@code initial} (Python's {@code Array('i', [1, 2, 3])}), or
     * opens it, unchanged, when it exists with the same length.
     */
    public SharedIntArray intArray(final String name, final int[] initial)
    {
        return sync().intArray(this, name, initial.length, initial);
    }

    public SharedLongArray longArray(final String name, final int length)
    {
        return sync().longArray(this, name, length, null);
    }

    public SharedLongArray longArray(final String name, final long[] initial)
    {
        return sync().longArray(this, name, initial.length, initial);
    }

    public SharedDoubleArray doubleArray(final String name, final int length)
    {
        return sync().doubleArray(this, name, length, null);
    }

    public SharedDoubleArray doubleArray(final String name, final double[] initial)
    {
        return sync().doubleArray(this, name, initial.length, initial);
    }

    /**
     * Creates, or opens when it exists, a robust lock: Python's {@code Lock()}.
     */
    public SharedLock lock(final String name)
    {
        return sync().lock(this, name);
    }

    /**
     * Creates, or opens when it exists, a robust reentrant lock: Python's {@code RLock()}.
     */
    public SharedRLock rlock(final String name)
    {
        return sync().rlock(this, name);
    }

    /**
     * Creates, or opens when it exists with the same permits, a semaphore: Python's {@code Semaphore(permits)}.
     */
    public SharedSemaphore semaphore(final String name, final int permits)
    {
        return sync().semaphore(this, name, permits, false);
    }

    /**
     * A semaphore that refuses to be released beyond {@code permits}: Python's {@code BoundedSemaphore}.
     */
    public SharedSemaphore boundedSemaphore(final String name, final int permits)
    {
        return sync().semaphore(this, name, permits, true);
    }

    /**
     * Creates, or opens when it exists, an event: Python's {@code Event()}.
     */
    public SharedEvent event(final String name)
    {
        return sync().event(this, name);
    }

    /**
     * Creates, or opens when it exists, a condition bound to {@code lock}: Python's
     * {@code Condition(lock)}. Every process must bind it to the same lock.
     */
    public SharedCondition condition(final String name, final SharedLock lock)
    {
        return sync().condition(this, name, lock);
    }

    /**
     * Creates, or opens when it exists with the same parties, a cyclic barrier: Python's {@code Barrier(parties)}.
     */
    public SharedBarrier barrier(final String name, final int parties)
    {
        return sync().barrier(this, name, parties);
    }

    /**
     * For transports: the permissions this context gives the files it creates.
     */
    public Set<PosixFilePermission> filePermissions()
    {
        return directory.filePermissions();
    }

    private static SyncProvider sync()
    {
        return Providers.get(SyncProvider.class, "mmipc-ipc-agrona");
    }

    // ---- end of shared values, arrays, locks and synchronisation ----

    // ---- Shared dict (Python's Manager().dict()): implemented by mmipc-ipc-agrona through
    // io.mmipc.spi.MapProvider ----

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
        return Providers.get(MapProvider.class, "mmipc-ipc-agrona").dict(this, name,
            Objects.requireNonNull(keys, "keys"), Objects.requireNonNull(values, "values"),
            Objects.requireNonNull(options, "options"));
    }

    // ---- end of shared dict ----

    /**
     * For transports: creates or opens the file {@code name} of this context and closes it with the context.
     */
    public SharedFile createOrOpenFile(final String name, final SharedFileSpec spec)
    {
        checkOpen();
        try
        {
            return track(SharedFiles.createOrOpen(directory.path(), name, spec, directory.filePermissions()));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex.getMessage(), ex);
        }
    }

    /**
     * For transports: opens the existing file {@code name} of this context and closes it with the context.
     */
    public SharedFile openFile(final String name, final SharedFileSpec spec)
    {
        checkOpen();
        try
        {
            return track(SharedFiles.open(directory.path().resolve(
                Names.validate(spec.kind().name().toLowerCase() + " name", name)), spec));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex.getMessage(), ex);
        }
    }

    /**
     * Closes {@code resource} when this context closes (before the directory is removed).
     */
    public synchronized <T extends AutoCloseable> T track(final T resource)
    {
        if (closed)
        {
            closeQuietly(resource);
            throw new IllegalStateException(this + " is closed");
        }
        resources.add(resource);
        return resource;
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

    private synchronized void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException(this + " is closed");
        }
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

    /**
     * Where a context lives and who may use it.
     */
    public static final class Builder
    {
        private Path root;
        private String name;
        private Path join;
        private boolean persistent;
        private Set<PosixFilePermission> filePermissions = SharedFiles.OWNER_ONLY;

        private Builder()
        {
        }

        /**
         * @param value where context directories are made (default: {@link ContextDirectory#defaultRoot()}).
         */
        public Builder root(final Path value)
        {
            root = Objects.requireNonNull(value, "root");
            return this;
        }

        /**
         * Creates-or-opens a context of this name under the root, so unrelated processes can meet by name.
         */
        public Builder name(final String value)
        {
            name = value;
            return this;
        }

        /**
         * Joins an existing directory instead of making one.
         */
        public Builder join(final Path dir)
        {
            join = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * @param value true for a named context that is neither swept nor removed when its creator ends.
         */
        public Builder persistent(final boolean value)
        {
            persistent = value;
            return this;
        }

        /**
         * @param value permissions of new files (default owner read/write, {@code 0600}); directories
         *              get the matching execute bits.
         */
        public Builder filePermissions(final Set<PosixFilePermission> value)
        {
            filePermissions = Set.copyOf(value);
            return this;
        }

        public IpcContext build()
        {
            AgronaAccess.check();
            try
            {
                final ContextDirectory dir;
                if (join != null)
                {
                    dir = ContextDirectory.open(join.toAbsolutePath(), filePermissions);
                }
                else
                {
                    final Path base = root != null ? root : ContextDirectory.defaultRoot();
                    dir = name != null ?
                        ContextDirectory.createOrOpen(base, name, persistent, filePermissions) :
                        ContextDirectory.createPrivate(base, filePermissions);
                }
                return new IpcContext(dir);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex.getMessage(), ex);
            }
        }
    }
}
