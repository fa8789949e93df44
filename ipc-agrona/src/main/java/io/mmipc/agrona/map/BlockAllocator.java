package io.mmipc.agrona.map;

import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.ThreadLocalRandom;

import static io.mmipc.agrona.map.MapDescriptor.OWNER_OFFSET;

/**
 * The free-space allocator of one pool of fixed-size items (entry records or data blocks), shared
 * by every stripe and process. An item's owner word is the truth: claimed by a CAS from 0 to the
 * claiming stripe's tag, freed by a release store of 0. The hint bitmap, one bit per item, only
 * steers the search: a claim sets the bit after its CAS, a free clears it before its store, so a
 * crash in between leaves a clear bit over an owned item (one wasted CAS for a later search),
 * never a set bit over a free one (a lost item).
 * <p>
 * Worst case: a claim reads every word of the bitmap once ({@code count / 64} reads) before it
 * reports the pool full; a free is one CAS and one store. Each process starts its search at a
 * random word so that processes do not contend for the same words.
 */
final class BlockAllocator
{
    private final AtomicBuffer body;
    private final int bitsOffset;
    private final int words;
    private final int count;
    private final int itemsOffset;
    private final int stride;
    private int cursor; // a hint: a race between threads costs nothing but a longer search

    BlockAllocator(final AtomicBuffer body, final int bitsOffset, final int count, final int itemsOffset, final int stride)
    {
        this.body = body;
        this.bitsOffset = bitsOffset;
        this.words = MapLayout.bitmapWords(count);
        this.count = count;
        this.itemsOffset = itemsOffset;
        this.stride = stride;
        this.cursor = words == 0 ? 0 : ThreadLocalRandom.current().nextInt(words);
    }

    int count()
    {
        return count;
    }

    /**
     * @return the index of an item now owned by {@code tag}, or -1 when none is free.
     */
    int claim(final long tag)
    {
        int word = cursor;
        for (int i = 0; i < words; i++)
        {
            final int wordOffset = bitsOffset + word * Long.BYTES;
            long bits = body.getLongVolatile(wordOffset);
            while (bits != -1L)
            {
                final int bit = Long.numberOfTrailingZeros(~bits);
                final int index = (word << 6) + bit;
                if (index >= count)
                {
                    break;
                }
                if (body.compareAndSetLong(ownerOffset(index), 0L, tag))
                {
                    setBit(wordOffset, 1L << bit);
                    cursor = word;
                    return index;
                }
                bits |= 1L << bit;
            }
            word = word + 1 == words ? 0 : word + 1;
        }
        return -1;
    }

    /**
     * Frees an item its owner no longer references.
     */
    void free(final int index)
    {
        final int wordOffset = bitsOffset + (index >>> 6) * Long.BYTES;
        final long mask = 1L << (index & 63);
        long bits;
        do
        {
            bits = body.getLongVolatile(wordOffset);
        }
        while ((bits & mask) != 0 && !body.compareAndSetLong(wordOffset, bits, bits & ~mask));
        body.putLongRelease(ownerOffset(index), 0L);
    }

    long owner(final int index)
    {
        return body.getLongVolatile(ownerOffset(index));
    }

    /**
     * @return how many items are free: a scan of every owner word, for checks and messages.
     */
    int countFree()
    {
        int free = 0;
        for (int i = 0; i < count; i++)
        {
            if (owner(i) == 0)
            {
                free++;
            }
        }
        return free;
    }

    int offset(final int index)
    {
        return itemsOffset + index * stride;
    }

    private int ownerOffset(final int index)
    {
        return itemsOffset + index * stride + OWNER_OFFSET;
    }

    private void setBit(final int wordOffset, final long mask)
    {
        long bits;
        do
        {
            bits = body.getLongVolatile(wordOffset);
        }
        while ((bits & mask) == 0 && !body.compareAndSetLong(wordOffset, bits, bits | mask));
    }
}
