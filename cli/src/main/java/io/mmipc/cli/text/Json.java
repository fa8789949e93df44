package io.mmipc.cli.text;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes the JSON the tool prints: maps (objects, in their iteration order), lists, strings,
 * numbers, booleans and null. Nothing else: the tool builds its reports from these alone.
 */
public final class Json
{
    private Json()
    {
    }

    /**
     * @return {@code value} as indented JSON, ending with a newline.
     */
    public static String write(final Object value)
    {
        final StringBuilder sb = new StringBuilder();
        write(sb, value, 0, true);
        return sb.append('\n').toString();
    }

    /**
     * @return {@code value} as JSON on one line (for JSON Lines output), without a newline.
     */
    public static String writeLine(final Object value)
    {
        final StringBuilder sb = new StringBuilder();
        write(sb, value, 0, false);
        return sb.toString();
    }

    private static void write(final StringBuilder sb, final Object value, final int depth, final boolean pretty)
    {
        if (value == null)
        {
            sb.append("null");
        }
        else if (value instanceof String s)
        {
            string(sb, s);
        }
        else if (value instanceof Boolean b)
        {
            sb.append(b.booleanValue());
        }
        else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte)
        {
            sb.append(((Number)value).longValue());
        }
        else if (value instanceof Double || value instanceof Float)
        {
            final double d = ((Number)value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d))
            {
                sb.append("null"); // JSON has no NaN or infinity
            }
            else
            {
                sb.append(d);
            }
        }
        else if (value instanceof Map<?, ?> map)
        {
            object(sb, map, depth, pretty);
        }
        else if (value instanceof List<?> list)
        {
            array(sb, list, depth, pretty);
        }
        else
        {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName() + ": " + value);
        }
    }

    private static void object(final StringBuilder sb, final Map<?, ?> map, final int depth, final boolean pretty)
    {
        if (map.isEmpty())
        {
            sb.append("{}");
            return;
        }
        sb.append('{');
        final Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        while (it.hasNext())
        {
            final Map.Entry<?, ?> entry = it.next();
            newline(sb, depth + 1, pretty);
            string(sb, String.valueOf(entry.getKey()));
            sb.append(pretty ? ": " : ":");
            write(sb, entry.getValue(), depth + 1, pretty);
            if (it.hasNext())
            {
                sb.append(',');
            }
        }
        newline(sb, depth, pretty);
        sb.append('}');
    }

    private static void array(final StringBuilder sb, final List<?> list, final int depth, final boolean pretty)
    {
        if (list.isEmpty())
        {
            sb.append("[]");
            return;
        }
        sb.append('[');
        for (int i = 0; i < list.size(); i++)
        {
            newline(sb, depth + 1, pretty);
            write(sb, list.get(i), depth + 1, pretty);
            if (i < list.size() - 1)
            {
                sb.append(',');
            }
        }
        newline(sb, depth, pretty);
        sb.append(']');
    }

    private static void newline(final StringBuilder sb, final int depth, final boolean pretty)
    {
        if (pretty)
        {
            sb.append('\n');
            sb.append("  ".repeat(depth));
        }
    }

    private static void string(final StringBuilder sb, final String s)
    {
        sb.append('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default ->
                {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029)
                    {
                        sb.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
