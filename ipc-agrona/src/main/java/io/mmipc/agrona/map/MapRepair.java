package io.mmipc.agrona.map;

import io.mmipc.internal.counters.CounterSet;
import io.mmipc.internal.counters.Counters;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.mmipc.agrona.map.MapDescriptor.*;

/**
 * What the next holder of a stripe's lock does when the robust lock tells it that the previous
 * holder died: the stripe's reachable structure is whole (every change was one atomic store), so
 * only space and the count can be wrong. It marks every record and block reachable from the
 * stripe's buckets, frees whatever the stripe owns that is not marked (claimed for an insert that
 * never published, or unlinked but not yet freed), and stores the count it found.
 * <p>
 * Cost, once per crash: the stripe's buckets and entries, plus one read of every record's and
 * every block's owner word. Each repair is counted in the dict's {@link Counters}, for {@code mmipc stat}.
 */
final class MapRepair
{
    private final MapTable table;
    private final MapLayout layout;
    private final AtomicLong repairs = new AtomicLong();
    private final Counters counters;

    MapRepair(final MapTable table, final Counters counters)
    {
        this.counters = counters;
        this.table = table;
        this.layout = table.layout;
    }

    /**
     * Repairs {@code stripe}; the caller holds its lock.
     */
    void repair(final int stripe)
    {
        table.bumpVersion(stripe); // a reader that looked before the crash looks again
        counters.getAndAdd(CounterSet.STRIPE_REPAIRS, 1); // threads may repair different stripes at once
        final BitSet entryMarks = new BitSet(layout.entries);
        final BitSet blockMarks = new BitSet(layout.blocks);
        final long count = mark(stripe, entryMarks, blockMarks);
        final long tag = tag(stripe);
        for (int entry = 0; entry < layout.entries; entry++)
        {
            if (!entryMarks.get(entry) && table.entries.owner(entry) == tag)
            {
                table.entries.free(entry);
            }
        }
        for (int block = 0; block < layout.blocks; block++)
        {
            if (!blockMarks.get(block) && table.blocks.owner(block) == tag)
            {
                table.blocks.free(block);
            }
        }
        table.body.putLongRelease(layout.stripeOffset(stripe) + STRIPE_COUNT_OFFSET, count);
        repairs.incrementAndGet();
    }

    /**
     * @return how many repairs this process made.
     */
    long repairs()
    {
        return repairs.get();
    }

    /**
     * Checks the whole table; the caller holds every lock.
     *
     * @return what is wrong, empty when nothing is.
     */
    List<String> audit()
    {
        final List<String> problems = new ArrayList<>();
        final BitSet entryMarks = new BitSet(layout.entries);
        final BitSet blockMarks = new BitSet(layout.blocks);
        for (int stripe = 0; stripe < layout.stripes; stripe++)
        {
            final long count;
            try
            {
                count = mark(stripe, entryMarks, blockMarks);
            }
            catch (final RuntimeException ex)
            {
                problems.add("stripe " + stripe + ": " + ex.getMessage());
                continue;
            }
            final long stored = table.body.getLongVolatile(layout.stripeOffset(stripe) + STRIPE_COUNT_OFFSET);
            if (stored != count)
            {
                problems.add("stripe " + stripe + " counts " + stored + " entries, its chains hold " + count);
            }
        }
        check("entry", table.entries, layout.entryBitsOffset, entryMarks, problems);
        check("block", table.blocks, layout.blockBitsOffset, blockMarks, problems);
        return problems;
    }

    private void check(final String what, final BlockAllocator pool, final int bitsOffset, final BitSet marks,
        final List<String> problems)
    {
        for (int i = 0; i < pool.count(); i++)
        {
            final long owner = pool.owner(i);
            final boolean bit = (table.body.getLongVolatile(bitsOffset + (i >>> 6) * Long.BYTES) & (1L << i)) != 0;
            if (owner != 0 && !marks.get(i))
            {
                problems.add(what + " " + i + " is owned (0x" + Long.toHexString(owner) + ") but unreachable");
            }
            if ((owner != 0) != bit)
            {
                problems.add(what + " " + i + " has owner 0x" + Long.toHexString(owner) + " but hint bit " + bit);
            }
        }
    }

    /**
     * Marks what the stripe's chains reach, checking owners, refs and lengths.
     *
     * @return the number of entries.
     */
    private long mark(final int stripe, final BitSet entryMarks, final BitSet blockMarks)
    {
        final long tag = tag(stripe);
        long count = 0;
        final int first = layout.firstBucket(stripe);
        for (int bucket = first; bucket < first + layout.bucketsPerStripe(); bucket++)
        {
            int ref = table.body.getIntVolatile(layout.bucketOffset(bucket));
            for (int steps = 0; ref != 0; steps++)
            {
                final int entry = table.checkEntryRef(ref, steps, bucket, true);
                final int at = layout.entryOffset(entry);
                if (table.entries.owner(entry) != tag || entryMarks.get(entry))
                {
                    throw table.corrupt("entry " + entry + " in the chain of bucket " + bucket + " has owner tag 0x" +
                        Long.toHexString(table.entries.owner(entry)) +
                        (entryMarks.get(entry) ? " and is reached twice" : ", not stripe " + stripe + "'s"));
                }
                entryMarks.set(entry);
                count++;
                final int keyLength = table.body.getInt(at + KEY_LENGTH_OFFSET);
                if (keyLength < 0 || keyLength > layout.maxKeyBytes)
                {
                    throw table.corrupt("entry " + entry + " has key length " + keyLength);
                }
                if (keyLength > INLINE_LENGTH)
                {
                    table.chains.mark(tag, table.body.getInt(at + KEY_BLOCK_OFFSET), keyLength, blockMarks);
                }
                final long word = table.body.getLongVolatile(at + VALUE_WORD_OFFSET);
                final int location = location(word);
                final int length = valueLength(word);
                if (length > layout.maxValueBytes || location == 0 ||
                    (location != LOC_CHAIN && length > slotLength(keyLength)))
                {
                    throw table.corrupt("entry " + entry + " has value word 0x" + Long.toHexString(word));
                }
                if (location == LOC_CHAIN)
                {
                    table.chains.mark(tag, firstBlockRef(word), length, blockMarks);
                }
                ref = table.body.getIntVolatile(at + NEXT_OFFSET);
            }
        }
        return count;
    }
}
