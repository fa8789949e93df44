package io.mmipc.bench.report;

import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.Spinning;
import io.mmipc.bench.support.Variant;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns JMH's results into the report's {@link Result}s, placing each through its benchmark
 * method's {@link Contender} and {@link Spinning} annotations: from the {@link RunResult}s of an
 * in-process run, or from JMH's JSON result file ({@code report --from}). Results of benchmarks
 * without the annotations are kept under their own name, in a suite of their own.
 */
public final class ResultReader
{
    /** The percentiles JMH computes for sample mode, keyed as its JSON writes them ("50.0"). */
    private static final double[] PERCENTILES = {0, 50, 90, 95, 99, 99.9, 99.99, 99.999, 99.9999, 100};
    private static final String ALLOC_NORM = "gc.alloc.rate.norm";

    private ResultReader()
    {
    }

    /**
     * @return the results of an in-process run, in JMH's order.
     */
    public static List<Result> read(final Collection<RunResult> runs)
    {
        final List<Result> results = new ArrayList<>();
        for (final RunResult run : runs)
        {
            if (run.getAggregatedResult() == null)
            {
                continue; // every fork failed: JMH has printed why
            }
            final BenchmarkParams params = run.getParams();
            final Map<String, Object> values = new LinkedHashMap<>();
            for (final String key : params.getParamsKeys())
            {
                values.put(key, params.getParam(key));
            }
            final org.openjdk.jmh.results.Result<?> primary = run.getPrimaryResult();
            final Map<String, Double> percentiles = new LinkedHashMap<>();
            if (params.getMode() == Mode.SampleTime)
            {
                for (final double p : PERCENTILES)
                {
                    percentiles.put(Double.toString(p), primary.getStatistics().getPercentile(p));
                }
            }
            final org.openjdk.jmh.results.Result<?> alloc = run.getSecondaryResults().get(ALLOC_NORM);
            results.add(place(params.getBenchmark(), params.getMode().shortLabel(), values, primary.getScore(),
                primary.getScoreError(), primary.getScoreUnit(), percentiles, alloc == null ? Double.NaN : alloc.getScore()));
        }
        return results;
    }

    /**
     * @return the results in a JMH JSON result file's text.
     */
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
        final String mode = (String)entry.get("mode");
        final Map<String, Object> primary = (Map<String, Object>)entry.get("primaryMetric");
        final Map<String, Double> percentiles = new LinkedHashMap<>();
        if ("sample".equals(mode) && primary.get("scorePercentiles") instanceof Map<?, ?> p)
        {
            p.forEach((k, v) -> percentiles.put((String)k, number(v)));
        }
        double alloc = Double.NaN;
        if (entry.get("secondaryMetrics") instanceof Map<?, ?> secondary &&
            secondary.get(ALLOC_NORM) instanceof Map<?, ?> norm)
        {
            alloc = number(norm.get("score"));
        }
        return place((String)entry.get("benchmark"), mode, (Map<String, Object>)entry.getOrDefault("params", Map.of()),
            number(primary.get("score")), number(primary.get("scoreError")), (String)primary.get("scoreUnit"),
            percentiles, alloc);
    }

    private static Result place(
        final String benchmark,
        final String mode,
        final Map<String, Object> params,
        final double score,
        final double error,
        final String unit,
        final Map<String, Double> percentiles,
        final double alloc)
    {
        final Method method = findMethod(benchmark);
        final Contender contender = method == null ? null : method.getAnnotation(Contender.class);
        final Spinning spinning = method == null ? null : method.getAnnotation(Spinning.class);
        final String suffix = paramSuffix(params);
        return new Result(
            suite(benchmark, contender, params),
            name(benchmark, contender, params),
            role(contender, params),
            benchmark + suffix,
            mode,
            score,
            error,
            unit,
            percentiles,
            alloc,
            spinning == null ? -1 : spinning.threads(),
            spinning == null ? "" : spinning.note());
    }

    /**
     * @return "suite: contender", the report's name for one benchmark run (progress lines).
     */
    public static String describe(final String benchmark, final Map<String, Object> params)
    {
        final Method method = findMethod(benchmark);
        final Contender contender = method == null ? null : method.getAnnotation(Contender.class);
        return contender == null ? name(benchmark, null, params) :
            suite(benchmark, contender, params) + ": " + name(benchmark, contender, params);
    }

    private static String suite(final String benchmark, final Contender contender, final Map<String, Object> params)
    {
        return contender == null ? benchmark + paramSuffix(params) : substitute(contender.suite(), params);
    }

    private static String name(final String benchmark, final Contender contender, final Map<String, Object> params)
    {
        final Variant variant = contender == null ? null : variant(contender, params);
        return contender == null ? shortName(benchmark) + paramSuffix(params) :
            variant != null ? variant.name() : substitute(contender.name(), params);
    }

    private static Contender.Role role(final Contender contender, final Map<String, Object> params)
    {
        final Variant variant = contender == null ? null : variant(contender, params);
        return contender == null ? Contender.Role.PEER : variant != null ? variant.role() : contender.role();
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
