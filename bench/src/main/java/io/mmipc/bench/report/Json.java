package io.mmipc.bench.report;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the report needs: reading JMH's result files and writing the summary. Objects
 * become {@code Map<String, Object>} in document order, arrays {@code List<Object>}, numbers
 * {@code Double}; JMH writes "NaN" as a string.
 */
public final class Json
{
    private final String text;
    private int pos;

    private Json(final String text)
    {
        this.text = text;
    }

    public static Object parse(final String text)
    {
        final Json json = new Json(text);
        final Object value = json.value();
        json.skipSpace();
        if (json.pos != text.length())
        {
            throw json.error("trailing characters");
        }
        return value;
    }

    public static String write(final Object value)
    {
        final StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.append('\n').toString();
    }

    private Object value()
    {
        skipSpace();
        if (pos >= text.length())
        {
            throw error("unexpected end");
        }
        final char c = text.charAt(pos);
        switch (c)
        {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                expect("true");
                return Boolean.TRUE;
            case 'f':
                expect("false");
                return Boolean.FALSE;
            case 'n':
                expect("null");
                return null;
            default:
                return number();
        }
    }

    private Map<String, Object> object()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (peek() == '}')
        {
            pos++;
            return map;
        }
        while (true)
        {
            skipSpace();
            final String key = string();
            skipSpace();
            if (peek() != ':')
            {
                throw error("expected ':'");
            }
            pos++;
            map.put(key, value());
            skipSpace();
            final char c = peek();
            pos++;
            if (c == '}')
            {
                return map;
            }
            if (c != ',')
            {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array()
    {
        final List<Object> list = new ArrayList<>();
        pos++;
        skipSpace();
        if (peek() == ']')
        {
            pos++;
            return list;
        }
        while (true)
        {
            list.add(value());
            skipSpace();
            final char c = peek();
            pos++;
            if (c == ']')
            {
                return list;
            }
            if (c != ',')
            {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string()
    {
        if (peek() != '"')
        {
            throw error("expected a string");
        }
        pos++;
        final StringBuilder sb = new StringBuilder();
        while (true)
        {
            if (pos >= text.length())
            {
                throw error("unterminated string");
            }
            final char c = text.charAt(pos++);
            if (c == '"')
            {
                return sb.toString();
            }
            if (c != '\\')
            {
                sb.append(c);
                continue;
            }
            final char e = text.charAt(pos++);
            switch (e)
            {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' ->
                {
                    sb.append((char)Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> sb.append(e);
            }
        }
    }

    private Double number()
    {
        final int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0)
        {
            pos++;
        }
        if (start == pos)
        {
            throw error("unexpected character '" + text.charAt(pos) + "'");
        }
        return Double.valueOf(text.substring(start, pos));
    }

    private void expect(final String word)
    {
        if (!text.startsWith(word, pos))
        {
            throw error("expected " + word);
        }
        pos += word.length();
    }

    private char peek()
    {
        if (pos >= text.length())
        {
            throw error("unexpected end");
        }
        return text.charAt(pos);
    }

    private void skipSpace()
    {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos)))
        {
            pos++;
        }
    }

    private IllegalArgumentException error(final String what)
    {
        return new IllegalArgumentException("JSON: " + what + " at offset " + pos);
    }

    private static void write(final StringBuilder sb, final Object value, final int indent)
    {
        if (value == null)
        {
            sb.append("null");
        }
        else if (value instanceof String s)
        {
            quote(sb, s);
        }
        else if (value instanceof Double d)
        {
            sb.append(d.isNaN() || d.isInfinite() ? "null" : d == Math.rint(d) && Math.abs(d) < 1e15 ?
                Long.toString(d.longValue()) : Double.toString(d));
        }
        else if (value instanceof Number || value instanceof Boolean)
        {
            sb.append(value);
        }
        else if (value instanceof Map<?, ?> map)
        {
            sb.append('{');
            final Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext())
            {
                final Map.Entry<?, ?> e = it.next();
                newline(sb, indent + 1);
                quote(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue(), indent + 1);
                if (it.hasNext())
                {
                    sb.append(',');
                }
            }
            newline(sb, indent);
            sb.append('}');
        }
        else if (value instanceof List<?> list)
        {
            sb.append('[');
            for (int i = 0; i < list.size(); i++)
            {
                newline(sb, indent + 1);
                write(sb, list.get(i), indent + 1);
                if (i < list.size() - 1)
                {
                    sb.append(',');
                }
            }
            newline(sb, indent);
            sb.append(']');
        }
        else
        {
            quote(sb, value.toString());
        }
    }

    private static void newline(final StringBuilder sb, final int indent)
    {
        sb.append('\n');
        sb.append("  ".repeat(indent));
    }

    private static void quote(final StringBuilder sb, final String s)
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
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default ->
                {
                    if (c < 0x20)
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
