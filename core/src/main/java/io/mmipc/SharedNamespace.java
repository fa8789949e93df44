package io.mmipc;

import java.io.Serializable;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;

/**
 * Named fields shared by processes: Python's {@code multiprocessing.Manager().Namespace()}, without
 * the server process. Python's attribute syntax becomes calls:
 * <pre>{@code
 * SharedNamespace ns = ctx.namespace("config");
 * ns.set("x", 1);                         // ns.x = 1
 * int x = ns.get("x", Integer.class);     // ns.x
 * ns.update("hits", (Long n) -> n + 1);   // ns.hits += 1, but atomic
 * ns.delete("x");                         // del ns.x
 * Map<String, Object> all = ns.fields();  // vars(ns)
 * }</pre>
 * Field names are identifiers ({@code [A-Za-z_$][A-Za-z0-9_$]*}); values are any
 * {@link Serializable} object, stored with Java serialization and read back through a
 * {@link io.mmipc.codec.SerialFilter} (bytes in a shared file are input like any other: a value of
 * a class the filter does not admit is a {@link io.mmipc.codec.CodecException}).
 * <p>
 * The fields live in a shared dict ({@link SharedMap}) of their own kind, so they share its
 * guarantees: every call on one field is atomic, reads take no lock, a writer killed at any
 * instruction leaves every field wholly old or new, and the next writer repairs by itself.
 * Capacity ({@link MapOptions}: fields, longest name and value) is chosen at creation;
 * one field too many is a {@link SharedMapFullException}.
 */
public interface SharedNamespace extends SharedResource
{
    /** The capacity of {@code ctx.namespace(name)}: 1,024 fields, values up to 64 KiB, 1 MiB of data space. */
    MapOptions DEFAULT_OPTIONS = MapOptions.defaults().maxEntries(1024).maxKeyBytes(256).stripes(8)
        .dataBytes(1L << 20);

    /**
     * Python's {@code ns.field = value}.
     */
    void set(String field, Serializable value);

    /**
     * Python's {@code ns.field}.
     *
     * @throws NoSuchElementException naming the field and the namespace (Python's {@code AttributeError})
     *                                when it is not set.
     */
    Object get(String field);

    /**
     * {@link #get(String)}, checked against {@code type}.
     *
     * @throws ClassCastException naming the field, its class and {@code type}.
     */
    <T> T get(String field, Class<T> type);

    /**
     * Python's {@code getattr(ns, field, fallback)}.
     */
    <T> T getOrDefault(String field, T fallback);

    /**
     * Python's {@code hasattr(ns, field)}.
     */
    boolean has(String field);

    /**
     * Python's {@code del ns.field}.
     *
     * @return true when the field was set.
     */
    boolean delete(String field);

    /**
     * Replaces a field's value with {@code update}'s result, atomically: the function runs under the
     * field's lock, once, and must be short and leave this namespace alone.
     *
     * @throws NoSuchElementException when the field is not set.
     * @return the new value.
     */
    <T extends Serializable> T update(String field, UnaryOperator<T> update);

    /**
     * Python's {@code vars(ns)}: every field at one point in time, sorted by name.
     */
    Map<String, Object> fields();

    MapOptions options();
}
