package io.mmipc.agrona.map;

import io.mmipc.SharedMapFullException;
import io.mmipc.SharedStateCorruptedException;
import io.mmipc.agrona.sync.LockCore;
import io.mmipc.file.SharedFile;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.AtomicBuffer;

import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

import static io.mmipc.agrona.map.MapDescriptor.*;

/**
 * The hash table in a map's file, on bytes ({@link MapDescriptor}); callers run between the
 * file's {@code enter()} and {@code exit()}.
 * <p>
 * <b>Writes</b> hold the key's stripe lock. New bytes go to free space (a claimed record, the value
 * slot not in use, or new blocks) and are published with one release store: a bucket head or
 * {@code next} ref for an insert or remove, the value word for a replace. Then, when something
 * became unreachable, the stripe's version is bumped, and only then is that space freed.
 * <p>
 * <b>Reads</b> take no lock: they read the stripe's version, look, and read the version again;
 * the same version means nothing they read was freed meanwhile, so it was whole. A reader that
 * keeps seeing new versions (writers busy on its stripe) takes the lock after
 * {@value #OPTIMISTIC_ATTEMPTS} tries. A dead writer leaves the version as it was, so readers
 * never wait for it.
 * <p>
 * Everything read from the file is checked before use. An optimistic reader that finds nonsense
 * looks again (a writer moved things); under the lock, nonsense is a
 * {@link SharedStateCorruptedException}.
 */
final class MapTable
{
    static final int ABSENT = -1;
    static final int OPTIMISTIC_ATTEMPTS = 16;

    /** A torn optimistic read: thrown without a stack trace, caught by the read loop. */
    private static final RuntimeException TORN = new RuntimeException("torn read", null, false, false)
    {
        private static final long serialVersionUID = 1L;
    };

    final SharedFile file;
    final AtomicBuffer body;
    final MapLayout layout;
    final Pool entries;
    final Pool blocks;
    final long seed;
    private final LockCore[] locks;
    private final Object label;
    private final MapRepair repair;

    /**
     * @param locks one per stripe, over the stripes' lock records.
     */
    MapTable(final SharedFile file, final MapLayout layout, final LockCore[] locks, final Object label)
    {
        this.file = file;
        this.body = file.body();
        this.layout = layout;
        this.locks = locks;
        this.label = label;
        this.entries = new Pool(body, layout.entryBitsOffset, layout.entries, layout.entriesOffset, ENTRY_LENGTH);
        this.blocks = new Pool(body, layout.blockBitsOffset, layout.blocks, layout.blocksOffset, layout.blockBytes);
        this.seed = body.getLongVolatile(SEED_OFFSET);
        this.repair = new MapRepair(this);
    }

    long hash(final DirectBuffer key, final int offset, final int length)
    {
        return MapHash.hash(seed, key, offset, length);
    }

    // ---- locks ----

    /**
     * Takes a stripe's lock; after a takeover from a dead process, repairs the stripe first.
     */
    void lock(final int stripe)
    {
        locks[stripe].lock();
        if (locks[stripe].previousOwnerDied())
        {
            try
            {
                repair.repair(stripe);
            }
            catch (final RuntimeException ex)
            {
                locks[stripe].unlock();
                throw ex;
            }
        }
    }

    MapRepair repairs()
    {
        return repair;
    }

    /**
     * @return how many stripes some thread of some process holds now.
     */
    int lockedStripes()
    {
        int locked = 0;
        for (final LockCore lock : locks)
        {
            locked += lock.isLocked() ? 1 : 0;
        }
        return locked;
    }

    void unlock(final int stripe)
    {
        locks[stripe].unlock();
    }

    /**
     * Locks every stripe in ascending order (no single-key writer holds two, so no deadlock).
     */
    void lockAll()
    {
        int locked = 0;
        try
        {
            for (; locked < layout.stripes; locked++)
            {
                lock(locked);
            }
        }
        finally
        {
            if (locked < layout.stripes)
            {
                unlockFirst(locked);
            }
        }
    }

