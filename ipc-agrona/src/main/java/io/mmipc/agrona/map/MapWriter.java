package io.mmipc.agrona.map;

import io.mmipc.SharedMapFullException;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.AtomicBuffer;

import static io.mmipc.agrona.map.MapDescriptor.*;

/**
 * Changes the table; the caller holds the stripe's lock (every stripe's, for {@link #clearAll()}).
 * <p>
 * New bytes go to free space (a claimed record, the value slot not in use, or new blocks) and
 * are published with one release store: a bucket head or {@code next} ref for an insert or a
 * remove, the value word for a replace. Then, when something became unreachable, the stripe's
 * version is bumped, and only then is that space freed. A process killed anywhere in between
 * leaves whole entries and, at worst, space that {@link MapRepair} gives back.
 */
final class MapWriter
{
    private final MapTable table;
    private final AtomicBuffer body;
    private final MapLayout layout;
    private final BlockAllocator entries;

    MapWriter(final MapTable table)
    {
        this.table = table;
        this.body = table.body;
        this.layout = table.layout;
        this.entries = table.entries;
    }

    /**
     * Adds a key known to be absent.
     *
     * @throws SharedMapFullException with nothing changed, when a record or blocks are missing.
     */
    void insert(final int stripe, final int bucket, final int hash32, final DirectBuffer key, final int keyOffset,
        final int keyLength, final DirectBuffer value, final int valueOffset, final int valueLength)
    {
        final long tag = tag(stripe);
        final int entry = entries.claim(tag);
        if (entry < 0)
        {
            throw new SharedMapFullException(table.file.path(), table.label + " is full: all " + layout.entries +
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
        table.bumpVersion(stripe);
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
            linkOffset = layout.entryOffset(table.checkEntryRef(ref, steps, bucket, true)) + NEXT_OFFSET;
            ref = body.getInt(linkOffset);
        }
        body.putIntRelease(linkOffset, next); // publish
        addToCount(stripe, -1);
        table.bumpVersion(stripe);
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
            table.bumpVersion(stripe);
            for (int i = 0; i < heads.size(); i++)
            {
                int ref = heads.getInt(i);
                for (int steps = 0; ref != 0; steps++)
                {
                    final int entry = table.checkEntryRef(ref, steps, first, true);
                    ref = body.getInt(layout.entryOffset(entry) + NEXT_OFFSET);
                    freeEntry(stripe, entry);
                }
            }
        }
    }

    private int writeChain(final int stripe, final DirectBuffer src, final int offset, final int length,
        final String what)
    {
        final int first = table.chains.write(tag(stripe), src, offset, length);
        if (first == BlockChains.FULL)
        {
            throw new SharedMapFullException(table.file.path(), table.label + " has no room for a " + length +
                "-byte " + what + ": its data space of " + layout.blocks + " blocks of " + layout.blockBytes +
                " bytes (dataBytes " + layout.dataBytes + ") is full");
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
        table.chains.free(tag(stripe), firstRef);
    }

    private void addToCount(final int stripe, final int delta)
    {
        final int offset = layout.stripeOffset(stripe) + STRIPE_COUNT_OFFSET;
        body.putLongRelease(offset, body.getLong(offset) + delta);
    }
}
