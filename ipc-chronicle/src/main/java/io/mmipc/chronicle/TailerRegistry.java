package io.mmipc.chronicle;

import io.mmipc.internal.owner.ProcessIdentity;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.queue.impl.TableStore;
import net.openhft.chronicle.queue.impl.single.SCQMeta;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who reads a log, kept in the log's Chronicle metadata file ({@code metadata.cq4t}, a mapped
 * table of named 64-bit words that every process maps), so retention in any process knows which
 * files are still needed and named tailers find their position after a restart.
 * <pre>
 *   key                              value
 *   mmipc.reader.&lt;i&gt;.owner          identity of the process holding live-reader slot i, 0 when free
 *   mmipc.reader.&lt;i&gt;.cycle          lowest cycle that reader still needs (0: everything)
 *   mmipc.tailer.&lt;name&gt;.acked       index of the named tailer's last acknowledged message,
 *                                    -1 when none, {@link #REMOVED} once removed
 *   mmipc.tailer.&lt;name&gt;.owner       identity of the process holding the named tailer, 0 when free
 *   mmipc.param.&lt;name&gt;              parameters recorded at creation (roll cycle, max message length)
 *   mmipc.truncated.&lt;file&gt;          when a process found that queue file truncated under its mapping
 *                                    (epoch ms), 0 once the file was moved away
 * </pre>
 * An identity packs a pid (low 32 bits) with the low 31 bits of its start time in seconds (high
 * bits), so a reused pid is not mistaken for a dead holder. Slots and names are claimed with one
 * compare-and-swap; a holder found dead is replaced the same way. Words are written with volatile
 * stores: once a store returns it is in the shared page cache, so it survives a kill of the writer.
 */
final class TailerRegistry
{
    static final int MAX_READERS = 64;
    static final long NONE = -1;
    static final long REMOVED = Long.MIN_VALUE;
    static final String PARAM_PREFIX = "mmipc.param.";
    static final String TRUNCATED_PREFIX = "mmipc.truncated.";
    private static final String READER_PREFIX = "mmipc.reader.";
    private static final String TAILER_PREFIX = "mmipc.tailer.";
    private static final String ACKED = ".acked";
    private static final String OWNER = ".owner";
    private static final long SELF = pack(ProcessIdentity.current());

    private final TableStore<SCQMeta> store;
    private final Map<String, LongValue> values = new ConcurrentHashMap<>();

    TailerRegistry(final TableStore<SCQMeta> store)
    {
        this.store = store;
    }

    static long self()
    {
        return SELF;
    }

    static long pack(final ProcessIdentity identity)
    {
        final long startSeconds = (identity.startMillis() / 1000) & 0x7FFF_FFFFL;
        return (startSeconds << 32) | (identity.pid() & 0xFFFF_FFFFL);
    }

    static boolean isAlive(final long packed)
    {
        if (packed == 0)
        {
            return false;
        }
        if (packed == SELF)
        {
            return true;
        }
        final long pid = packed & 0xFFFF_FFFFL;
        final long startSeconds = packed >>> 32;
        return ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .map(handle -> handle.info().startInstant()
                .map(start -> ((start.toEpochMilli() / 1000) & 0x7FFF_FFFFL) == startSeconds)
                .orElse(true))
            .orElse(false);
    }

    static String describe(final long packed)
    {
        return "pid " + (packed & 0xFFFF_FFFFL);
    }

    /**
     * A cached handle on one word; created with {@code initial} when the key is new.
     */
    LongValue value(final String key, final long initial)
    {
        return values.computeIfAbsent(key, k -> store.acquireValueFor(k, initial));
    }

    /**
     * Claims a free (or dead holder's) live-reader slot and marks it as needing everything.
     *
     * @return the slot number.
     * @throws IllegalStateException when all {@link #MAX_READERS} slots are held by live processes.
     */
    int claimReaderSlot()
    {
        for (int i = 0; i < MAX_READERS; i++)
        {
            final LongValue owner = value(READER_PREFIX + i + OWNER, 0);
            final long holder = owner.getVolatileValue();
            if ((holder == 0 || (holder != SELF && !isAlive(holder))) && owner.compareAndSwapValue(holder, SELF))
            {
                readerCycle(i).setVolatileValue(0);
                return i;
            }
        }
        throw new IllegalStateException("log " + store.file().getParent() + " has " + MAX_READERS +
            " tailers open in live processes already; close some");
    }

    LongValue readerCycle(final int slot)
    {
        return value(READER_PREFIX + slot + ".cycle", 0);
    }

    void releaseReaderSlot(final int slot)
    {
        readerCycle(slot).setVolatileValue(0);
        value(READER_PREFIX + slot + OWNER, 0).compareAndSwapValue(SELF, 0);
    }

    LongValue acked(final String name)
    {
        return value(TAILER_PREFIX + name + ACKED, NONE);
    }

    /**
     * Takes the named tailer for this process (from a dead holder, too).
     *
     * @throws IllegalStateException when another live process holds it.
     */
    void claimName(final String name)
    {
        final LongValue owner = value(TAILER_PREFIX + name + OWNER, 0);
        while (true)
        {
            final long holder = owner.getVolatileValue();
            if (holder != 0 && isAlive(holder))
            {
                throw new IllegalStateException("named tailer \"" + name + "\" of log " + store.file().getParent() +
                    " is held by " + (holder == SELF ? "this process" : "live " + describe(holder)) +
                    "; one process at a time reads under a name");
            }
            if (owner.compareAndSwapValue(holder, SELF))
            {
                return;
            }
        }
    }

    void releaseName(final String name)
    {
        value(TAILER_PREFIX + name + OWNER, 0).compareAndSwapValue(SELF, 0);
    }

    /**
     * @return false when the name was never used or already removed.
     */
    boolean removeName(final String name)
    {
        if (!exists(TAILER_PREFIX + name + ACKED))
        {
            return false;
        }
        claimName(name);
        try
        {
            final LongValue acked = acked(name);
            if (acked.getVolatileValue() == REMOVED)
            {
                return false;
            }
            acked.setVolatileValue(REMOVED);
            return true;
        }
        finally
        {
            releaseName(name);
        }
    }

    /**
     * The lowest cycle any tailer still needs: live readers' current cycles, and the cycles of
     * named tailers' acknowledged messages (0 for one that acknowledged nothing yet).
     *
     * @param cycleOfIndex turns a message index into its cycle.
     * @return the lowest cycle needed, or {@link Integer#MAX_VALUE} when no tailer needs any.
     */
    long lowestCycleNeeded(final java.util.function.LongUnaryOperator cycleOfIndex)
    {
        long lowest = Integer.MAX_VALUE;
        for (final String key : keys())
        {
            if (key.startsWith(READER_PREFIX) && key.endsWith(OWNER))
            {
                final long holder = value(key, 0).getVolatileValue();
                if (holder != 0 && isAlive(holder))
                {
                    final String slot = key.substring(0, key.length() - OWNER.length());
                    lowest = Math.min(lowest, value(slot + ".cycle", 0).getVolatileValue());
                }
            }
            else if (key.startsWith(TAILER_PREFIX) && key.endsWith(ACKED))
            {
                final long acked = value(key, NONE).getVolatileValue();
                if (acked == NONE)
                {
                    lowest = 0;
                }
                else if (acked != REMOVED)
                {
                    lowest = Math.min(lowest, cycleOfIndex.applyAsLong(acked));
                }
            }
        }
        return lowest;
    }

    /**
     * Records that {@code fileName} was found truncated: opening the log is refused while it is there.
     */
    void markTruncated(final String fileName)
    {
        value(TRUNCATED_PREFIX + fileName, 0).setVolatileValue(System.currentTimeMillis());
    }

    /**
     * @return the files recorded as truncated (and not since moved away) with when that was found.
     */
    Map<String, Long> truncatedFiles()
    {
        final Map<String, Long> files = new java.util.TreeMap<>();
        for (final String key : keys())
        {
            if (key.startsWith(TRUNCATED_PREFIX))
            {
                final long when = value(key, 0).getVolatileValue();
                if (when != 0)
                {
                    files.put(key.substring(TRUNCATED_PREFIX.length()), when);
                }
            }
        }
        return files;
    }

    void clearTruncated(final String fileName)
    {
        value(TRUNCATED_PREFIX + fileName, 0).setVolatileValue(0);
    }

    private boolean exists(final String key)
    {
        return values.containsKey(key) || keys().contains(key);
    }

    private List<String> keys()
    {
        final List<String> keys = new ArrayList<>();
        store.forEachKey(keys, (list, key, in) -> list.add(key.toString()));
        return keys;
    }
}
