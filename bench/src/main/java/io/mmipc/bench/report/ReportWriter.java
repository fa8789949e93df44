package io.mmipc.bench.report;

import io.mmipc.bench.support.Contender;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns results into the side-by-side report: a Markdown table per suite with each contender's
 * ratio to the pipe+serialization baseline and to raw Agrona, and the same as machine-readable JSON.
 * Ratios read "times better": above 1 means more messages per second, or less time per operation.
 */
public final class ReportWriter
{
    /** The percentiles the tables show. */
    public static final List<String> PERCENTILES = List.of("50.0", "90.0", "99.0", "99.9", "100.0");

    private ReportWriter()
    {
    }

    /**
     * @return results grouped by suite, in first-seen order.
     */
    public static Map<String, List<Result>> bySuite(final List<Result> results)
    {
        final Map<String, List<Result>> suites = new LinkedHashMap<>();
        for (final Result r : results)
        {
            suites.computeIfAbsent(r.suite(), k -> new ArrayList<>()).add(r);
        }
        // Headline first: suites with both the pipe baseline and a raw library, then those with either.
        final List<Map.Entry<String, List<Result>>> ordered = new ArrayList<>(suites.entrySet());
        ordered.sort(java.util.Comparator.comparingInt(e -> rank(e.getValue())));
        final Map<String, List<Result>> sorted = new LinkedHashMap<>();
        ordered.forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static int rank(final List<Result> suite)
    {
        final boolean baseline = find(suite, Contender.Role.BASELINE) != null;
        final boolean ceiling = find(suite, Contender.Role.CEILING) != null;
        return baseline && ceiling ? 0 : ceiling ? 1 : baseline ? 2 : 3;
    }

    static Result find(final List<Result> suite, final Contender.Role role)
    {
        for (final Result r : suite)
        {
            if (r.role() == role)
            {
                return r;
            }
        }
        return null;
    }

    public static String markdown(final List<Result> results, final String heading, final Map<String, String> context)
    {
        final StringBuilder md = new StringBuilder();
        md.append("# ").append(heading).append("\n\n");
        context.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\nRatios read \"times better than the reference\": above 1 means more messages per second, ")
            .append("or less time per operation (latency ratios compare medians). References: an OS pipe carrying ")
            .append("Java-serialized objects (what Python's multiprocessing.Queue does), the raw library mmipc builds on ")
            .append("(Agrona's ring buffer, Chronicle Queue), and the same operation inside one JVM. \"Spinning\" counts ")
            .append("the threads that busy-spin while the result is measured (the benchmark's and its peers').\n");
        for (final Map.Entry<String, List<Result>> suite : bySuite(results).entrySet())
        {
            final List<Result> rows = suite.getValue();
            final Result baseline = find(rows, Contender.Role.BASELINE);
            final Result ceiling = find(rows, Contender.Role.CEILING);
            final Result reference = find(rows, Contender.Role.REFERENCE);
            final boolean sampled = rows.stream().anyMatch(r -> !r.percentiles().isEmpty());
            final boolean alloc = rows.stream().anyMatch(r -> !Double.isNaN(r.allocBytes()));
            md.append("\n## ").append(suite.getKey()).append("\n\n| contender | score | unit | vs pipe+serialization |")
                .append(" vs raw library |").append(" vs in-JVM |");
            if (sampled)
            {
                md.append(" p50 | p90 | p99 | p99.9 | max |");
            }
            if (alloc)
            {
                md.append(" B/op |");
            }
            md.append(" spinning |\n|---|---:|---|---:|---:|---:|");
            if (sampled)
            {
                md.append("---:|---:|---:|---:|---:|");
            }
            if (alloc)
            {
                md.append("---:|");
            }
            md.append("---:|\n");
            for (final Result r : rows)
            {
                md.append("| ").append(r.contender()).append(" | ").append(fmt(r.score()))
                    .append(Double.isNaN(r.error()) ? "" : " ± " + fmt(r.error())).append(" | ").append(r.unit())
                    .append(" | ").append(ratio(r, baseline)).append(" | ").append(ratio(r, ceiling)).append(" | ")
                    .append(ratio(r, reference)).append(" |");
                if (sampled)
                {
                    for (final String p : PERCENTILES)
                    {
                        final Double v = r.percentiles().get(p);
                        md.append(' ').append(v == null ? "" : fmt(v)).append(" |");
                    }
                }
                if (alloc)
                {
                    md.append(' ').append(Double.isNaN(r.allocBytes()) ? "" : fmt(r.allocBytes())).append(" |");
                }
                md.append(' ').append(r.spinning() < 0 ? "?" : Integer.toString(r.spinning())).append(" |\n");
            }
        }
        return md.toString();
    }

    public static Map<String, Object> summary(final List<Result> results, final Map<String, String> context)
    {
        final Map<String, Object> root = new LinkedHashMap<>(context);
        final List<Object> suites = new ArrayList<>();
        for (final Map.Entry<String, List<Result>> suite : bySuite(results).entrySet())
        {
            final Result baseline = find(suite.getValue(), Contender.Role.BASELINE);
            final Result ceiling = find(suite.getValue(), Contender.Role.CEILING);
            final Result reference = find(suite.getValue(), Contender.Role.REFERENCE);
            final List<Object> contenders = new ArrayList<>();
            for (final Result r : suite.getValue())
            {
                final Map<String, Object> c = new LinkedHashMap<>();
                c.put("name", r.contender());
                c.put("role", r.role().name().toLowerCase(Locale.ROOT));
                c.put("benchmark", r.benchmark());
                c.put("mode", r.mode());
                c.put("score", r.score());
                c.put("error", r.error());
                c.put("unit", r.unit());
                c.put("timesBetterThanPipe", r.timesBetterThan(baseline));
                c.put("timesBetterThanRawLibrary", r.timesBetterThan(ceiling));
                c.put("timesBetterThanInJvm", r.timesBetterThan(reference));
                if (!r.percentiles().isEmpty())
                {
                    final Map<String, Object> p = new LinkedHashMap<>();
                    r.percentiles().forEach((k, v) -> p.put("p" + k.replace(".0", ""), v));
                    c.put("percentiles", p);
                }
                c.put("allocBytesPerOp", r.allocBytes());
                c.put("spinningThreads", r.spinning());
                c.put("spinningNote", r.spinningNote());
                contenders.add(c);
            }
            final Map<String, Object> s = new LinkedHashMap<>();
            s.put("suite", suite.getKey());
            s.put("contenders", contenders);
            suites.add(s);
        }
        root.put("suites", suites);
        return root;
    }

    private static String ratio(final Result r, final Result reference)
    {
        final double ratio = r.timesBetterThan(reference);
        return Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    static String fmt(final double v)
    {
        if (Double.isNaN(v))
        {
            return "";
        }
        final double a = Math.abs(v);
        if (a >= 1e6)
        {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100)
        {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 1)
        {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
