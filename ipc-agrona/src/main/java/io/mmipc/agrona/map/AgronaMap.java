package io.mmipc.agrona.map;

import io.mmipc.MapOptions;
import io.mmipc.SharedMap;
import io.mmipc.codec.Codec;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.io.ObjectStreamException;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The shared dict: codecs and Java's map contract over a {@link ByteMap}. Keys and values are
 * encoded into per-thread scratch buffers (fresh ones for a call made from inside a
 * {@code compute} function), so {@code get} and {@code set} allocate only what decoding returns.
 */
final class AgronaMap<K, V> extends AbstractMap<K, V> implements SharedMap<K, V>
{
    /** What an update's decision returns to leave the entry as it is. */
    private static final Object KEEP = new Object();

    private final TransportContext ctx;
    private final String name;
    private final Codec<K> keys;
    private final Codec<V> values;
    private final ByteMap bytes;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    private volatile MapOptions options;
    private Set<Entry<K, V>> entrySet;

    AgronaMap(final TransportContext ctx, final String name, final ByteMap bytes, final Codec<K> keys,
        final Codec<V> values, final MapOptions options)
    {
        this.ctx = ctx;
        this.name = name;
        this.bytes = bytes;
        this.keys = keys;
        this.values = values;
        this.options = options;
    }

    // ---- reads ----

    @Override
    public V get(final Object key)
    {
        final Scratch s = scratch();
        try
        {
            final int length = bytes.read(s.key, 0, encodeKey(key, s), s.value, 0);
            return length < 0 ? null : values.decode(s.value, 0, length);
        }
        finally
        {
            s.release();
        }
    }

    @Override
    public boolean containsKey(final Object key)
    {
        final Scratch s = scratch();
        try
        {
            return bytes.read(s.key, 0, encodeKey(key, s), null, 0) >= 0;
        }
        finally
        {
            s.release();
        }
    }

    @Override
    public int getBytes(final DirectBuffer key, final int keyOffset, final int keyLength,
        final MutableDirectBuffer value, final int valueOffset)
    {
        return bytes.read(key, keyOffset, keyLength, Objects.requireNonNull(value, "value"), valueOffset);
    }

    @Override
    public boolean containsKeyBytes(final DirectBuffer key, final int keyOffset, final int keyLength)
    {
        return bytes.read(key, keyOffset, keyLength, null, 0) >= 0;
    }

    @Override
    public int size()
    {
        return (int)Math.min(Integer.MAX_VALUE, bytes.size());
    }

    @Override
    public boolean isEmpty()
    {
        return bytes.size() == 0;
    }

    @Override
    public Map<K, V> snapshot()
    {
        final ExpandableArrayBuffer copy = new ExpandableArrayBuffer(4096);
        final int length = bytes.copyAll(copy);
        final Map<K, V> map = new LinkedHashMap<>();
        for (int position = 0; position < length; )
        {
            final int keyLength = copy.getInt(position);
            final K key = keys.decode(copy, position + Integer.BYTES, keyLength);
            position += Integer.BYTES + keyLength;
            final int valueLength = copy.getInt(position);
            map.put(key, values.decode(copy, position + Integer.BYTES, valueLength));
            position += Integer.BYTES + valueLength;
        }
        return map;
    }

    @Override
    public Set<Entry<K, V>> entrySet()
    {
        Set<Entry<K, V>> view = entrySet;
        if (view == null)
        {
            view = new SnapshotEntrySet<>(this);
            entrySet = view;
        }
        return view;
    }

    // ---- writes ----

    @Override
    public V put(final K key, final V value)
    {
        final Scratch s = scratch();
        try
        {
            final int keyLength = encodeKey(key, s);
            final int old = bytes.write(s.key, 0, keyLength, s.value, 0, encodeValue(value, s), s.old);
            return old < 0 ? null : values.decode(s.old, 0, old);
        }
        finally
        {
            s.release();
        }
    }

    @Override
    public void set(final K key, final V value)
    {
        final Scratch s = scratch();
        try
        {
            final int keyLength = encodeKey(key, s);
            bytes.write(s.key, 0, keyLength, s.value, 0, encodeValue(value, s), null);
        }
        finally
        {
            s.release();
        }
    }

    @Override
    public void putAll(final Map<? extends K, ? extends V> map)
    {
        map.forEach(this::set);
    }

    @Override
    public boolean putBytes(final DirectBuffer key, final int keyOffset, final int keyLength, final DirectBuffer value,
        final int valueOffset, final int valueLength)
    {
        return bytes.write(key, keyOffset, keyLength, value, valueOffset, valueLength, null) >= 0;
    }

    @Override
    public boolean delete(final K key)
    {
        final Scratch s = scratch();
        try
        {
            return bytes.remove(s.key, 0, encodeKey(key, s));
        }
        finally
        {
            s.release();
        }
    }

    @Override
    public boolean removeBytes(final DirectBuffer key, final int keyOffset, final int keyLength)
    {
        return bytes.remove(key, keyOffset, keyLength);
    }

    @Override
    public V remove(final Object key)
    {
        return update(key, old -> old == null ? KEEP : null);
    }

    @Override
    public boolean remove(final Object key, final Object value)
    {
        Objects.requireNonNull(value, "value");
        final Object[] outcome = new Object[1];
        update(key, old -> outcome[0] = old != null && old.equals(value) ? null : KEEP);
        return outcome[0] == null;
    }

