package io.mmipc.cli.describe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Describer} read in a file's body: named values (counters plug in here), the
 * holders of its owner words, a one-line summary for tables, and anything it found wrong.
 */
public final class ObjectState
{
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final List<Holder> holders = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> summary = new ArrayList<>();

    /**
     * Records a value under {@code name} (JSON and {@code describe} show every one).
     */
    public ObjectState field(final String name, final Object value)
    {
        fields.put(name, value);
        return this;
    }

    /**
     * Adds a part of the one-line summary that {@code stat} shows.
     */
    public ObjectState summary(final String part)
    {
        summary.add(part);
        return this;
    }

    /**
     * Records a holder; a null one (a free word) is ignored.
     */
    public ObjectState holder(final Holder holder)
    {
        if (holder != null)
        {
            holders.add(holder);
        }
        return this;
    }

    public ObjectState problem(final String problem)
    {
        problems.add(problem);
        return this;
    }

    public Map<String, Object> fields()
    {
        return fields;
    }

    public List<Holder> holders()
    {
        return holders;
    }

    public List<String> problems()
    {
        return problems;
    }

    public String summaryText()
    {
        return String.join(", ", summary);
    }
}
