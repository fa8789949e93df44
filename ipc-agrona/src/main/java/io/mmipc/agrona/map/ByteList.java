package io.mmipc.agrona.map;

import io.mmipc.agrona.sync.LockCore;
import io.mmipc.agrona.sync.Waiters;
import io.mmipc.internal.file.SharedFile;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.IdleStrategy;

import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The list on bytes: every call checks lengths, runs between the file's {@code enter()} and
 * {@code exit()} (so a close never unmaps under it, and a lock taken is always released) and turns
 * a fault in mapped memory into an exception naming the file. Changes hold the list's robust lock
 * ({@link LockCore}); the next holder after a dead one repairs ({@link ListTable#repair()}) first.
 */
final class ByteList
{
    /**
     * Encoded elements: element {@code i}'s bytes are {@code buffer(i)} from 0 for {@code length(i)} bytes.
     */
    interface Items
    {
        int count();

        DirectBuffer buffer(int i);

        int length(int i);
    }

    final SharedFile file;
    final ListLayout layout;
    final ListTable table;
    private final LockCore lock;
    private final Waiters waiters;
    private final String label;

    ByteList(final SharedFile file, final ListLayout layout, final LockCore lock, final Waiters waiters,
        final String label)
    {
        this.file = file;
        this.layout = layout;
        this.lock = lock;
        this.waiters = waiters;
        this.label = label;
        this.table = new ListTable(file, layout, label);
    }

    /**
     * @return element {@code index}'s length; its bytes are in {@code into} from 0.
     */
    int get(final int index, final MutableDirectBuffer into)
    {
        file.enter();
        try
        {
            final int length = table.readOptimistic(index, into, 0);
            return length != ListTable.GIVE_UP ? length : locked(() -> table.readLocked(index, into, 0));
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

    int size()
    {
        file.enter();
        try
        {
            return table.size(true);
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
     * Replaces {@code [from, from + removeCount)} with {@code items}, all or nothing. Where the end
     * is is known only under the lock: {@code from} -1 means the end (an append), {@code removeCount}
     * -1 everything from {@code from} on.
     *
     * @param removed where the removed elements go as {@code [length][bytes]} records, or null.
     * @return the bytes written to {@code removed}.
     */
    int splice(final int from, final int removeCount, final Items items, final MutableDirectBuffer removed)
    {
        for (int i = 0; i < items.count(); i++)
        {
            checkLength(items.length(i));
        }
        return locked(() ->
        {
            final LongArrayList words = new LongArrayList(Math.max(items.count(), 1), Long.MIN_VALUE);
            try
            {
                for (int i = 0; i < items.count(); i++)
                {
                    words.addLong(table.writeElement(items.buffer(i), 0, items.length(i)));
                }
                final int size = table.size(true);
                final int start = from < 0 ? size : from;
                return table.splice(start, removeCount < 0 ? Math.max(0, size - start) : removeCount, words, removed);
            }
            catch (final RuntimeException ex)
            {
                table.freeElements(words); // nothing was published: the new blocks go back
                throw ex;
            }
        });
    }

    /**
     * Removes the last element.
     *
     * @return the bytes written to {@code removed}: 0 when the list was empty.
     */
    int pop(final MutableDirectBuffer removed)
    {
        return locked(() ->
        {
            final int size = table.size(true);
            return size == 0 ? 0 : table.splice(size - 1, 1, new LongArrayList(), removed);
        });
    }

    /**
     * Removes the first element whose bytes are {@code value}'s.
     *
     * @return true when there was one.
     */
    boolean removeFirst(final DirectBuffer value, final int length)
    {
        return locked(() ->
        {
            final int index = table.find(value, 0, length);
            if (index >= 0)
            {
                table.splice(index, 1, new LongArrayList(), null);
            }
            return index >= 0 ? 1 : 0;
        }) == 1;
    }

    /**
     * @param old where the replaced element goes, or null.
     * @return its length (0 with a null {@code old}).
     */
    int set(final int index, final DirectBuffer value, final int length, final MutableDirectBuffer old)
    {
        checkLength(length);
        return locked(() ->
        {
            final long word = table.writeElement(value, 0, length);
            try
            {
                return table.replace(index, word, old);
            }
            catch (final RuntimeException ex)
            {
                final LongArrayList unused = new LongArrayList();
                unused.addLong(word);
                table.freeElements(unused);
                throw ex;
            }
        });
    }

    /**
     * Copies {@code [from, to)} ({@code to} -1: to the end) at one point in time.
     *
     * @return the bytes written, {@code [length][bytes]} per element.
     */
    int copyRange(final int from, final int to, final MutableDirectBuffer into)
    {
        return locked(() -> table.copyRange(from, to < 0 ? table.size(true) : to, into));
    }

    List<String> audit()
    {
        final Object[] problems = new Object[1];
        locked(() ->
        {
            problems[0] = table.audit();
            return 0;
        });
        @SuppressWarnings("unchecked") final List<String> list = (List<String>)problems[0];
        return list;
    }

    /**
     * @return the free data blocks, from a scan of their owner words.
     */
    int freeBlocks()
    {
        file.enter();
        try
        {
            return table.chains.pool().countFree();
        }
        finally
        {
            file.exit();
        }
    }

    boolean isLocked()
    {
        return lock.isLocked();
    }

    void idle(final Supplier<IdleStrategy> idle)
    {
        waiters.idle(idle);
    }

    void close()
    {
        lock.close();
        file.close();
    }

    private int locked(final IntSupplier action)
    {
        file.enter();
        try
        {
            lock.lock();
            try
            {
                if (lock.previousOwnerDiedEntered())
                {
                    table.repair();
                }
                return action.getAsInt();
            }
            finally
            {
                lock.unlockEntered();
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

    private void checkLength(final int length)
    {
        if (length < 0 || length > layout.maxElementBytes)
        {
            throw new IllegalArgumentException("an element of " + length + " bytes is longer than the maxElementBytes " +
                layout.maxElementBytes + " of " + label + " (" + file.path() + ")");
        }
    }
}
