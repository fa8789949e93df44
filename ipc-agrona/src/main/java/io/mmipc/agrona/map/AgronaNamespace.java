package io.mmipc.agrona.map;

import io.mmipc.MapOptions;
import io.mmipc.SharedMap;
import io.mmipc.SharedNamespace;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The shared namespace: named fields over a shared dict of its own kind ({@code NAMESPACE}) whose
 * keys are the field names (UTF-8) and whose values are Java-serialized and read back through the
 * namespace's filter. Everything else (atomicity, crashes, capacity) is the dict's.
 */
final class AgronaNamespace implements SharedNamespace
{
    private static final Pattern FIELD = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private final TransportContext ctx;
    private final String name;
    private final SharedMap<String, Object> fields;

    AgronaNamespace(final TransportContext ctx, final String name, final SharedMap<String, Object> fields)
    {
        this.ctx = ctx;
        this.name = name;
        this.fields = fields;
    }

    @Override
    public void set(final String field, final Serializable value)
    {
        fields.set(checkField(field), Objects.requireNonNull(value, () -> "value of " + field + " (use delete)"));
    }

    @Override
    public Object get(final String field)
    {
        final Object value = fields.get(checkField(field));
        if (value == null)
        {
            throw missing(field);
        }
        return value;
    }

    @Override
    public <T> T get(final String field, final Class<T> type)
    {
        final Object value = get(field);
        if (!type.isInstance(value))
        {
            throw new ClassCastException("field " + field + " of " + this + " holds a " + value.getClass().getName() +
                ", not a " + type.getName());
        }
        return type.cast(value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getOrDefault(final String field, final T fallback)
    {
        final Object value = fields.get(checkField(field));
        return value == null ? fallback : (T)value;
    }

    @Override
    public boolean has(final String field)
    {
        return fields.containsKey(checkField(field));
    }

    @Override
    public boolean delete(final String field)
    {
        return fields.delete(checkField(field));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Serializable> T update(final String field, final UnaryOperator<T> update)
    {
        Objects.requireNonNull(update, "update");
        final Object next = fields.computeIfPresent(checkField(field),
            (key, old) -> Objects.requireNonNull(update.apply((T)old), () -> "the update of field " + field));
        if (next == null)
        {
            throw missing(field);
        }
        return (T)next;
    }

    @Override
    public Map<String, Object> fields()
    {
        return Collections.unmodifiableMap(new TreeMap<>(fields.snapshot()));
    }

    @Override
    public MapOptions options()
    {
        return fields.options();
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public Path path()
    {
        return fields.path();
    }

    @Override
    public boolean isClosed()
    {
        return fields.isClosed();
    }

    @Override
    public void close()
    {
        fields.close();
    }

    /**
     * Java serialization writes a small handle instead: the directory, the name, the codecs (the
     * value codec carries the filter) and the capacity; {@link AgronaMapProvider#reopen} opens it again.
     */
    private Object writeReplace() throws ObjectStreamException
    {
        final String what = "namespace '" + name + "' (" + path() + ")";
        return new Handle(ctx.transport(), ctx.directory().toString(), name, AgronaMapProvider.NAMESPACE_KIND, 0,
            DictShape.of(fields.keyCodec(), fields.valueCodec(), fields.options(), what), null);
    }

    /**
     * Python's repr: {@code Namespace(a=1, b='x')}, fields sorted by name; a closed namespace says so.
     */
    @Override
    public String toString()
    {
        if (isClosed())
        {
            return "namespace '" + name + "' (" + path() + ", closed)";
        }
        final StringBuilder out = new StringBuilder("Namespace(");
        fields().forEach((key, value) -> out.append(out.length() > 10 ? ", " : "").append(key).append('=')
            .append(value instanceof CharSequence ? "'" + value + "'" : value));
        return out.append(')').toString();
    }

    private String checkField(final String field)
    {
        if (!FIELD.matcher(Objects.requireNonNull(field, "field")).matches())
        {
            throw new IllegalArgumentException("field name \"" + field + "\" of namespace '" + name +
                "' is not an identifier of [A-Za-z_$][A-Za-z0-9_$]*");
        }
        return field;
    }

    private NoSuchElementException missing(final String field)
    {
        return new NoSuchElementException("namespace '" + name + "' has no field " + field + " (" + path() + ")");
    }
}
