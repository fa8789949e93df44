package io.mmipc.internal.counters;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.mmipc.internal.counters.CountersDescriptor.RECORD_LENGTH;
import static io.mmipc.internal.counters.CountersDescriptor.VALUES_OFFSET;

/**
 * One object's counters in its process's counters file: a record of a {@link CounterSet}, taken
 * when the object opens ({@link ProcessCounters#open}) and given back when it closes. Adding
 * allocates nothing and writes only this process's record: {@link #addRelease} is a plain load
 * and a release store, for a side that one thread drives at a time (a one-to-one sender, a
 * receiver under its turn, a lock's holder); {@link #getAndAdd} is an atomic add on the same
 * private line, for a side several threads of the process drive at once.
 * <p>
 * With {@code -Dmmipc.counters=false} (read once) nothing is counted: {@link #ENABLED} is a
 * constant the JIT folds, so the adds vanish.
 * <p>
 * The record's memory stays mapped as long as this handle is reachable, so a late add after
 * {@link #release()} (another thread still in a call) writes mapped memory: at worst it lands
 * in the counts of the next object of the same name, which is the same object's count.
 */
public final class Counters
{
    /** False with {@code -Dmmipc.counters=false}: nothing is counted or allocated. */
    public static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("mmipc.counters", "true"));

    private final ProcessCounters owner;
    private final AtomicBuffer buffer;
    private final int recordOffset;
    private final int valuesOffset;
    private final CounterSet set;
    private final String name;

    Counters(final ProcessCounters owner, final AtomicBuffer buffer, final int recordOffset, final CounterSet set,
        final String name)
    {
        this.owner = owner;
        this.buffer = buffer;
        this.recordOffset = recordOffset;
        this.valuesOffset = recordOffset + VALUES_OFFSET;
        this.set = set;
        this.name = name;
    }

    /**
     * @return counters that count into private memory nobody reads: for objects that are not
     *         counted (counting off, a full counters file, a directory it cannot be made in).
     */
    public static Counters uncounted(final CounterSet set, final String name)
    {
        return new Counters(null, new UnsafeBuffer(new byte[RECORD_LENGTH]), 0, set, name);
    }

    /**
     * Adds {@code delta} to counter {@code counter} (a {@link CounterSet} index) when only one
     * thread at a time drives its side: a plain load and a release store.
     */
    public void addRelease(final int counter, final long delta)
    {
        if (ENABLED)
        {
            final int offset = valuesOffset + (counter << 3);
            buffer.putLongRelease(offset, buffer.getLong(offset) + delta);
        }
    }

    /**
     * Adds {@code delta} atomically, for a side that threads of this process drive at once.
     */
    public void getAndAdd(final int counter, final long delta)
    {
        if (ENABLED)
        {
            buffer.getAndAddLong(valuesOffset + (counter << 3), delta);
        }
    }

    /**
     * @return the value this process has counted so far (volatile read).
     */
    public long get(final int counter)
    {
        return buffer.getLongVolatile(valuesOffset + (counter << 3));
    }

    public CounterSet set()
    {
        return set;
    }

    public String name()
    {
        return name;
    }

    /**
     * @return true when the counts land in a counters file that others read.
     */
    public boolean isCounted()
    {
        return owner != null;
    }

    int recordOffset()
    {
        return recordOffset;
    }

    /**
     * Gives the record back for the next object of this set and name in this process. Idempotent
     * per handle only in the sense that the object calls it once, on close.
     */
    public void release()
    {
        if (owner != null)
        {
            owner.release(this);
        }
    }

    @Override
    public String toString()
    {
        return set + " counters of '" + name + "'" + (owner != null ? " at record offset " + recordOffset : " (uncounted)");
    }
}
