package io.mmipc.agrona.map;

import io.mmipc.ListOptions;
import io.mmipc.SharedList;
import io.mmipc.codec.Codec;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.io.ObjectStreamException;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The shared list: a codec and Java's list contract over a {@link ByteList}. Single elements are
 * encoded into per-thread scratch buffers, so {@code get} and {@code add} allocate only what
 * decoding returns. Iterators walk a snapshot and are read-only.
 */
final class AgronaList<T> extends AbstractList<T> implements SharedList<T>, RandomAccess
{
    private final TransportContext ctx;
    private final String name;
    private final Codec<T> codec;
    private final ByteList bytes;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    private volatile ListOptions options;

    AgronaList(final TransportContext ctx, final String name, final ByteList bytes, final Codec<T> codec,
        final ListOptions options)
    {
        this.ctx = ctx;
        this.name = name;
        this.bytes = bytes;
        this.codec = codec;
        this.options = options;
    }

    // ---- reads ----

    @Override
    public T get(final int index)
    {
        final Scratch s = scratch.get();
        return codec.decode(s.read, 0, bytes.get(index, s.read));
    }

    @Override
    public int size()
    {
        return bytes.size();
    }

    @Override
    public boolean isEmpty()
    {
        return bytes.size() == 0;
    }

    @Override
    public List<T> snapshot()
    {
        return copy(0, -1);
    }

