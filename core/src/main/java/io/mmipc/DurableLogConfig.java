package io.mmipc;

import io.mmipc.internal.file.Names;
import org.agrona.concurrent.IdleStrategy;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where a {@link DurableLog} lives and how it behaves.
 * <pre>{@code
 * DurableLog log = DurableLog.open(DurableLogConfig.builder(Path.of("/var/lib/orders"))
 *     .rollCycle(LogRollCycle.HOURLY)
 *     .retention(LogRetention.keepRolledFiles(48))
 *     .build());
 * }</pre>
 * The roll cycle and the maximum message length are recorded in the log's directory when it is
 * created; opening it with other values is a {@link DurableLogException}.
 */
public final class DurableLogConfig
{
    /** System property: where named logs go ({@link #builder(String)}). */
    public static final String ROOT_PROPERTY = "mmipc.log.root";
    /** The default maximum message length: 1 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 1 << 20;
    /** The largest maximum message length: 64 MiB (the log's files grow in blocks four times that). */
    public static final int MAX_MESSAGE_LENGTH_LIMIT = 64 << 20;

    private final Path directory;
    private final LogRollCycle rollCycle;
    private final int maxMessageLength;
    private final LogRetention retention;
    private final boolean syncEveryAppend;
    private final Supplier<IdleStrategy> idle;
    private final Clock clock;
    private final Set<PosixFilePermission> filePermissions;

    private DurableLogConfig(final Builder builder)
    {
        directory = builder.directory;
        rollCycle = builder.rollCycle;
        maxMessageLength = builder.maxMessageLength;
        retention = builder.retention;
        syncEveryAppend = builder.syncEveryAppend;
        idle = builder.idle;
        clock = builder.clock;
        filePermissions = builder.filePermissions;
    }

    /**
     * @param directory the log's own directory (created when absent): on disk, since the log must
     *                  outlive a reboot; never under {@code /dev/shm}.
     */
    public static Builder builder(final Path directory)
    {
        return new Builder(directory.toAbsolutePath().normalize());
    }

    /**
     * @return a builder for the log {@code name} under {@link #defaultRoot()}.
     */
    public static Builder builder(final String name)
    {
        return builder(defaultRoot().resolve(Names.validate("log name", name)));
    }

    /**
     * Where named logs live: {@code -Dmmipc.log.root}, else {@code $XDG_DATA_HOME/mmipc/logs}, else
     * {@code ~/.local/share/mmipc/logs} (the XDG default), all on disk.
     */
    public static Path defaultRoot()
    {
        final String configured = System.getProperty(ROOT_PROPERTY);
        if (configured != null && !configured.isBlank())
        {
            return Paths.get(configured).toAbsolutePath();
        }
        final String xdg = System.getenv("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Paths.get(xdg).isAbsolute())
        {
            return Paths.get(xdg, "mmipc", "logs");
        }
        return Paths.get(System.getProperty("user.home"), ".local", "share", "mmipc", "logs");
    }

    public Path directory()
    {
        return directory;
    }

    public LogRollCycle rollCycle()
    {
        return rollCycle;
    }

    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    public LogRetention retention()
    {
        return retention;
    }

    public boolean syncEveryAppend()
    {
        return syncEveryAppend;
    }

    /**
     * @return a factory of the idle strategy blocking reads wait with.
     */
    public Supplier<IdleStrategy> idle()
    {
        return idle;
    }

    /**
     * @return the clock that decides the roll cycle and stamps messages (the system UTC clock).
     */
    public Clock clock()
    {
        return clock;
    }

    /**
     * @return the permissions of the log's files (owner read/write, {@code 0600}, unless asked).
     */
    public Set<PosixFilePermission> filePermissions()
    {
        return filePermissions;
    }

    @Override
    public String toString()
    {
        return "DurableLogConfig(" + directory + ", " + rollCycle + ", maxMessageLength " + maxMessageLength +
            ", " + retention + (syncEveryAppend ? ", syncEveryAppend)" : ")");
    }

    public static final class Builder
    {
        private final Path directory;
        private LogRollCycle rollCycle = LogRollCycle.DAILY;
        private int maxMessageLength = DEFAULT_MAX_MESSAGE_LENGTH;
        private LogRetention retention = LogRetention.keepAll();
        private boolean syncEveryAppend;
        private Supplier<IdleStrategy> idle = Idle.backoff();
        private Clock clock = Clock.systemUTC();
        private Set<PosixFilePermission> filePermissions = PosixFilePermissions.fromString("rw-------");

        private Builder(final Path directory)
        {
            this.directory = directory;
        }

        /**
         * @param value how often a new file starts (default {@link LogRollCycle#DAILY}).
         */
        public Builder rollCycle(final LogRollCycle value)
        {
            rollCycle = Objects.requireNonNull(value, "rollCycle");
            return this;
        }

        /**
         * @param value the longest message in bytes (default 1 MiB, at most 64 MiB); a longer one
         *              is refused at the appender.
         */
        public Builder maxMessageLength(final int value)
        {
            if (value < 1 || value > MAX_MESSAGE_LENGTH_LIMIT)
            {
                throw new IllegalArgumentException("maxMessageLength must be in [1, " + MAX_MESSAGE_LENGTH_LIMIT +
                    "], got " + value);
            }
            maxMessageLength = value;
            return this;
        }

        /**
         * @param value which rolled files to delete (default {@link LogRetention#keepAll()}).
         */
        public Builder retention(final LogRetention value)
        {
            retention = Objects.requireNonNull(value, "retention");
            return this;
        }

        /**
         * @param value true to {@code msync} after every append, so that a message whose append
         *              returned survives a power cut (costs a disk flush per message).
         */
        public Builder syncEveryAppend(final boolean value)
        {
            syncEveryAppend = value;
            return this;
        }

        /**
         * @param value the idle strategy factory for blocking reads (default {@link Idle#backoff()}).
         */
        public Builder idle(final Supplier<IdleStrategy> value)
        {
            idle = Objects.requireNonNull(value, "idle");
            return this;
        }

        /**
         * @param value the clock for roll cycles and message times (tests move it to roll files).
         */
        public Builder clock(final Clock value)
        {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @param value permissions of the log's files (default owner read/write, {@code 0600}); a
         *              directory the log creates gets the matching execute bits.
         */
        public Builder filePermissions(final Set<PosixFilePermission> value)
        {
            filePermissions = Set.copyOf(value);
            return this;
        }

        public DurableLogConfig build()
        {
            return new DurableLogConfig(this);
        }
    }
}
