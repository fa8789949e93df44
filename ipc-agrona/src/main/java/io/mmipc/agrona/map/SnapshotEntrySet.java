package io.mmipc.agrona.map;

import io.mmipc.SharedMap;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A shared dict's entry set: each iterator walks a snapshot taken when it is made (one point in
 * time), and writes through to the map ({@code Iterator.remove}, {@code Entry.setValue}); the
 * other methods ask the map itself. {@code keySet()} and {@code values()} are built on it.
 */
final class SnapshotEntrySet<K, V> extends AbstractSet<Map.Entry<K, V>>
{
    private final SharedMap<K, V> map;

    SnapshotEntrySet(final SharedMap<K, V> map)
    {
        this.map = map;
    }

    @Override
    public Iterator<Map.Entry<K, V>> iterator()
    {
        final Iterator<Map.Entry<K, V>> snapshot = map.snapshot().entrySet().iterator();
        return new Iterator<>()
        {
            private K last;

            @Override
            public boolean hasNext()
            {
                return snapshot.hasNext();
            }

            @Override
            public Map.Entry<K, V> next()
            {
                if (!snapshot.hasNext())
                {
                    throw new NoSuchElementException();
                }
                final Map.Entry<K, V> entry = snapshot.next();
                last = entry.getKey();
                return new WriteThrough<>(map, entry.getKey(), entry.getValue());
            }

            @Override
            public void remove()
            {
                if (last == null)
                {
                    throw new IllegalStateException("next() has not been called since the last remove()");
                }
                map.delete(last);
                last = null;
            }
        };
    }

    @Override
    public int size()
    {
        return map.size();
    }

    @Override
    public boolean isEmpty()
    {
        return map.isEmpty();
    }

    @Override
    public boolean contains(final Object o)
    {
        if (!(o instanceof Map.Entry<?, ?> entry) || entry.getKey() == null || entry.getValue() == null)
        {
            return false;
        }
        return Objects.equals(map.get(entry.getKey()), entry.getValue());
    }

    @Override
    public boolean remove(final Object o)
    {
        return o instanceof Map.Entry<?, ?> entry && entry.getKey() != null && entry.getValue() != null &&
            map.remove(entry.getKey(), entry.getValue());
    }

    @Override
    public void clear()
    {
        map.clear();
    }

    /**
     * An entry of a snapshot whose {@code setValue} also puts the value into the map.
     */
    private static final class WriteThrough<K, V> extends AbstractMap.SimpleEntry<K, V>
    {
        private static final long serialVersionUID = 1L;

        private final transient SharedMap<K, V> map;

        WriteThrough(final SharedMap<K, V> map, final K key, final V value)
        {
            super(key, value);
            this.map = map;
        }

        @Override
        public V setValue(final V value)
        {
            map.set(getKey(), Objects.requireNonNull(value, "value"));
            return super.setValue(value);
        }
    }
}