    void unlockAll()
    {
        unlockFirst(layout.stripes);
    }

    private void unlockFirst(final int count)
    {
        RuntimeException failure = null;
        for (int s = count - 1; s >= 0; s--)
        {
            try
            {
                unlock(s);
            }
            catch (final RuntimeException ex)
            {
                failure = failure == null ? ex : failure;
            }
        }
        if (failure != null)
        {
            throw failure;
        }
    }

    // ---- reads ----

    /**
     * Reads without a lock (or, when writers keep changing the stripe, with it).
     *
     * @param into where the value goes, or null to learn only whether the key is there.
     * @return the value's length (0 with a null {@code into}), or {@link #ABSENT}.
     */
    int read(final int bucket, final int hash32, final DirectBuffer key, final int offset, final int length,
        final MutableDirectBuffer into, final int intoOffset)
    {
        final int stripe = layout.stripeOfBucket(bucket);
        final int versionOffset = layout.stripeOffset(stripe) + STRIPE_VERSION_OFFSET;
        for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++)
        {
            final long before = body.getLongVolatile(versionOffset);
            int result;
            try
            {
                final int entry = find(stripe, bucket, hash32, key, offset, length, false);
                result = entry < 0 || into == null ? Math.min(entry, 0) : copyValue(entry, into, intoOffset, false);
            }
            catch (final RuntimeException torn)
            {
                if (torn != TORN)
                {
                    throw torn;
                }
                result = Integer.MIN_VALUE;
            }
            VarHandle.acquireFence(); // the reads above complete before the version is read again
            final boolean unchanged = body.getLongVolatile(versionOffset) == before;
            if (unchanged && result != Integer.MIN_VALUE)
            {
                return result;
            }
            if (unchanged)
            {
                break; // nonsense with no writer to blame: let the locked read say what it is
            }
            Thread.onSpinWait();
        }
        lock(stripe);
        try
        {
            final int entry = find(stripe, bucket, hash32, key, offset, length, true);
            return entry < 0 || into == null ? Math.min(entry, 0) : copyValue(entry, into, intoOffset, true);
        }
        finally
        {
            unlock(stripe);
        }
    }

    /**
     * @return the entry holding the key, or {@link #ABSENT}.
     */
    int find(final int stripe, final int bucket, final int hash32, final DirectBuffer key, final int offset,
        final int length, final boolean locked)
    {
        final long tag = tag(stripe);
        int ref = body.getIntVolatile(layout.bucketOffset(bucket));
        for (int steps = 0; ref != 0; steps++)
        {
            final int entry = checkEntryRef(ref, steps, bucket, locked);
            final int at = layout.entryOffset(entry);
            final long owner = body.getLong(at + OWNER_OFFSET);
            if (owner != tag)
            {
                torn(locked);
                throw corrupt("entry " + entry + " in the chain of bucket " + bucket + " has owner tag 0x" +
                    Long.toHexString(owner) + ", not stripe " + stripe + "'s");
            }
            if (body.getInt(at + HASH_OFFSET) == hash32 && body.getInt(at + KEY_LENGTH_OFFSET) == length &&
                keyEquals(at, key, offset, length, locked))
            {
                return entry;
            }
            ref = body.getIntVolatile(at + NEXT_OFFSET);
        }
        return ABSENT;
    }

    /**
     * Copies an entry's value.
     *
     * @return its length.
     */
    int copyValue(final int entry, final MutableDirectBuffer into, final int intoOffset, final boolean locked)
    {
        final int at = layout.entryOffset(entry);
        final long word = body.getLongVolatile(at + VALUE_WORD_OFFSET);
        final int keyLength = body.getInt(at + KEY_LENGTH_OFFSET);
        final int length = valueLength(word);
        final int location = location(word);
        if (length > layout.maxValueBytes || keyLength < 0 || keyLength > layout.maxKeyBytes ||
            (location != LOC_CHAIN && location != LOC_SLOT_A && location != LOC_SLOT_B) ||
            (location != LOC_CHAIN && length > slotLength(keyLength)))
        {
            torn(locked);
            throw corrupt("entry " + entry + " has value word 0x" + Long.toHexString(word) + " with key length " +
                keyLength + ", which no writer produces");
        }
        if (!into.isExpandable() && length > into.capacity() - intoOffset)
        {
            torn(locked);
            throw new IndexOutOfBoundsException("the value is " + length + " bytes; the buffer has " +
                (into.capacity() - intoOffset) + " from offset " + intoOffset + " and cannot grow");
        }
        if (location == LOC_CHAIN)
        {
            copyChain(firstBlockRef(word), length, into, intoOffset, locked);
        }
        else
        {
            into.putBytes(intoOffset, body, at + slotOffset(keyLength, location), length);
        }
        return length;
    }

    /**
     * Copies an entry's key (under the lock).
     *
     * @return its length.
     */
    int copyKey(final int entry, final MutableDirectBuffer into, final int intoOffset)
    {
        final int at = layout.entryOffset(entry);
        final int keyLength = body.getInt(at + KEY_LENGTH_OFFSET);
        if (keyLength < 0 || keyLength > layout.maxKeyBytes)
        {
            throw corrupt("entry " + entry + " has key length " + keyLength + ", more than maxKeyBytes " +
                layout.maxKeyBytes);
        }
        if (keyLength <= INLINE_LENGTH)
        {
            into.putBytes(intoOffset, body, at + INLINE_OFFSET, keyLength);
        }
        else
        {
            copyChain(body.getInt(at + KEY_BLOCK_OFFSET), keyLength, into, intoOffset, true);
        }
        return keyLength;
    }

    private boolean keyEquals(final int at, final DirectBuffer key, final int offset, final int length,
        final boolean locked)
    {
        if (length <= INLINE_LENGTH)
        {
            return bytesEqual(at + INLINE_OFFSET, key, offset, length);
        }
        final int payload = layout.blockPayload();
        int ref = body.getInt(at + KEY_BLOCK_OFFSET);
        for (int done = 0; done < length; )
        {
            final int blockAt = layout.blockOffset(checkBlockRef(ref, locked));
            final int n = Math.min(payload, length - done);
            if (!bytesEqual(blockAt + BLOCK_PAYLOAD_OFFSET, key, offset + done, n))
            {
                return false;
            }
            done += n;
            ref = body.getInt(blockAt + BLOCK_NEXT_OFFSET);
        }
        return true;
    }

    private boolean bytesEqual(final int at, final DirectBuffer key, final int offset, final int length)
    {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            if (body.getLong(at + i) != key.getLong(offset + i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (body.getByte(at + i) != key.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    private void copyChain(final int firstRef, final int length, final MutableDirectBuffer into, final int intoOffset,
        final boolean locked)
    {
        final int payload = layout.blockPayload();
        int ref = firstRef;
        for (int done = 0; done < length; )
        {
            final int blockAt = layout.blockOffset(checkBlockRef(ref, locked));
            final int n = Math.min(payload, length - done);
            into.putBytes(intoOffset + done, body, blockAt + BLOCK_PAYLOAD_OFFSET, n);
            done += n;
            ref = body.getInt(blockAt + BLOCK_NEXT_OFFSET);
        }
    }

    // ---- writes, under the stripe's lock ----

    /**
     * Adds a key known to be absent.
     *
     * @throws SharedMapFullException with nothing changed, when a record or blocks are missing.
     */
    void insert(final int stripe, final int bucket, final int hash32, final DirectBuffer key, final int keyOffset,
        final int keyLength, final DirectBuffer value, final int valueOffset, final int valueLength)
    {
        final long tag = tag(stripe);
        int entry = entries.claim(tag);
        if (entry < 0 && reclaimFromDeadStripes(stripe))
        {
            entry = entries.claim(tag);
        }
        if (entry < 0)
        {
            throw new SharedMapFullException(file.path(), label + " is full: all " + layout.entries +
                " entries (maxEntries) are in use");
        }
        final int at = layout.entryOffset(entry);
        int keyRef = 0;
        try
        {
            if (keyLength <= INLINE_LENGTH)
            {
                body.putBytes(at + INLINE_OFFSET, key, keyOffset, keyLength);
            }
            else
            {
                keyRef = writeChain(stripe, key, keyOffset, keyLength, "key");
            }
            final long word;
            if (valueLength <= slotLength(keyLength))
            {
                body.putBytes(at + slotOffset(keyLength, LOC_SLOT_A), value, valueOffset, valueLength);
                word = valueWord(LOC_SLOT_A, valueLength, 0);
            }
            else
            {
                word = valueWord(LOC_CHAIN, valueLength, writeChain(stripe, value, valueOffset, valueLength, "value"));
            }
            MapCrashPoints.reached("insert-written");
            final int headOffset = layout.bucketOffset(bucket);
            body.putInt(at + HASH_OFFSET, hash32);
            body.putInt(at + KEY_LENGTH_OFFSET, keyLength);
            body.putInt(at + KEY_BLOCK_OFFSET, keyRef);
            body.putLong(at + VALUE_WORD_OFFSET, word);
            body.putInt(at + NEXT_OFFSET, body.getInt(headOffset));
            body.putIntRelease(headOffset, entry + 1); // publish
        }
        catch (final SharedMapFullException full)
        {
            if (keyRef != 0)
            {
                freeChain(stripe, keyRef);
            }
            entries.free(entry);
            throw full;
        }
        MapCrashPoints.reached("insert-published");
        addToCount(stripe, 1);
    }

    /**
     * Gives an existing entry a new value.
     *
     * @throws SharedMapFullException with nothing changed, when blocks are missing.
     */
    void replace(final int stripe, final int entry, final DirectBuffer value, final int valueOffset,
        final int valueLength)
    {
        final int at = layout.entryOffset(entry);
        final long old = body.getLong(at + VALUE_WORD_OFFSET);
        final int keyLength = body.getInt(at + KEY_LENGTH_OFFSET);
        final long word;
        if (valueLength <= slotLength(keyLength))
        {
            final int slot = location(old) == LOC_SLOT_A ? LOC_SLOT_B : LOC_SLOT_A; // the one no reader may use
            body.putBytes(at + slotOffset(keyLength, slot), value, valueOffset, valueLength);
            word = valueWord(slot, valueLength, 0);
        }
        else
        {
            word = valueWord(LOC_CHAIN, valueLength, writeChain(stripe, value, valueOffset, valueLength, "value"));
        }
        body.putLongRelease(at + VALUE_WORD_OFFSET, word); // publish
        bumpVersion(stripe);
        MapCrashPoints.reached("replace-published");
        if (location(old) == LOC_CHAIN)
        {
            freeChain(stripe, firstBlockRef(old));
        }
    }

    /**
     * Removes an entry of {@code bucket}'s chain.
     */
    void remove(final int stripe, final int bucket, final int entry)
    {
        final int at = layout.entryOffset(entry);
        final int next = body.getInt(at + NEXT_OFFSET);
        int linkOffset = layout.bucketOffset(bucket);
        int ref = body.getInt(linkOffset);
        for (int steps = 0; ref != entry + 1; steps++)
        {
            linkOffset = layout.entryOffset(checkEntryRef(ref, steps, bucket, true)) + NEXT_OFFSET;
            ref = body.getInt(linkOffset);
        }
        body.putIntRelease(linkOffset, next); // publish
        addToCount(stripe, -1);
        bumpVersion(stripe);
        MapCrashPoints.reached("remove-published");
        freeEntry(stripe, entry);
    }

    /**
     * Empties every stripe; the caller holds all the locks.
     */
    void clearAll()
    {
        final IntArrayList heads = new IntArrayList();
        for (int stripe = 0; stripe < layout.stripes; stripe++)
        {
            heads.clear();
            final int first = layout.firstBucket(stripe);
            for (int bucket = first; bucket < first + layout.bucketsPerStripe(); bucket++)
            {
                final int head = body.getInt(layout.bucketOffset(bucket));
                if (head != 0)
                {
                    heads.addInt(head);
                    body.putIntRelease(layout.bucketOffset(bucket), 0);
                }
            }
            body.putLongRelease(layout.stripeOffset(stripe) + STRIPE_COUNT_OFFSET, 0);
            bumpVersion(stripe);
            for (int i = 0; i < heads.size(); i++)
            {
                int ref = heads.getInt(i);
                for (int steps = 0; ref != 0; steps++)
                {
                    final int entry = checkEntryRef(ref, steps, first, true);
                    ref = body.getInt(layout.entryOffset(entry) + NEXT_OFFSET);
                    freeEntry(stripe, entry);
                }
            }
        }
    }

    /**
     * Copies every entry as {@code [key length][key][value length][value]}; the caller holds all the locks.
     *
     * @return the bytes written.
     */
    int copyAll(final MutableDirectBuffer into)
    {
        int position = 0;
        for (int bucket = 0; bucket < layout.buckets; bucket++)
        {
            int ref = body.getInt(layout.bucketOffset(bucket));
            for (int steps = 0; ref != 0; steps++)
            {
                final int entry = checkEntryRef(ref, steps, bucket, true);
                final int keyLength = copyKey(entry, into, position + Integer.BYTES);
                into.putInt(position, keyLength);
                position += Integer.BYTES + keyLength;
                final int valueLength = copyValue(entry, into, position + Integer.BYTES, true);
                into.putInt(position, valueLength);
                position += Integer.BYTES + valueLength;
                ref = body.getInt(layout.entryOffset(entry) + NEXT_OFFSET);
            }
        }
        return position;
    }

    /**
     * @return the sum of the stripes' counts.
     */
    long size()
    {
        long size = 0;
        for (int stripe = 0; stripe < layout.stripes; stripe++)
        {
            final long count = body.getLongVolatile(layout.stripeOffset(stripe) + STRIPE_COUNT_OFFSET);
            if (count < 0 || count > layout.entries)
            {
                throw corrupt("stripe " + stripe + " counts " + count + " entries, outside [0, " + layout.entries +
                    "]");
            }
            size += count;
        }
        return size;
    }

    // ---- space ----

    private int writeChain(final int stripe, final DirectBuffer src, final int offset, final int length,
        final String what)
    {
        final long tag = tag(stripe);
        final int payload = layout.blockPayload();
        int first = 0;
        int previousAt = -1;
        for (int done = 0; done < length; )
        {
            int block = blocks.claim(tag);
            if (block < 0 && reclaimFromDeadStripes(stripe))
            {
                block = blocks.claim(tag);
            }
            if (block < 0)
            {
                if (first != 0)
                {
                    freeChain(stripe, first);
                }
                throw new SharedMapFullException(file.path(), label + " has no room for a " + length + "-byte " +
                    what + ": its data space of " + layout.blocks + " blocks of " + layout.blockBytes +
                    " bytes (dataBytes " + layout.dataBytes + ") is full");
            }
            final int blockAt = layout.blockOffset(block);
            final int n = Math.min(payload, length - done);
            body.putBytes(blockAt + BLOCK_PAYLOAD_OFFSET, src, offset + done, n);
            body.putInt(blockAt + BLOCK_NEXT_OFFSET, 0);
            if (previousAt < 0)
            {
                first = block + 1;
            }
            else
            {
                body.putInt(previousAt + BLOCK_NEXT_OFFSET, block + 1);
            }
            previousAt = blockAt;
            done += n;
        }
        return first;
    }

    private void freeEntry(final int stripe, final int entry)
    {
        final int at = layout.entryOffset(entry);
        if (body.getInt(at + KEY_LENGTH_OFFSET) > INLINE_LENGTH)
        {
            freeChain(stripe, body.getInt(at + KEY_BLOCK_OFFSET));
        }
        final long word = body.getLong(at + VALUE_WORD_OFFSET);
        if (location(word) == LOC_CHAIN)
        {
            freeChain(stripe, firstBlockRef(word));
        }
        entries.free(entry);
    }

    private void freeChain(final int stripe, final int firstRef)
    {
        final long tag = tag(stripe);
        int ref = firstRef;
        for (int steps = 0; ref != 0; steps++)
        {
            final int block = checkBlockRef(ref, true);
            final long owner = blocks.owner(block);
            if (owner != tag || steps >= layout.blocks)
            {
                throw corrupt("block " + block + " of a chain of stripe " + stripe + " has owner tag 0x" +
                    Long.toHexString(owner) + " after " + steps + " blocks");
            }
            ref = body.getInt(layout.blockOffset(block) + BLOCK_NEXT_OFFSET);
            blocks.free(block);
        }
    }

    /**
     * Before a full pool is reported: the stripes whose lock a dead process holds may hold space
     * it claimed; take each over (waiting at most two owner checks) and repair it.
     *
     * @return true when some stripe was repaired.
     */
    private boolean reclaimFromDeadStripes(final int except)
    {
        boolean repaired = false;
        for (int stripe = 0; stripe < layout.stripes; stripe++)
        {
            if (stripe == except || !locks[stripe].isLocked())
            {
                continue;
            }
            try
            {
                if (locks[stripe].tryLock(2 * LockCore.OWNER_CHECK_INTERVAL_NANOS, TimeUnit.NANOSECONDS))
                {
                    try
                    {
                        if (locks[stripe].previousOwnerDied())
                        {
                            repair.repair(stripe);
                            repaired = true;
                        }
                    }
                    finally
                    {
                        locks[stripe].unlock();
                    }
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return repaired;
    }

    void bumpVersion(final int stripe)
    {
        final int offset = layout.stripeOffset(stripe) + STRIPE_VERSION_OFFSET;
        body.putLongRelease(offset, body.getLong(offset) + 1);
    }

    private void addToCount(final int stripe, final int delta)
    {
        final int offset = layout.stripeOffset(stripe) + STRIPE_COUNT_OFFSET;
        body.putLongRelease(offset, body.getLong(offset) + delta);
    }

    // ---- checks ----

    int checkEntryRef(final int ref, final int steps, final int bucket, final boolean locked)
    {
        final int entry = ref - 1;
        if (entry < 0 || entry >= layout.entries || steps >= layout.entries)
        {
            torn(locked);
            throw corrupt("the chain of bucket " + bucket + " holds entry ref " + ref + " after " + steps +
                " entries (the map has " + layout.entries + ")");
        }
        return entry;
    }

    int checkBlockRef(final int ref, final boolean locked)
    {
        final int block = ref - 1;
        if (block < 0 || block >= layout.blocks)
        {
            torn(locked);
            throw corrupt("a chain holds block ref " + ref + " (the map has " + layout.blocks + " blocks)");
        }
        return block;
    }

    /**
     * An optimistic reader found something a writer may have moved: it looks again.
     */
    private static void torn(final boolean locked)
    {
        if (!locked)
        {
            throw TORN;
        }
    }

    SharedStateCorruptedException corrupt(final String what)
    {
        return new SharedStateCorruptedException(file.path(), label + ": " + what +
            "; something outside mmipc wrote to the file");
    }

    @Override
    public String toString()
    {
        return label.toString();
    }
}
