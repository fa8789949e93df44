package io.mmipc.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template small enough to read in one sitting. Two constructs:
 * <ul>
 * <li>Lines {@code #if flag}, {@code #if !flag}, {@code #else}, {@code #end} keep or drop the lines
 *     between them (they nest). {@code #for} is not needed: the generator loops in Java.</li>
 * <li>{@code ${name}} is a variable; {@code ${name:argument}} a function of the argument text
 *     ({@code ${load:offset}} becomes {@code body.getIntVolatile(offset)}). Innermost first, so
 *     {@code ${fromRaw:${load:offset}}} composes.</li>
 * </ul>
 * An unknown flag, variable or function is an error naming the template and line.
 */
final class Template
{
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)(?::([^{}]*))?}");

    private final String name;
    private final String text;

    private Template(final String name, final String text)
    {
        this.name = name;
        this.text = text;
    }

    static Template resource(final String name)
    {
        try (InputStream in = Template.class.getResourceAsStream(name))
        {
            if (in == null)
            {
                throw new IllegalStateException("no template resource " + name);
            }
            return new Template(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read template " + name, ex);
        }
    }

    static Template of(final String name, final String text)
    {
        return new Template(name, text);
    }

    /**
     * @param flags     the flags that hold; every other flag named in the template must be in {@code known}.
     * @param known     every flag the template may test.
     * @param variables variable values.
     * @param functions functions of one argument text.
     */
    String render(final Set<String> flags, final Set<String> known, final Map<String, String> variables,
        final Map<String, Function<String, String>> functions)
    {
        final StringBuilder out = new StringBuilder(text.length());
        final Deque<boolean[]> stack = new ArrayDeque<>(); // {keeping, branchTaken}
        int lineNumber = 0;
        for (final String line : text.split("\n", -1))
        {
            lineNumber++;
            final String trimmed = line.trim();
            final boolean keeping = stack.isEmpty() || stack.peek()[0];
            if (trimmed.startsWith("#if "))
            {
                final String flag = trimmed.substring(4).trim();
                final boolean negated = flag.startsWith("!");
                final String bare = negated ? flag.substring(1) : flag;
                if (!known.contains(bare))
                {
                    throw error(lineNumber, "unknown flag " + bare);
                }
                final boolean holds = flags.contains(bare) != negated;
                stack.push(new boolean[] {keeping && holds, holds});
            }
            else if (trimmed.equals("#else"))
            {
                final boolean[] top = pop(stack, lineNumber, "#else");
                final boolean outer = stack.isEmpty() || stack.peek()[0];
                stack.push(new boolean[] {outer && !top[1], true});
            }
            else if (trimmed.equals("#end"))
            {
                pop(stack, lineNumber, "#end");
            }
            else if (keeping)
            {
                out.append(substitute(line, lineNumber, variables, functions)).append('\n');
            }
        }
        if (!stack.isEmpty())
        {
            throw error(lineNumber, stack.size() + " #if without #end");
        }
        out.setLength(out.length() - 1); // the split's last piece added one newline too many
        return out.toString();
    }

    private boolean[] pop(final Deque<boolean[]> stack, final int lineNumber, final String what)
    {
        if (stack.isEmpty())
        {
            throw error(lineNumber, what + " without #if");
        }
        return stack.pop();
    }

    private String substitute(final String line, final int lineNumber, final Map<String, String> variables,
        final Map<String, Function<String, String>> functions)
    {
        String current = line;
        while (true)
        {
            final Matcher matcher = PLACEHOLDER.matcher(current);
            if (!matcher.find())
            {
                return current;
            }
            final StringBuilder next = new StringBuilder();
            do
            {
                final String key = matcher.group(1);
                final String argument = matcher.group(2);
                final String value;
                if (argument == null)
                {
                    value = variables.get(key);
                }
                else
                {
                    final Function<String, String> function = functions.get(key);
                    value = function == null ? null : function.apply(argument);
                }
                if (value == null)
                {
                    throw error(lineNumber, "unknown " + (argument == null ? "variable " : "function ") + key);
                }
                matcher.appendReplacement(next, Matcher.quoteReplacement(value));
            }
            while (matcher.find());
            matcher.appendTail(next);
            current = next.toString();
        }
    }

    private IllegalStateException error(final int lineNumber, final String message)
    {
        return new IllegalStateException("template " + name + " line " + lineNumber + ": " + message);
    }
}
