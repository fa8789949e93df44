package io.mmipc.chronicle;

import io.mmipc.internal.file.SharedFiles;
import io.mmipc.internal.owner.OwnerWord;
import io.mmipc.internal.owner.OwnerWordDescriptor;
import io.mmipc.internal.owner.ParticipantRegistry;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.queue.impl.TableStore;
import net.openhft.chronicle.queue.impl.single.SCQMeta;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongUnaryOperator;

import static io.mmipc.internal.owner.OwnerWordDescriptor.FREE;

/**
 * Who reads a log, kept in the log's Chronicle metadata file ({@code metadata.cq4t}, a mapped
 * table of named 64-bit words that every process maps), so retention in any process knows which
 * files are still needed and named tailers find their position after a restart.
 * <pre>
 *   key                              value
 *   mmipc.reader.&lt;i&gt;.holder         owner word of live-reader slot i ({@link OwnerWordDescriptor}), 0 when free
 *   mmipc.reader.&lt;i&gt;.cycle          lowest cycle that reader still needs (0: everything)
 *   mmipc.tailer.&lt;name&gt;.acked       index of the named tailer's last acknowledged message,
 *                                    -1 when none, {@link #REMOVED} once removed
 *   mmipc.tailer.&lt;name&gt;.holder      owner word of the process holding the named tailer, 0 when free
 *   mmipc.param.&lt;name&gt;              parameters recorded at creation (roll cycle, max message length)
 *   mmipc.truncated.&lt;file&gt;          when a process found that queue file truncated under its mapping
 *                                    (epoch ms), 0 once the file was moved away
 * </pre>
 * Slots and names are held through mmipc's one ownership algorithm ({@link OwnerWord}) over these
 * words ({@link LongValueCell}): a holder is named by its token in the {@link ParticipantRegistry}
 * leased in the log's own directory, so the log knows processes the way every other shared object
 * does (pid and start time, a zombie is dead) and a dead holder's slot or name is taken over.
 * Earlier versions wrote their own identity encoding under {@code .owner} keys; the {@code .holder}
 * keys make sure such a word is never read as an owner word. Words are written with volatile
 * stores or compare-and-swap: once a store returns it is in the shared page cache, so it survives
 * a kill of the writer.
 */
final class TailerRegistry implements AutoCloseable
{
    static final int MAX_READERS = 64;
    static final long NONE = -1;
    static final long REMOVED = Long.MIN_VALUE;
    static final String PARAM_PREFIX = "mmipc.param.";
    static final String TRUNCATED_PREFIX = "mmipc.truncated.";
    private static final String READER_PREFIX = "mmipc.reader.";
    private static final String TAILER_PREFIX = "mmipc.tailer.";
    private static final String ACKED = ".acked";
    private static final String HOLDER = ".holder";
    /** Local ids of this JVM's tailers: each tailer holds its slot and name under its own owner id. */
    private static final AtomicInteger TAILERS = new AtomicInteger();

    private final TableStore<SCQMeta> store;
    private final Path directory;
    private final ParticipantRegistry participants;
    private final Map<String, LongValue> values = new ConcurrentHashMap<>();
    private final Map<String, OwnerWord> words = new ConcurrentHashMap<>();

    /**
     * Leases this JVM's entry in the participant registry of {@code directory}; {@link #close()} gives it back.
     */
    TailerRegistry(final TableStore<SCQMeta> store, final Path directory)
    {
        this.store = store;
        this.directory = directory;
        this.participants = ParticipantRegistry.lease(directory, SharedFiles.OWNER_ONLY);
    }

    /**
     * @return a fresh owner id for one tailer of this JVM.
     */
    long newHolder()
    {
        return OwnerWordDescriptor.ownerId(participants.token(), TAILERS.incrementAndGet());
    }

    /**
     * A cached handle on one word; created with {@code initial} when the key is new.
     */
    LongValue value(final String key, final long initial)
    {
        return values.computeIfAbsent(key, k -> store.acquireValueFor(k, initial));
    }

