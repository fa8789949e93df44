package io.mmipc.chronicle;

import io.mmipc.internal.wait.WakeFile;
import io.mmipc.DurableLog;
import io.mmipc.DurableLogConfig;
import io.mmipc.DurableLogException;
import io.mmipc.DurableLogException.Reason;
import io.mmipc.LogAppender;
import io.mmipc.LogRollCycle;
import io.mmipc.LogTailer;
import io.mmipc.internal.file.Names;
import io.mmipc.internal.wait.Waiter;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.io.File;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link DurableLog} stored as one Chronicle {@link SingleChronicleQueue}. Messages are
 * Chronicle documents laid out by {@link LogMessageDescriptor}; tailer positions and liveness
 * live in the queue's metadata file ({@link TailerRegistry}); blocked reads sleep on the wake word
 * of {@link LogWake}, which appends signal. Serialized, it is a {@link LogHandles handle}.
 */
final class ChronicleDurableLog implements DurableLog, Serializable
{
    private static final long serialVersionUID = 1L;
    private static final long MIN_BLOCK_SIZE = 64L << 20;

    private final transient DurableLogConfig config;
    private final transient SingleChronicleQueue queue;
    private final transient AppendClock clock;
    private final transient TailerRegistry registry;
    private final transient WakeFile wake;
    private final transient Retention retention;
    private final transient ThreadLocal<Waiter> waiters;
    private final transient Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private final transient LogFilePermissions permissions;
    private transient volatile boolean closed;

    private ChronicleDurableLog(final DurableLogConfig config, final SingleChronicleQueue queue, final AppendClock clock,
        final TailerRegistry registry, final WakeFile wake, final LogFilePermissions permissions)
    {
        this.config = config;
        this.permissions = permissions;
        this.queue = queue;
        this.clock = clock;
        this.registry = registry;
        this.wake = wake;
        this.retention = new Retention(this);
        this.waiters = Waiter.perThread(config.idle());
    }

    /**
     * Opens the log a handle names: it must still be there ({@link #open} would make a new one).
     */
    static ChronicleDurableLog openExisting(final DurableLogConfig config)
    {
        final Path dir = config.directory();
        if (!Files.isRegularFile(dir.resolve(QueueDirectory.METADATA_FILE), LinkOption.NOFOLLOW_LINKS))
        {
            throw new DurableLogException(dir, Reason.NOT_A_LOG, "no durable log here (no " +
                QueueDirectory.METADATA_FILE + "): the log a handle names was moved or deleted", null);
        }
        return open(config);
    }

    static ChronicleDurableLog open(final DurableLogConfig config)
    {
        final Path dir = config.directory();
        ChronicleAccess.check(); // before anything exists: a refused open leaves nothing behind
        QueueDirectory.prepare(dir, config.filePermissions());
        final SingleChronicleQueue queue;
        final AppendClock clock;
        final LogFilePermissions permissions = new LogFilePermissions(dir, config.filePermissions());
        try
        {
            final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(chronicleRollCycle(config.rollCycle()))
                .blockSize(blockSize(config.maxMessageLength()));
            clock = new AppendClock(config.clock().equals(Clock.systemUTC()) ? null : config.clock());
            builder.timeProvider(clock);
            queue = builder.build();
        }
        catch (final RuntimeException | InternalError ex)
        {
            throw new DurableLogException(dir, Reason.CORRUPT, "Chronicle Queue cannot open it: " + ex, ex);
        }
        final ChronicleDurableLog log;
        TailerRegistry registry = null;
        try
        {
            registry = new TailerRegistry(queue.metaStore(), dir);
            log = new ChronicleDurableLog(config, queue, clock, registry, LogWake.open(dir, config.filePermissions()),
                permissions);
        }
        catch (final RuntimeException ex)
        {
            if (registry != null)
            {
                registry.close();
            }
            queue.close();
            throw ex;
        }
        try
        {
            permissions.restrictAll();
            log.checkNotTruncated();
            log.checkParameter("rollCycleMillis", config.rollCycle().length().toMillis(), config.rollCycle().toString());
            log.checkParameter("maxMessageLength", config.maxMessageLength(), Integer.toString(config.maxMessageLength()));
            if (queue.overlapSize() < LogMessageDescriptor.HEADER_LENGTH + 64L + config.maxMessageLength())
            {
                throw new IllegalStateException("Chronicle mapped " + queue.overlapSize() +
                    " contiguous bytes, too few for messages of " + config.maxMessageLength());
            }
        }
        catch (final RuntimeException ex)
        {
            log.wake.close();
            log.registry.close();
            queue.close();
            throw ex;
        }
        return log;
    }

