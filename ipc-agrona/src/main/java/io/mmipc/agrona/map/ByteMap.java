package io.mmipc.agrona.map;

import io.mmipc.SharedMapFullException;
import io.mmipc.agrona.sync.LockCore;
import io.mmipc.agrona.sync.Waiters;
import io.mmipc.internal.counters.Counters;
import io.mmipc.internal.file.SharedFile;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.util.List;
import java.util.function.Supplier;

/**
 * The map on bytes: every call checks lengths, hashes the key, runs between the file's
 * {@code enter()} and {@code exit()} (so a close never unmaps under it, and a stripe lock taken
 * is always released) and turns a fault in mapped memory into an exception naming the file.
 */
final class ByteMap
{
    static final int ABSENT = MapTable.ABSENT;
    /** What a {@link Decision} returns to leave the entry as it is. */
    static final int KEEP = -2;
    /** What a {@link Decision} returns to remove the entry. */
    static final int REMOVE = -1;

    /**
     * What a conditional update does with the current value; it runs under the key's stripe lock.
     */
    @FunctionalInterface
    interface Decision
    {
        /**
         * @param old       the current value's bytes.
         * @param oldLength its length, or {@link #ABSENT}.
         * @param into      where to write the new value.
         * @return the new value's length, {@link #KEEP} or {@link #REMOVE}.
         */
        int decide(DirectBuffer old, int oldLength, MutableDirectBuffer into);
    }

    final SharedFile file;
    final MapLayout layout;
    final MapTable table;
    final StripeLocks locks;
    private final MapWriter writer;
    private final String label;
    private final Counters counters;

    /**
     * @param locks   one per stripe, over the stripes' lock records.
     * @param waiters what the stripes' locks wait with.
     * @param counters the dict's counters (stripe repairs), given back on close.
     */
    ByteMap(final SharedFile file, final MapLayout layout, final LockCore[] locks, final Waiters waiters,
        final String label, final Counters counters)
    {
        this.counters = counters;
        this.file = file;
        this.layout = layout;
        this.label = label;
        this.table = new MapTable(file, layout, label);
        this.writer = new MapWriter(table);
        this.locks = new StripeLocks(locks, waiters, new MapRepair(table, counters));
    }

