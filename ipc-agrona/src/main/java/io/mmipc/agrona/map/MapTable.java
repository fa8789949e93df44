package io.mmipc.agrona.map;

import io.mmipc.SharedStateCorruptedException;
import io.mmipc.internal.file.SharedFile;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;

import java.lang.invoke.VarHandle;

import static io.mmipc.agrona.map.MapDescriptor.*;

/**
 * The hash table in a map's file, on bytes ({@link MapDescriptor}), and how it is read; callers
 * run between the file's {@code enter()} and {@code exit()}. {@link MapWriter} changes it.
 * <p>
 * <b>Reads</b> take no lock: they read the stripe's version, look, and read the version again.
 * Writers bump the version after a change that makes something unreachable and before they free
 * it, so the same version means nothing the reader read was freed meanwhile: the copy is whole.
 * A reader that keeps seeing new versions (writers busy on its stripe) gives up after
 * {@value #OPTIMISTIC_ATTEMPTS} tries and reads under the lock. A dead writer leaves the version
 * as it was, so readers never wait for it.
 * <p>
 * Everything read from the file is checked before use. An optimistic reader that finds nonsense
 * looks again (a writer moved things); under the lock, nonsense is a
 * {@link SharedStateCorruptedException}.
 */
final class MapTable
{
    static final int ABSENT = -1;
    /** What an optimistic read returns when it could not get a consistent look. */
    static final int GIVE_UP = Integer.MIN_VALUE;
    static final int OPTIMISTIC_ATTEMPTS = 16;

    /** A torn optimistic read: thrown without a stack trace, caught by the read loop. */
    static final RuntimeException TORN = new RuntimeException("torn read", null, false, false)
    {
        private static final long serialVersionUID = 1L;
    };

    final SharedFile file;
    final AtomicBuffer body;
    final MapLayout layout;
    final BlockAllocator entries;
    final BlockAllocator blocks;
    final BlockChains chains;
    final long seed;
    final Object label;

    MapTable(final SharedFile file, final MapLayout layout, final Object label)
    {
        this.file = file;
        this.body = file.body();
        this.layout = layout;
        this.label = label;
        this.entries = new BlockAllocator(body, layout.entryBitsOffset, layout.entries, layout.entriesOffset, ENTRY_LENGTH);
        this.blocks = new BlockAllocator(body, layout.blockBitsOffset, layout.blocks, layout.blocksOffset, layout.blockBytes);
        this.chains = new BlockChains(body, blocks, layout.blockBytes, file.path(), label);
        this.seed = body.getLongVolatile(SEED_OFFSET);
    }

    long hash(final DirectBuffer key, final int offset, final int length)
    {
        return MapHash.hash(seed, key, offset, length);
    }

    // ---- reads ----

    /**
     * Reads without a lock: looks, then checks that the stripe's version did not move.
     *
     * @param into where the value goes, or null to learn only whether the key is there.
     * @return the value's length (0 with a null {@code into}), {@link #ABSENT}, or {@link #GIVE_UP}
     *         when writers kept moving things (or the look found nonsense): read under the lock then.
     */
    int readOptimistic(final int bucket, final int hash32, final DirectBuffer key, final int offset,
        final int length, final MutableDirectBuffer into, final int intoOffset)
    {
        final int stripe = layout.stripeOfBucket(bucket);
        final int versionOffset = layout.stripeOffset(stripe) + STRIPE_VERSION_OFFSET;
        for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++)
        {
            final long before = body.getLongVolatile(versionOffset);
            int result;
            try
            {
                result = readAt(stripe, bucket, hash32, key, offset, length, into, intoOffset, false);
            }
            catch (final RuntimeException torn)
            {
                if (torn != TORN)
                {
                    throw torn;
                }
                result = GIVE_UP;
            }
            VarHandle.acquireFence(); // the reads above complete before the version is read again
            if (body.getLongVolatile(versionOffset) == before)
            {
                return result; // nonsense with no writer to blame gives up: the locked read says what it is
            }
            Thread.onSpinWait();
        }
        return GIVE_UP;
    }

    /**
     * One look: under the stripe's lock, or, with {@code locked} false, optimistic.
     *
     * @return the value's length (0 with a null {@code into}), or {@link #ABSENT}.
     */
    int readAt(final int stripe, final int bucket, final int hash32, final DirectBuffer key, final int offset,
        final int length, final MutableDirectBuffer into, final int intoOffset, final boolean locked)
    {
        final int entry = find(stripe, bucket, hash32, key, offset, length, locked);
        return entry < 0 || into == null ? Math.min(entry, 0) : copyValue(entry, into, intoOffset, locked);
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
            chains.copy(firstBlockRef(word), length, into, intoOffset, locked);
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
            chains.copy(body.getInt(at + KEY_BLOCK_OFFSET), keyLength, into, intoOffset, true);
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

    // ---- the whole table ----

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

    /**
     * Tells optimistic readers of the stripe to look again; by its lock holder, before it frees anything.
     */
    void bumpVersion(final int stripe)
    {
        final int offset = layout.stripeOffset(stripe) + STRIPE_VERSION_OFFSET;
        body.putLongRelease(offset, body.getLong(offset) + 1);
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
        return chains.checkRef(ref, locked);
    }

    /**
     * An optimistic reader found something a writer may have moved: it looks again.
     */
    static void torn(final boolean locked)
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
