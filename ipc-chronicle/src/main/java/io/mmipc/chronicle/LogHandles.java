package io.mmipc.chronicle;

import io.mmipc.DurableLogConfig;
import io.mmipc.LogRetention;
import io.mmipc.LogRollCycle;
import io.mmipc.internal.spi.Handle;

import java.nio.file.Paths;

/**
 * A durable log as the one {@link Handle} model of mmipc:
 * <pre>
 *   transport  "chronicle"
 *   directory  the log's own directory (a log lives in no context directory)
 *   name       "metadata.cq4t", the file that makes the directory a log
 *   kind       "durable-log"
 *   param      bits 0..31 max message length, 32..39 roll cycle ({@link LogRollCycle} ordinal;
 *              new cycles go at the end), bit 40 sync every append, the rest 0
 *   codec      null
 *   related    the {@link LogRetention}
 * </pre>
 * The idle strategy and clock are not carried: the receiving JVM uses the defaults. Everything a
 * handle says is checked when it is read, since its bytes may be crafted; the log itself is
 * opened, and its parameters checked against the ones recorded in it, on first use ({@link JoinedLog}).
 */
final class LogHandles
{
    static final String TRANSPORT = "chronicle";
    static final String KIND = "durable-log";
    private static final long LENGTH_MASK = 0xFFFF_FFFFL;
    private static final int CYCLE_SHIFT = 32;
    private static final long CYCLE_MASK = 0xFFL;
    private static final long SYNC = 1L << 40;
    private static final long KNOWN_BITS = LENGTH_MASK | (CYCLE_MASK << CYCLE_SHIFT) | SYNC;

    private LogHandles()
    {
    }

    static Handle handle(final DurableLogConfig config)
    {
        final long param = config.maxMessageLength() | ((long)config.rollCycle().ordinal() << CYCLE_SHIFT) |
            (config.syncEveryAppend() ? SYNC : 0);
        return new Handle(TRANSPORT, config.directory().toString(), QueueDirectory.METADATA_FILE, KIND, param, null,
            config.retention());
    }

    /**
     * @return the configuration {@code handle} describes.
     * @throws IllegalArgumentException naming the handle and the field when it is not one {@link #handle} makes.
     */
    static DurableLogConfig config(final Handle handle)
    {
        if (!KIND.equals(handle.kind()) || !TRANSPORT.equals(handle.transport()) ||
            !QueueDirectory.METADATA_FILE.equals(handle.name()) || handle.codec() != null)
        {
            throw new IllegalArgumentException(handle + " is not a durable log handle: kind " + handle.kind() +
                ", transport " + handle.transport() + ", name " + handle.name());
        }
        final long param = handle.param();
        final int cycle = (int)((param >>> CYCLE_SHIFT) & CYCLE_MASK);
        if ((param & ~KNOWN_BITS) != 0 || cycle >= LogRollCycle.values().length)
        {
            throw new IllegalArgumentException(handle + " has the parameter word 0x" + Long.toHexString(param) +
                ", which no durable log handle holds");
        }
        if (!(handle.related() instanceof LogRetention retention))
        {
            throw new IllegalArgumentException(handle + " carries " + handle.related() + " where its retention rule goes");
        }
        return DurableLogConfig.builder(Paths.get(handle.directory()))
            .maxMessageLength((int)(param & LENGTH_MASK))
            .rollCycle(LogRollCycle.values()[cycle])
            .syncEveryAppend((param & SYNC) != 0)
            .retention(checked(retention))
            .build();
    }

    /**
     * @return the same rule, made through the factory that checks it (read bytes can hold any field values).
     */
    private static LogRetention checked(final LogRetention retention)
    {
        if (retention.keepsAll())
        {
            return LogRetention.keepAll();
        }
        if (retention.rolledFiles() >= 0)
        {
            return LogRetention.keepRolledFiles(retention.rolledFiles());
        }
        if (retention.age() == null)
        {
            throw new IllegalArgumentException("retention rule " + retention + " keeps neither a count nor an age");
        }
        return LogRetention.keepFor(retention.age());
    }
}
