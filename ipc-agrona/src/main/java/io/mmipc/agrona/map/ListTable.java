package io.mmipc.agrona.map;

import io.mmipc.SharedListFullException;
import io.mmipc.internal.file.SharedFile;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.AtomicBuffer;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.mmipc.agrona.map.ListDescriptor.*;

/**
 * The index table and elements in a list's file ({@link ListDescriptor}): how they are read and
 * changed; callers run between the file's {@code enter()} and {@code exit()}, and changes run
 * under the list's lock.
 * <p>
 * <b>Changes</b> write new bytes only where no reader of the current state looks (claimed blocks,
 * slots past the size, the inactive table), then publish with one release store of the state word
 * or of one element word; then, when something became unreachable, they bump the version and only
 * then free it. A process killed anywhere leaves the state before or after the change, every
 * element whole, and at worst blocks that {@link #repair()} gives back.
 * <p>
 * <b>Reads</b> take no lock: version, state, element word, bytes, version again (the dict's
 * scheme, {@link MapTable}); a reader that keeps seeing writers gives up after
 * {@value MapTable#OPTIMISTIC_ATTEMPTS} tries and reads under the lock.
 */
final class ListTable
{
    /** What an optimistic read returns when it could not get a consistent look. */
    static final int GIVE_UP = Integer.MIN_VALUE;
    private static final int OUT_OF_RANGE = -1;

    final SharedFile file;
    final AtomicBuffer body;
    final ListLayout layout;
    final BlockChains chains;
    final Object label;
    private final AtomicLong repairs = new AtomicLong();

    ListTable(final SharedFile file, final ListLayout layout, final Object label)
    {
        this.file = file;
        this.body = file.body();
        this.layout = layout;
        this.label = label;
        final BlockAllocator pool = new BlockAllocator(body, BITS_OFFSET, layout.blocks, layout.blocksOffset,
            layout.blockBytes);
        this.chains = new BlockChains(body, pool, layout.blockBytes, file.path(), label);
    }

    // ---- reads ----

    /**
     * @return the size from a checked state word.
     */
    int size(final boolean locked)
    {
        return (int)sizeOf(state(locked));
    }

    /**
     * Reads element {@code index} without a lock.
     *
     * @return its length, or {@link #GIVE_UP}: read under the lock then.
     * @throws IndexOutOfBoundsException when the index is outside a consistent look at the list.
     */
    int readOptimistic(final int index, final MutableDirectBuffer into, final int intoOffset)
    {
        if (index < 0)
        {
            throw outOfRange(index, size(true));
        }
        for (int attempt = 0; attempt < MapTable.OPTIMISTIC_ATTEMPTS; attempt++)
        {
            final long before = body.getLongVolatile(VERSION_OFFSET);
            int result;
            long size = 0;
            try
            {
                final long state = state(false);
                size = sizeOf(state);
                result = index < size ? copyElement(word(tableOf(state), index), into, intoOffset, false) : OUT_OF_RANGE;
            }
            catch (final RuntimeException torn)
            {
                if (torn != MapTable.TORN)
                {
                    throw torn;
                }
                result = GIVE_UP;
            }
            VarHandle.acquireFence(); // the reads above complete before the version is read again
            if (body.getLongVolatile(VERSION_OFFSET) == before)
            {
                if (result == OUT_OF_RANGE)
                {
                    throw outOfRange(index, size);
                }
                return result;
            }
            Thread.onSpinWait();
        }
        return GIVE_UP;
    }

    /**
     * Reads element {@code index} under the lock.
     *
     * @return its length.
     */
    int readLocked(final int index, final MutableDirectBuffer into, final int intoOffset)
    {
        final long state = state(true);
        checkIndex(index, sizeOf(state));
        return copyElement(word(tableOf(state), index), into, intoOffset, true);
    }

