package io.mmipc;

import io.mmipc.codec.Codec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A dictionary shared by processes: Python's {@code multiprocessing.Manager().dict()}, except that
 * there is no server process. The table lives in a mapped file and every process reads and writes
 * it directly.
 * <pre>{@code
 * SharedMap<String, String> shared = ctx.dict("shared", Codecs.utf8(), Codecs.utf8());
 * shared.put("process_1_item_0", "Value from process 1");   // shared_dict[key] = value
 * String v = shared.get("process_1_item_0");
 * shared.merge("hits", 1L, Long::sum);                      // with Codecs.int64() values
 * }</pre>
 * Keys and values cross through {@link Codec}s and are compared by their encoded bytes: two keys
 * are the same key when they encode to the same bytes. Nulls are refused, as in every
 * {@link ConcurrentMap}.
 *
 * <h2>Atomicity</h2>
 * Every single-key method is atomic across processes: {@code put}, {@code remove},
 * {@code putIfAbsent}, both {@code replace}s and the {@code compute} family, whose function runs
 * exactly once, under the key's stripe lock (like {@link java.util.concurrent.ConcurrentHashMap},
 * it must be short and must not use this map: a write to a key of its own stripe is an
 * {@link IllegalStateException} rather than a deadlock). Reads take no lock: they check a
 * per-stripe version word and look again if a writer freed what they read; a writer that died
 * never holds them up. {@link #clear()} and every iteration lock all
 * stripes at once, so they see or make a single point in time; single-key reads that run during
 * a {@code clear} may see part of it (as with {@code ConcurrentHashMap}). {@link #size()} adds
 * per-stripe counts and may be off by the updates in flight.
 *
 * <h2>Iteration</h2>
 * {@link #entrySet()}, {@link #keySet()} and {@link #values()} are views: their iterators walk a
 * snapshot taken when the iterator is made (all stripes locked while the bytes are copied, then
 * decoded outside the locks): every entry of one point in time, and nothing else. This is what
 * Python's {@code d.items()} on a manager's dict returns. {@code Iterator.remove} and
 * {@code Entry.setValue} write through to the map. {@link #snapshot()} returns the same copy as a
 * plain {@link Map}.
 *
 * <h2>Crashes</h2>
 * A process killed at any instruction, even half-way through a {@code put}, leaves every entry
 * wholly old or wholly new: new bytes go into free space and are published with one release
 * store. The stripe's lock is taken over by the next writer, which puts back the space and count
 * the dead process may have left half-claimed, by itself; no one calls a recovery method. A
 * {@code clear} interrupted by a crash may leave part of the entries, each whole.
 *
 * <h2>Capacity</h2>
 * Set at creation through {@link MapOptions}: a key or value longer than declared is an
 * {@link IllegalArgumentException}; a map without a free record or data block is a
 * {@link SharedMapFullException}; nothing is written in either case.
 *
 * <h2>Without allocation</h2>
 * The {@code *Bytes} methods take keys and values as bytes in Agrona buffers and copy values into
 * the caller's buffer, for code that must not allocate.
 */
public interface SharedMap<K, V> extends ConcurrentMap<K, V>, SharedResource
{
    /**
     * Python's {@code d[key] = value}: {@link #put} without decoding the value it replaces.
     */
    void set(K key, V value);

    /**
     * Python's {@code del d[key]} (without its {@code KeyError}): {@link #remove(Object)} without
     * decoding the value it removes.
     *
     * @return true when the key was there.
     */
    boolean delete(K key);

    /**
     * Copies the value of the key in {@code key[keyOffset, keyOffset + keyLength)} into
     * {@code value} at {@code valueOffset}; an expandable buffer grows as needed.
     *
     * @return the value's length, or -1 when the key is absent.
     * @throws IndexOutOfBoundsException when the value does not fit a buffer that cannot grow.
     */
    int getBytes(DirectBuffer key, int keyOffset, int keyLength, MutableDirectBuffer value, int valueOffset);

    /**
     * Maps the key bytes to the value bytes.
     *
     * @return true when it replaced a value, false when it added the key.
     */
    boolean putBytes(DirectBuffer key, int keyOffset, int keyLength, DirectBuffer value, int valueOffset,
        int valueLength);

    /**
     * @return true when the key bytes were there and are now removed.
     */
    boolean removeBytes(DirectBuffer key, int keyOffset, int keyLength);

    boolean containsKeyBytes(DirectBuffer key, int keyOffset, int keyLength);

    /**
     * @return a copy of every entry at one point in time, detached from the map: Python's
     *         {@code dict(d)} / {@code d.copy()}.
     */
    Map<K, V> snapshot();

    /**
     * The function runs once, under the key's stripe lock.
     */
    @Override
    V compute(K key, BiFunction<? super K, ? super V, ? extends V> remapping);

    /**
     * The function runs at most once, under the key's stripe lock.
     */
    @Override
    V computeIfAbsent(K key, Function<? super K, ? extends V> mapping);

    /**
     * The function runs at most once, under the key's stripe lock.
     */
    @Override
    V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remapping);

    /**
     * The function runs at most once, under the key's stripe lock.
     */
    @Override
    V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remapping);

    Codec<K> keyCodec();

    Codec<V> valueCodec();

    /**
     * @return the capacity the map's file was made with (and this opener's idle strategy).
     */
    MapOptions options();

    /**
     * Sets how this process's threads wait for a stripe's lock (default {@link Idle#backoff()}).
     *
     * @return this map.
     */
    SharedMap<K, V> idle(Supplier<IdleStrategy> idle);
}