    @Override
    public List<T> subList(final int from, final int to)
    {
        if (from < 0 || from > to)
        {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") of list '" + name + "'");
        }
        return copy(from, to);
    }

    @Override
    public Iterator<T> iterator()
    {
        return listIterator(0);
    }

    @Override
    public ListIterator<T> listIterator()
    {
        return listIterator(0);
    }

    @Override
    public ListIterator<T> listIterator(final int index)
    {
        return Collections.unmodifiableList(snapshot()).listIterator(index);
    }

    // ---- writes ----

    @Override
    public boolean add(final T element)
    {
        final Scratch s = scratch.get();
        bytes.splice(-1, 0, one(s, element), null);
        return true;
    }

    @Override
    public void add(final int index, final T element)
    {
        final Scratch s = scratch.get();
        bytes.splice(checkPosition(index), 0, one(s, element), null);
    }

    @Override
    public void extend(final Collection<? extends T> items)
    {
        bytes.splice(-1, 0, many(items), null);
    }

    @Override
    public boolean addAll(final Collection<? extends T> items)
    {
        extend(items);
        return !items.isEmpty();
    }

    @Override
    public boolean addAll(final int index, final Collection<? extends T> items)
    {
        bytes.splice(checkPosition(index), 0, many(items), null);
        return !items.isEmpty();
    }

    @Override
    public T set(final int index, final T element)
    {
        final Scratch s = scratch.get();
        final int length = encode(element, s.value);
        return codec.decode(s.read, 0, bytes.set(index, s.value, length, s.read));
    }

    @Override
    public T remove(final int index)
    {
        if (index < 0)
        {
            throw new IndexOutOfBoundsException("index " + index + " is outside list '" + name + "'");
        }
        final Scratch s = scratch.get();
        bytes.splice(index, 1, Scratch.NONE, s.read);
        return codec.decode(s.read, Integer.BYTES, s.read.getInt(0));
    }

    @Override
    public T pop()
    {
        final Scratch s = scratch.get();
        if (bytes.pop(s.read) == 0)
        {
            throw new NoSuchElementException("pop from empty list '" + name + "' (" + path() + ")");
        }
        return codec.decode(s.read, Integer.BYTES, s.read.getInt(0));
    }

    @Override
    public T pop(final int index)
    {
        return remove(index);
    }

    /**
     * Python's {@code lst.remove(x)}: removes the first element whose encoded bytes are {@code o}'s.
     */
    @Override
    @SuppressWarnings("unchecked")
    public boolean remove(final Object o)
    {
        final Scratch s = scratch.get();
        final int length;
        try
        {
            length = encode((T)o, s.value);
        }
        catch (final ClassCastException notAnElement)
        {
            return false;
        }
        return bytes.removeFirst(s.value, length);
    }

    @Override
    public void clear()
    {
        bytes.splice(0, -1, Scratch.NONE, null);
    }

    @Override
    protected void removeRange(final int from, final int to)
    {
        if (from < 0 || to < from)
        {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") of list '" + name + "'");
        }
        bytes.splice(from, to - from, Scratch.NONE, null);
    }

    @Override
    public boolean removeIf(final Predicate<? super T> filter)
    {
        throw unsupported("removeIf");
    }

    @Override
    public void replaceAll(final UnaryOperator<T> operator)
    {
        throw unsupported("replaceAll");
    }

    @Override
    public void sort(final Comparator<? super T> c)
    {
        throw unsupported("sort");
    }

    // ---- the object ----

    @Override
    public Codec<T> codec()
    {
        return codec;
    }

    @Override
    public ListOptions options()
    {
        return options;
    }

    @Override
    public SharedList<T> idle(final Supplier<IdleStrategy> idle)
    {
        bytes.idle(Objects.requireNonNull(idle, "idle"));
        options = options.idle(idle);
        return this;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public Path path()
    {
        return bytes.file.path();
    }

    @Override
    public boolean isClosed()
    {
        return bytes.file.isClosed();
    }

    @Override
    public void close()
    {
        bytes.close();
    }

    ByteList bytes()
    {
        return bytes;
    }

    /**
     * Java serialization writes a small handle instead: the directory, the name, the codec and the
     * capacity ({@link ListShape}); {@link AgronaMapProvider#reopen} opens it again.
     */
    private Object writeReplace() throws ObjectStreamException
    {
        final String what = "list '" + name + "' (" + path() + ")";
        return new Handle(ctx.transport(), ctx.directory().toString(), name, AgronaMapProvider.LIST_KIND, 0,
            ListShape.of(codec, options, what), null);
    }

    /**
     * Prints the elements, as Python prints a list; a closed list says so.
     */
    @Override
    public String toString()
    {
        return isClosed() ? "list '" + name + "' (" + path() + ", closed)" : super.toString();
    }

    // ---- codec ----

    private List<T> copy(final int from, final int to)
    {
        final ExpandableArrayBuffer all = new ExpandableArrayBuffer(4096);
        final int length = bytes.copyRange(from, to, all);
        final List<T> list = new ArrayList<>();
        for (int position = 0; position < length; )
        {
            final int n = all.getInt(position);
            list.add(codec.decode(all, position + Integer.BYTES, n));
            position += Integer.BYTES + n;
        }
        return list;
    }

    private ByteList.Items one(final Scratch s, final T element)
    {
        s.length = encode(element, s.value);
        return s;
    }

    private ByteList.Items many(final Collection<? extends T> items)
    {
        final List<ExpandableArrayBuffer> buffers = new ArrayList<>(items.size());
        final int[] lengths = new int[items.size()];
        for (final T item : items)
        {
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
            lengths[buffers.size()] = encode(item, buffer);
            buffers.add(buffer);
        }
        return new ByteList.Items()
        {
            @Override
            public int count()
            {
                return buffers.size();
            }

            @Override
            public DirectBuffer buffer(final int i)
            {
                return buffers.get(i);
            }

            @Override
            public int length(final int i)
            {
                return lengths[i];
            }
        };
    }

    private int encode(final T element, final MutableDirectBuffer into)
    {
        return codec.encode(Objects.requireNonNull(element, "element"), into, 0);
    }

    private int checkPosition(final int index)
    {
        if (index < 0)
        {
            throw new IndexOutOfBoundsException("index " + index + " is outside list '" + name + "'");
        }
        return index;
    }

    private UnsupportedOperationException unsupported(final String what)
    {
        return new UnsupportedOperationException(what + " on shared list '" + name + "': its iterators are " +
            "read-only snapshots; change it through add, set, remove, pop and clear");
    }

    /**
     * One thread's buffers: the encoded element (as a one-element {@link ByteList.Items}) and what was read.
     */
    private static final class Scratch implements ByteList.Items
    {
        /** No elements. */
        static final ByteList.Items NONE = new ByteList.Items()
        {
            @Override
            public int count()
            {
                return 0;
            }

            @Override
            public DirectBuffer buffer(final int i)
            {
                throw new IndexOutOfBoundsException(i);
            }

            @Override
            public int length(final int i)
            {
                throw new IndexOutOfBoundsException(i);
            }
        };

        final ExpandableArrayBuffer value = new ExpandableArrayBuffer(128);
        final ExpandableArrayBuffer read = new ExpandableArrayBuffer(128);
        int length;

        @Override
        public int count()
        {
            return 1;
        }

        @Override
        public DirectBuffer buffer(final int i)
        {
            return value;
        }

        @Override
        public int length(final int i)
        {
            return length;
        }
    }
}
