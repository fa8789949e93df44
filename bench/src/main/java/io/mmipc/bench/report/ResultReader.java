package io.mmipc.bench.report;

import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.Spinning;
import io.mmipc.bench.support.Variant;
import org.openjdk.jmh.annotations.Group;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JMH's JSON result file and places each result through its benchmark method's
 * {@link Contender} and {@link Spinning} annotations. Results of benchmarks without them are kept
 * under their own name, in a suite of their own.
 */
public final class ResultReader
{
    private ResultReader()
    {
    }

    @SuppressWarnings("unchecked")
    public static List<Result> read(final String json)
    {
        final List<Result> results = new ArrayList<>();
        for (final Object item : (List<Object>)Json.parse(json))
        {
            results.add(toResult((Map<String, Object>)item));
        }
        return results;
    }

    @SuppressWarnings("unchecked")
    private static Result toResult(final Map<String, Object> entry)
    {
        final String benchmark = (String)entry.get("benchmark");
        final String mode = (String)entry.get("mode");
        final Map<String, Object> params = (Map<String, Object>)entry.getOrDefault("params", Map.of());
        final Map<String, Object> primary = (Map<String, Object>)entry.get("primaryMetric");
        final Map<String, Double> percentiles = new LinkedHashMap<>();
        if ("sample".equals(mode) && primary.get("scorePercentiles") instanceof Map<?, ?> p)
        {
            p.forEach((k, v) -> percentiles.put((String)k, number(v)));
        }
        double alloc = Double.NaN;
        if (entry.get("secondaryMetrics") instanceof Map<?, ?> secondary &&
            secondary.get("gc.alloc.rate.norm") instanceof Map<?, ?> norm)
        {
            alloc = number(norm.get("score"));
        }

        final Method method = findMethod(benchmark);
        final Contender contender = method == null ? null : method.getAnnotation(Contender.class);
        final Spinning spinning = method == null ? null : method.getAnnotation(Spinning.class);
        final String suffix = paramSuffix(params);
        final Variant variant = contender == null ? null : variant(contender, params);
        final String suite = contender == null ? benchmark + suffix : substitute(contender.suite(), params);
        final String name = contender == null ? shortName(benchmark) + suffix :
            variant != null ? variant.name() : substitute(contender.name(), params);
        return new Result(
            suite,
            name,
            contender == null ? Contender.Role.PEER : variant != null ? variant.role() : contender.role(),
            benchmark + suffix,
            mode,
            number(primary.get("score")),
            number(primary.get("scoreError")),
            (String)primary.get("scoreUnit"),
            percentiles,
            alloc,
            spinning == null ? -1 : spinning.threads(),
            spinning == null ? "" : spinning.note());
    }

    /**
     * @return the method named by JMH's benchmark name: a method of that name, or the methods of a
     *         {@code @Group} of that name (the one carrying {@link Contender}).
     */
    static Method findMethod(final String benchmark)
    {
        final int dot = benchmark.lastIndexOf('.');
        if (dot < 0)
        {
            return null;
        }
        final Class<?> type;
        try
        {
            type = Class.forName(benchmark.substring(0, dot), false, ResultReader.class.getClassLoader());
        }
        catch (final ClassNotFoundException ex)
        {
            return null;
        }
        final String name = benchmark.substring(dot + 1);
        Method grouped = null;
        for (final Method m : type.getMethods())
        {
            if (m.getName().equals(name))
            {
                return m;
            }
            final Group group = m.getAnnotation(Group.class);
            if (group != null && group.value().equals(name) && (grouped == null || m.isAnnotationPresent(Contender.class)))
            {
                grouped = m;
            }
        }
        return grouped;
    }

    /**
     * @return the variant the result's contender parameter names, or null when the method has none.
     */
    static Variant variant(final Contender contender, final Map<String, Object> params)
    {
        if (contender.param().isEmpty())
        {
            return null;
        }
        final Object value = params.get(contender.param());
        for (final Variant v : contender.variants())
        {
            if (v.value().equals(String.valueOf(value)))
            {
                return v;
            }
        }
        return null;
    }

    private static String substitute(final String template, final Map<String, Object> params)
    {
        String s = template;
        for (final Map.Entry<String, Object> p : params.entrySet())
        {
            s = s.replace("{" + p.getKey() + "}", String.valueOf(p.getValue()));
        }
        return s;
    }

    private static String paramSuffix(final Map<String, Object> params)
    {
        if (params.isEmpty())
        {
            return "";
        }
        final StringBuilder sb = new StringBuilder(" [");
        params.forEach((k, v) -> sb.append(sb.length() > 2 ? ", " : "").append(k).append('=').append(v));
        return sb.append(']').toString();
    }

    private static String shortName(final String benchmark)
    {
        final String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
    }

    private static double number(final Object value)
    {
        if (value instanceof Number n)
        {
            return n.doubleValue();
        }
        if (value instanceof String s)
        {
            try
            {
                return Double.parseDouble(s);
            }
            catch (final NumberFormatException ex)
            {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