    private OwnerWord word(final String key)
    {
        return words.computeIfAbsent(key, k ->
        {
            final LongValue value = value(k, FREE);
            return new OwnerWord(new LongValueCell(value), participants, store.file().toPath(),
                LongValueCell.offsetOf(value), "\"" + k + "\" of log " + directory);
        });
    }

    /**
     * Claims a free (or dead holder's) live-reader slot for {@code holder} and marks it as needing everything.
     *
     * @return the slot number.
     * @throws IllegalStateException when all {@link #MAX_READERS} slots are held by live processes.
     */
    int claimReaderSlot(final long holder)
    {
        for (int i = 0; i < MAX_READERS; i++)
        {
            final int claimed = word(READER_PREFIX + i + HOLDER).acquire(holder, 0);
            if (claimed == OwnerWord.ACQUIRED || claimed == OwnerWord.TAKEN_OVER)
            {
                readerCycle(i).setVolatileValue(0);
                return i;
            }
        }
        throw new IllegalStateException("log " + directory + " has " + MAX_READERS +
            " tailers open in live processes already; close some");
    }

    LongValue readerCycle(final int slot)
    {
        return value(READER_PREFIX + slot + ".cycle", 0);
    }

    void releaseReaderSlot(final int slot, final long holder)
    {
        readerCycle(slot).setVolatileValue(0);
        word(READER_PREFIX + slot + HOLDER).release(holder);
    }

    LongValue acked(final String name)
    {
        return value(TAILER_PREFIX + name + ACKED, NONE);
    }

    /**
     * Takes the named tailer for {@code holder} (from a dead holder, too).
     *
     * @throws IllegalStateException when a live tailer holds it, in this process or another.
     */
    void claimName(final String name, final long holder)
    {
        final OwnerWord word = word(TAILER_PREFIX + name + HOLDER);
        while (true)
        {
            final int claimed = word.acquire(holder, 0);
            if (claimed == OwnerWord.ACQUIRED || claimed == OwnerWord.TAKEN_OVER)
            {
                return;
            }
            final long current = word.getVolatile();
            word.checkWellFormed(current);
            if (word.isAlive(current))
            {
                throw new IllegalStateException("named tailer \"" + name + "\" of log " + directory +
                    " is held by " + (word.isThisProcess(current) ? "this process" : "live " + word.describe(current)) +
                    "; one process at a time reads under a name");
            }
            // Freed, or taken over by another process, between the look and the claim: look again.
        }
    }

    void releaseName(final String name, final long holder)
    {
        word(TAILER_PREFIX + name + HOLDER).release(holder);
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
        final long holder = newHolder();
        claimName(name, holder);
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
            releaseName(name, holder);
        }
    }

    /**
     * The lowest cycle any tailer still needs: live readers' current cycles, and the cycles of
     * named tailers' acknowledged messages (0 for one that acknowledged nothing yet).
     *
     * @param cycleOfIndex turns a message index into its cycle.
     * @return the lowest cycle needed, or {@link Integer#MAX_VALUE} when no tailer needs any.
     */
    long lowestCycleNeeded(final LongUnaryOperator cycleOfIndex)
    {
        long lowest = Integer.MAX_VALUE;
        for (final String key : keys())
        {
            if (key.startsWith(READER_PREFIX) && key.endsWith(HOLDER))
            {
                final OwnerWord word = word(key);
                final long holder = word.getVolatile();
                word.checkWellFormed(holder);
                if (word.isAlive(holder))
                {
                    final String slot = key.substring(0, key.length() - HOLDER.length());
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
        final Map<String, Long> files = new TreeMap<>();
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

    /**
     * Gives back this JVM's lease on the participant registry: a word still held after this looks,
     * to the others, like the word of a dead process.
     */
    @Override
    public void close()
    {
        participants.release();
    }
}