    /**
     * @param into where the value goes, or null to learn only whether the key is there.
     * @return the value's length (0 with a null {@code into}), or {@link #ABSENT}.
     */
    int read(final DirectBuffer key, final int keyOffset, final int keyLength, final MutableDirectBuffer into,
        final int intoOffset)
    {
        checkKeyLength(keyLength);
        final long hash = table.hash(key, keyOffset, keyLength);
        final int bucket = layout.bucketOf(hash);
        final int hash32 = (int)(hash >>> 32);
        file.enter();
        try
        {
            final int length = table.readOptimistic(bucket, hash32, key, keyOffset, keyLength, into, intoOffset);
            if (length != MapTable.GIVE_UP)
            {
                return length;
            }
            final int stripe = layout.stripeOfBucket(bucket);
            locks.lock(stripe);
            try
            {
                return table.readAt(stripe, bucket, hash32, key, keyOffset, keyLength, into, intoOffset, true);
            }
            finally
            {
                locks.unlock(stripe);
            }
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * @param old where the replaced value goes, or null.
     * @return the replaced value's length (0 with a null {@code old}), or {@link #ABSENT}.
     */
    int write(final DirectBuffer key, final int keyOffset, final int keyLength, final DirectBuffer value,
        final int valueOffset, final int valueLength, final MutableDirectBuffer old)
    {
        checkKeyLength(keyLength);
        checkValueLength(valueLength);
        final long hash = table.hash(key, keyOffset, keyLength);
        final int bucket = layout.bucketOf(hash);
        final int stripe = layout.stripeOfBucket(bucket);
        final int hash32 = (int)(hash >>> 32);
        file.enter();
        try
        {
            locks.lock(stripe);
            try
            {
                final int entry = table.find(stripe, bucket, hash32, key, keyOffset, keyLength, true);
                if (entry < 0)
                {
                    insert(stripe, bucket, hash32, key, keyOffset, keyLength, value, valueOffset, valueLength);
                    return ABSENT;
                }
                final int oldLength = old == null ? 0 : table.copyValue(entry, old, 0, true);
                replace(stripe, entry, value, valueOffset, valueLength);
                return oldLength;
            }
            finally
            {
                locks.unlock(stripe);
            }
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * @return true when the key was there.
     */
    boolean remove(final DirectBuffer key, final int keyOffset, final int keyLength)
    {
        return update(key, keyOffset, keyLength, (old, oldLength, into) -> REMOVE, null, null) >= 0;
    }

    /**
     * Under the key's stripe lock: copies the current value into {@code old}, asks {@code decision}
     * for the new one (written into {@code into}), and writes or removes it.
     *
     * @param old  where the current value is copied, or null when the decision does not read it.
     * @param into where the decision writes the new value (null when it only keeps or removes).
     * @return the current value's length (0 with a null {@code old}), or {@link #ABSENT}.
     */
    int update(final DirectBuffer key, final int keyOffset, final int keyLength, final Decision decision,
        final MutableDirectBuffer old, final MutableDirectBuffer into)
    {
        checkKeyLength(keyLength);
        final long hash = table.hash(key, keyOffset, keyLength);
        final int bucket = layout.bucketOf(hash);
        final int stripe = layout.stripeOfBucket(bucket);
        final int hash32 = (int)(hash >>> 32);
        file.enter();
        try
        {
            locks.lock(stripe);
            try
            {
                final int entry = table.find(stripe, bucket, hash32, key, keyOffset, keyLength, true);
                final int oldLength = entry < 0 ? ABSENT : old == null ? 0 : table.copyValue(entry, old, 0, true);
                final int next = decision.decide(old, oldLength, into);
                if (next == REMOVE)
                {
                    if (entry >= 0)
                    {
                        writer.remove(stripe, bucket, entry);
                    }
                }
                else if (next != KEEP)
                {
                    checkValueLength(next);
                    if (entry < 0)
                    {
                        insert(stripe, bucket, hash32, key, keyOffset, keyLength, into, 0, next);
                    }
                    else
                    {
                        replace(stripe, entry, into, 0, next);
                    }
                }
                return oldLength;
            }
            finally
            {
                locks.unlock(stripe);
            }
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    long size()
    {
        file.enter();
        try
        {
            return table.size();
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    void clear()
    {
        file.enter();
        try
        {
            locks.lockAll();
            try
            {
                writer.clearAll();
            }
            finally
            {
                locks.unlockAll();
            }
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * Copies every entry at one point in time as {@code [key length][key][value length][value]}.
     *
     * @return the bytes written.
     */
    int copyAll(final MutableDirectBuffer into)
    {
        file.enter();
        try
        {
            locks.lockAll();
            try
            {
                return table.copyAll(into);
            }
            finally
            {
                locks.unlockAll();
            }
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * @return what is wrong with the table, empty when nothing is (every stripe locked meanwhile).
     */
    List<String> audit()
    {
        file.enter();
        try
        {
            locks.lockAll();
            try
            {
                return locks.repair().audit();
            }
            finally
            {
                locks.unlockAll();
            }
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * @return how many stripes this process repaired after a dead writer.
     */
    long repairs()
    {
        return locks.repair().repairs();
    }

    /**
     * @return the free entry records and data blocks, from a scan of their owner words.
     */
    int[] free()
    {
        file.enter();
        try
        {
            return new int[]{table.entries.countFree(), table.blocks.countFree()};
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    void idle(final Supplier<IdleStrategy> idle)
    {
        locks.idle(idle);
    }

    void close()
    {
        locks.close();
        counters.release();
        file.close();
    }

    /**
     * A full pool may be space a dead writer holds: repairs the stripes dead processes hold, then tries once more.
     */
    private void insert(final int stripe, final int bucket, final int hash32, final DirectBuffer key,
        final int keyOffset, final int keyLength, final DirectBuffer value, final int valueOffset,
        final int valueLength)
    {
        try
        {
            writer.insert(stripe, bucket, hash32, key, keyOffset, keyLength, value, valueOffset, valueLength);
        }
        catch (final SharedMapFullException full)
        {
            if (!locks.reclaimFromDeadStripes(stripe))
            {
                throw full;
            }
            writer.insert(stripe, bucket, hash32, key, keyOffset, keyLength, value, valueOffset, valueLength);
        }
    }

    private void replace(final int stripe, final int entry, final DirectBuffer value, final int valueOffset,
        final int valueLength)
    {
        try
        {
            writer.replace(stripe, entry, value, valueOffset, valueLength);
        }
        catch (final SharedMapFullException full)
        {
            if (!locks.reclaimFromDeadStripes(stripe))
            {
                throw full;
            }
            writer.replace(stripe, entry, value, valueOffset, valueLength);
        }
    }

    private void checkKeyLength(final int length)
    {
        if (length < 0 || length > layout.maxKeyBytes)
        {
            throw new IllegalArgumentException("a key of " + length + " bytes is longer than the maxKeyBytes " +
                layout.maxKeyBytes + " of " + label + " (" + file.path() + ")");
        }
    }

    private void checkValueLength(final int length)
    {
        if (length < 0 || length > layout.maxValueBytes)
        {
            throw new IllegalArgumentException("a value of " + length + " bytes is longer than the maxValueBytes " +
                layout.maxValueBytes + " of " + label + " (" + file.path() + ")");
        }
    }
}