    @Override
    public V putIfAbsent(final K key, final V value)
    {
        Objects.requireNonNull(value, "value");
        return update(key, old -> old == null ? value : KEEP);
    }

    @Override
    public V replace(final K key, final V value)
    {
        Objects.requireNonNull(value, "value");
        return update(key, old -> old == null ? KEEP : value);
    }

    @Override
    public boolean replace(final K key, final V oldValue, final V newValue)
    {
        Objects.requireNonNull(oldValue, "oldValue");
        Objects.requireNonNull(newValue, "newValue");
        final Object[] outcome = new Object[1];
        update(key, old -> outcome[0] = old != null && old.equals(oldValue) ? newValue : KEEP);
        return outcome[0] != KEEP;
    }

    @Override
    public V computeIfAbsent(final K key, final Function<? super K, ? extends V> mapping)
    {
        Objects.requireNonNull(mapping, "mapping");
        final Object[] outcome = new Object[1];
        final V old = update(key, current ->
        {
            final V computed = current == null ? mapping.apply(key) : null;
            outcome[0] = computed;
            return computed == null ? KEEP : computed;
        });
        return old != null ? old : cast(outcome[0]);
    }

    @Override
    public V computeIfPresent(final K key, final BiFunction<? super K, ? super V, ? extends V> remapping)
    {
        Objects.requireNonNull(remapping, "remapping");
        final Object[] outcome = new Object[1];
        update(key, old -> old == null ? KEEP : (outcome[0] = remapping.apply(key, old)));
        return cast(outcome[0]);
    }

    @Override
    public V compute(final K key, final BiFunction<? super K, ? super V, ? extends V> remapping)
    {
        Objects.requireNonNull(remapping, "remapping");
        final Object[] outcome = new Object[1];
        update(key, old ->
        {
            final V computed = remapping.apply(key, old);
            outcome[0] = computed;
            return computed == null && old == null ? KEEP : computed;
        });
        return cast(outcome[0]);
    }

    @Override
    public V merge(final K key, final V value, final BiFunction<? super V, ? super V, ? extends V> remapping)
    {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(remapping, "remapping");
        final Object[] outcome = new Object[1];
        update(key, old -> outcome[0] = old == null ? value : remapping.apply(old, value));
        return cast(outcome[0]);
    }

    @Override
    public void clear()
    {
        bytes.clear();
    }

    // ---- the object ----

    @Override
    public Codec<K> keyCodec()
    {
        return keys;
    }

    @Override
    public Codec<V> valueCodec()
    {
        return values;
    }

    @Override
    public MapOptions options()
    {
        return options;
    }

    @Override
    public SharedMap<K, V> idle(final Supplier<IdleStrategy> idle)
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

    ByteMap bytes()
    {
        return bytes;
    }

    /**
     * Java serialization writes a small handle instead: the directory, the name, the codecs and
     * the capacity ({@link DictShape}); {@link AgronaMapProvider#reopen} opens it again.
     */
    private Object writeReplace() throws ObjectStreamException
    {
        final String what = "dict '" + name + "' (" + path() + ")";
        return new Handle(ctx.transport(), ctx.directory().toString(), name, AgronaMapProvider.KIND, 0,
            DictShape.of(keys, values, options, what), null);
    }

    /**
     * Prints the entries, as Python prints a dict; a closed map says so.
     */
    @Override
    public String toString()
    {
        return isClosed() ? "dict '" + name + "' (" + path() + ", closed)" : super.toString();
    }

    // ---- codecs ----

    /**
     * The one path of every conditional update: under the key's stripe lock, decodes the value
     * (null when absent), asks {@code decide} for the new one (null to remove, {@link #KEEP} to
     * leave it), and encodes it.
     *
     * @return the value before.
     */
    private V update(final Object key, final Function<? super V, Object> decide)
    {
        final Scratch s = scratch();
        try
        {
            final Object[] old = new Object[1];
            bytes.update(s.key, 0, encodeKey(key, s), (current, length, into) ->
            {
                final V value = length < 0 ? null : values.decode(current, 0, length);
                old[0] = value;
                final Object next = decide.apply(value);
                return next == KEEP ? ByteMap.KEEP : next == null ? ByteMap.REMOVE :
                    values.encode(cast(next), into, 0);
            }, s.old, s.value);
            return cast(old[0]);
        }
        finally
        {
            s.release();
        }
    }

    private Scratch scratch()
    {
        final Scratch s = scratch.get();
        if (s.inUse)
        {
            return new Scratch(); // a call from inside a compute function of this thread
        }
        s.inUse = true;
        return s;
    }

    @SuppressWarnings("unchecked")
    private int encodeKey(final Object key, final Scratch s)
    {
        return keys.encode((K)Objects.requireNonNull(key, "key"), s.key, 0);
    }

    private int encodeValue(final V value, final Scratch s)
    {
        return values.encode(Objects.requireNonNull(value, "value"), s.value, 0);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(final Object value)
    {
        return (T)value;
    }

    /**
     * One thread's buffers for a call: the encoded key, the encoded or read value, and the value replaced.
     */
    private static final class Scratch
    {
        final ExpandableArrayBuffer key = new ExpandableArrayBuffer(64);
        final ExpandableArrayBuffer value = new ExpandableArrayBuffer(128);
        final ExpandableArrayBuffer old = new ExpandableArrayBuffer(128);
        boolean inUse;

        void release()
        {
            inUse = false;
        }
    }
}