    static RollCycle chronicleRollCycle(final LogRollCycle cycle)
    {
        switch (cycle)
        {
            case FIVE_MINUTELY:
                return RollCycles.FIVE_MINUTELY;
            case HOURLY:
                return RollCycles.FAST_HOURLY;
            case DAILY:
                return RollCycles.FAST_DAILY;
            case WEEKLY:
                return RollCycles.WEEKLY;
            default:
                throw new IllegalArgumentException("roll cycle " + cycle);
        }
    }

    /**
     * Chronicle maps its files in blocks that overlap by a quarter block, and a message must fit
     * in the overlap; so blocks are at least four times the longest message.
     */
    static long blockSize(final int maxMessageLength)
    {
        final long needed = Long.highestOneBit(maxMessageLength + LogMessageDescriptor.HEADER_LENGTH + 4095L) << 3;
        return Math.max(MIN_BLOCK_SIZE, needed);
    }

    private void checkNotTruncated()
    {
        registry.truncatedFiles().forEach((name, when) ->
        {
            final Path file = config.directory().resolve(name);
            if (java.nio.file.Files.exists(file))
            {
                throw new DurableLogException(file, Reason.TRUNCATED, "this queue file was truncated under a live " +
                    "mapping (found at " + java.time.Instant.ofEpochMilli(when) + ") and messages in it are lost; " +
                    "move it away to open the rest of the log", null);
            }
            registry.clearTruncated(name);
        });
    }

    private void checkParameter(final String name, final long value, final String shown)
    {
        final LongValue stored = registry.value(TailerRegistry.PARAM_PREFIX + name, value);
        final long actual = stored.getVolatileValue();
        if (actual != value)
        {
            throw new DurableLogException(config.directory(), Reason.PARAMETERS_DIFFER, "the log was created with " +
                name + " " + actual + ", asked for " + shown, null);
        }
    }

    SingleChronicleQueue queue()
    {
        checkOpen();
        return queue;
    }

    AppendClock clock()
    {
        return clock;
    }

    TailerRegistry registry()
    {
        return registry;
    }

    WakeFile wake()
    {
        return wake;
    }

    Retention retention()
    {
        return retention;
    }

    LogFilePermissions permissions()
    {
        return permissions;
    }

    /**
     * @return the calling thread's waiter, for blocking reads.
     */
    Waiter waiter()
    {
        return waiters.get();
    }

    void forget(final AutoCloseable resource)
    {
        open.remove(resource);
    }

    @Override
    public Path directory()
    {
        return config.directory();
    }

    @Override
    public DurableLogConfig config()
    {
        return config;
    }

    @Override
    public LogAppender appender()
    {
        checkOpen();
        final ChronicleLogAppender appender = new ChronicleLogAppender(this);
        open.add(appender);
        return appender;
    }

    @Override
    public LogTailer tailer()
    {
        checkOpen();
        final ChronicleLogTailer tailer = new ChronicleLogTailer(this, null);
        open.add(tailer);
        return tailer;
    }

    @Override
    public LogTailer tailer(final String name)
    {
        checkOpen();
        final ChronicleLogTailer tailer = new ChronicleLogTailer(this, validName(name));
        open.add(tailer);
        return tailer;
    }

    @Override
    public boolean removeTailer(final String name)
    {
        checkOpen();
        return registry.removeName(validName(name));
    }

    /**
     * Tailer names follow the one rule of every mmipc name ({@link Names}: up to 200 characters).
     */
    static String validName(final String name)
    {
        return Names.validate("tailer name", name);
    }

    @Override
    public long firstIndex()
    {
        final long index = queue().firstIndex();
        return index == Long.MAX_VALUE ? -1 : index;
    }

    @Override
    public long lastIndex()
    {
        return queue().lastIndex();
    }

    @Override
    public int applyRetention()
    {
        checkOpen();
        return retention.apply();
    }

    @Override
    public boolean isClosed()
    {
        return closed;
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        final List<AutoCloseable> toClose = new ArrayList<>(open);
        for (final AutoCloseable resource : toClose)
        {
            try
            {
                resource.close();
            }
            catch (final Exception ex)
            {
                // the others and the queue must still close; the files stay consistent either way
                System.err.println("mmipc: closing " + resource + " failed: " + ex);
            }
        }
        try
        {
            wake.close();
            registry.close();
        }
        finally
        {
            queue.close();
        }
    }

    File file()
    {
        return queue.file();
    }

    void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException(this + " is closed");
        }
    }

    @Override
    public String toString()
    {
        return "DurableLog(" + config.directory() + ")";
    }

    private Object writeReplace()
    {
        return LogHandles.handle(config);
    }
}