    /**
     * Copies elements {@code [from, to)} as {@code [length][bytes]} records, under the lock.
     *
     * @return the bytes written.
     */
    int copyRange(final int from, final int to, final MutableDirectBuffer into)
    {
        final long state = state(true);
        final long size = sizeOf(state);
        if (from < 0 || to > size || from > to)
        {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") is outside " + label + " of size " +
                size);
        }
        int position = 0;
        for (int i = from; i < to; i++)
        {
            final int length = copyElement(word(tableOf(state), i), into, position + Integer.BYTES, true);
            into.putInt(position, length);
            position += Integer.BYTES + length;
        }
        return position;
    }

    /**
     * @return the index of the first element whose bytes are {@code value}'s, or -1 (under the lock).
     */
    int find(final DirectBuffer value, final int offset, final int length)
    {
        final long state = state(true);
        final int size = (int)sizeOf(state);
        for (int i = 0; i < size; i++)
        {
            final long word = word(tableOf(state), i);
            checkWord(word, true);
            if (ListDescriptor.length(word) == length && chains.equalTo(firstBlockRef(word), length, value, offset))
            {
                return i;
            }
        }
        return -1;
    }

    // ---- changes, under the lock ----

    /**
     * Copies an element's bytes into claimed blocks.
     *
     * @return its element word.
     * @throws SharedListFullException with nothing claimed, when the data space is short.
     */
    long writeElement(final DirectBuffer src, final int offset, final int length)
    {
        final int first = chains.write(TAG, src, offset, length);
        if (first == BlockChains.FULL)
        {
            throw new SharedListFullException(file.path(), label + " has no room for a " + length +
                "-byte element: it takes " + chains.blocksFor(length) + " of its " + layout.blocks + " blocks of " +
                layout.blockBytes + " bytes (dataBytes " + layout.dataBytes + "), and " +
                chains.pool().countFree() + " are free");
        }
        return elementWord(length, first);
    }

    /**
     * Gives back the blocks of elements no reachable slot holds (after a failed change).
     */
    void freeElements(final LongArrayList words)
    {
        for (int i = 0; i < words.size(); i++)
        {
            chains.free(TAG, firstBlockRef(words.getLong(i)));
        }
    }

    /**
     * Replaces {@code [from, from + removeCount)} with the elements {@code words}, publishing with
     * one store: in place for an append (slots past the size) or a truncation, else through the
     * inactive table.
     *
     * @param removed where the removed elements are copied as {@code [length][bytes]} records, or null.
     * @return the bytes written to {@code removed}.
     */
    int splice(final int from, final int removeCount, final LongArrayList words, final MutableDirectBuffer removed)
    {
        final long state = state(true);
        final int size = (int)sizeOf(state);
        final int active = tableOf(state);
        if (from < 0 || removeCount < 0 || from > size - removeCount)
        {
            throw new IndexOutOfBoundsException("range [" + from + ", " + ((long)from + removeCount) +
                ") is outside " + label + " of size " + size);
        }
        final int count = words.size();
        final long newSize = (long)size - removeCount + count;
        if (newSize > layout.maxElements)
        {
            throw new SharedListFullException(file.path(), label + " is full: it holds " + size + " of its " +
                layout.maxElements + " elements (maxElements); adding " + count + " would make " + newSize);
        }
        int removedBytes = 0;
        final long[] old = new long[removeCount];
        for (int i = 0; i < removeCount; i++)
        {
            old[i] = checkWord(word(active, from + i), true);
            if (removed != null)
            {
                final int length = copyElement(old[i], removed, removedBytes + Integer.BYTES, true);
                removed.putInt(removedBytes, length);
                removedBytes += Integer.BYTES + length;
            }
        }
        if (removeCount == 0 && from == size)
        {
            for (int i = 0; i < count; i++)
            {
                body.putLong(layout.elementOffset(active, size + i), words.getLong(i));
            }
            MapCrashPoints.reached("list-append-written");
            body.putLongRelease(STATE_OFFSET, ListDescriptor.state(active, (int)newSize)); // publish
            return removedBytes;
        }
        final int next;
        if (count == 0 && from + removeCount == size)
        {
            next = active;
        }
        else
        {
            next = 1 - active;
            copySlots(active, 0, next, 0, from);
            for (int i = 0; i < count; i++)
            {
                body.putLong(layout.elementOffset(next, from + i), words.getLong(i));
            }
            copySlots(active, from + removeCount, next, from + count, size - from - removeCount);
            MapCrashPoints.reached("list-shift-written");
        }
        body.putLongRelease(STATE_OFFSET, ListDescriptor.state(next, (int)newSize)); // publish
        bumpVersion();
        MapCrashPoints.reached("list-shift-published");
        for (final long word : old)
        {
            chains.free(TAG, firstBlockRef(word));
        }
        return removedBytes;
    }

    /**
     * Gives element {@code index} the element {@code word}.
     *
     * @param old where the replaced element is copied, or null.
     * @return the replaced element's length (0 with a null {@code old}).
     */
    int replace(final int index, final long word, final MutableDirectBuffer old)
    {
        final long state = state(true);
        checkIndex(index, sizeOf(state));
        final int offset = layout.elementOffset(tableOf(state), index);
        final long previous = checkWord(body.getLongVolatile(offset), true);
        final int length = old == null ? 0 : copyElement(previous, old, 0, true);
        body.putLongRelease(offset, word); // publish
        bumpVersion();
        MapCrashPoints.reached("list-set-published");
        chains.free(TAG, firstBlockRef(previous));
        return length;
    }

    /**
     * After a holder of the lock died: the state and every reachable element are whole (each
     * change was one store), so only blocks can be wrong. Marks what the active table reaches and
     * frees every other block the list owns. Reads every block's owner word once.
     */
    void repair()
    {
        bumpVersion(); // a reader that looked before the crash looks again
        final BitSet marks = new BitSet(layout.blocks);
        mark(marks);
        chains.freeUnmarked(TAG, marks);
        repairs.incrementAndGet();
    }

    long repairs()
    {
        return repairs.get();
    }

    /**
     * @return what is wrong with the list, empty when nothing is (under the lock).
     */
    List<String> audit()
    {
        final List<String> problems = new ArrayList<>();
        final BitSet marks = new BitSet(layout.blocks);
        try
        {
            mark(marks);
        }
        catch (final RuntimeException ex)
        {
            problems.add(ex.getMessage());
            return problems;
        }
        final BlockAllocator pool = chains.pool();
        for (int block = 0; block < pool.count(); block++)
        {
            final long owner = pool.owner(block);
            final boolean bit = (body.getLongVolatile(BITS_OFFSET + (block >>> 6) * Long.BYTES) & (1L << block)) != 0;
            if (owner != 0 && !marks.get(block))
            {
                problems.add("block " + block + " is owned (0x" + Long.toHexString(owner) + ") but unreachable");
            }
            if ((owner != 0) != bit)
            {
                problems.add("block " + block + " has owner 0x" + Long.toHexString(owner) + " but hint bit " + bit);
            }
        }
        return problems;
    }

    // ---- words and checks ----

    private void mark(final BitSet marks)
    {
        final long state = state(true);
        for (int i = 0; i < sizeOf(state); i++)
        {
            final long word = checkWord(word(tableOf(state), i), true);
            chains.mark(TAG, firstBlockRef(word), ListDescriptor.length(word), marks);
        }
    }

    private void copySlots(final int fromTable, final int fromIndex, final int toTable, final int toIndex,
        final int count)
    {
        if (count > 0)
        {
            body.putBytes(layout.elementOffset(toTable, toIndex), body, layout.elementOffset(fromTable, fromIndex),
                count * ELEMENT_LENGTH);
        }
    }

    private long word(final int table, final int index)
    {
        return body.getLongVolatile(layout.elementOffset(table, index));
    }

    private int copyElement(final long word, final MutableDirectBuffer into, final int intoOffset,
        final boolean locked)
    {
        checkWord(word, locked);
        final int length = ListDescriptor.length(word);
        chains.copy(firstBlockRef(word), length, into, intoOffset, locked);
        return length;
    }

    private long checkWord(final long word, final boolean locked)
    {
        final int length = ListDescriptor.length(word);
        final int ref = firstBlockRef(word);
        if (!isElement(word) || length > layout.maxElementBytes || (length == 0) != (ref == 0))
        {
            MapTable.torn(locked);
            throw chains.corrupt("element word 0x" + Long.toHexString(word) + ", which no writer produces");
        }
        return word;
    }

    private long state(final boolean locked)
    {
        final long state = body.getLongVolatile(STATE_OFFSET);
        if (isStrange(state) || sizeOf(state) > layout.maxElements)
        {
            MapTable.torn(locked);
            throw chains.corrupt("state word 0x" + Long.toHexString(state) + " (maxElements " + layout.maxElements +
                ")");
        }
        return state;
    }

    private void bumpVersion()
    {
        body.putLongRelease(VERSION_OFFSET, body.getLong(VERSION_OFFSET) + 1);
    }

    private void checkIndex(final int index, final long size)
    {
        if (index < 0 || index >= size)
        {
            throw outOfRange(index, size);
        }
    }

    private IndexOutOfBoundsException outOfRange(final int index, final long size)
    {
        return new IndexOutOfBoundsException("index " + index + " is outside " + label + " of size " + size);
    }
}
