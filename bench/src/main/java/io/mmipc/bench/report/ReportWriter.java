package io.mmipc.bench.report;

import io.mmipc.bench.support.Contender;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns results into the side-by-side report: a Markdown table per suite with each contender's
 * ratio to the pipe+serialization baseline, to the raw library and to the same thing in one JVM;
 * the ratio tables alone for a terminal; and the same as machine-readable JSON. Ratios read "times
 * better": above 1 means more messages per second, or less time per operation. Each table shows
 * its figures in one unit ({@link Units#forTable}) and one number format ({@link Units#fmt}).
 */
public final class ReportWriter
{
    /** The percentiles the tables show, as JMH keys them, and their column names. */
    public static final List<String> PERCENTILES = List.of("50.0", "90.0", "99.0", "99.9", "100.0");
    private static final List<String> PERCENTILE_NAMES = List.of("p50", "p90", "p99", "p99.9", "max");

    /** What a contender is compared with: the first result of a suite in that role. */
    public enum Reference
    {
        PIPE(Contender.Role.BASELINE, "vs pipe + serialization", "the OS pipe + Java serialization"),
        RAW_LIBRARY(Contender.Role.CEILING, "vs raw library", "the raw library (Agrona, Chronicle)"),
        IN_JVM(Contender.Role.REFERENCE, "vs in-JVM", "the same operation inside one JVM");

        final Contender.Role role;
        final String column;
        final String description;

        Reference(final Contender.Role role, final String column, final String description)
        {
            this.role = role;
            this.column = column;
            this.description = description;
        }

        /**
         * @return the result this suite is compared with, or null when it has none.
         */
        public Result in(final List<Result> suite)
        {
            return find(suite, role);
        }
    }

    private ReportWriter()
    {
    }

    /**
     * @return results grouped by suite, headline suites first (those with both the pipe baseline
     *         and a raw library, then those with either), otherwise in first-seen order.
     */
    public static Map<String, List<Result>> bySuite(final List<Result> results)
    {
        final Map<String, List<Result>> suites = new LinkedHashMap<>();
        for (final Result r : results)
        {
            suites.computeIfAbsent(r.suite(), k -> new ArrayList<>()).add(r);
        }
        final List<Map.Entry<String, List<Result>>> ordered = new ArrayList<>(suites.entrySet());
        ordered.sort(Comparator.comparingInt(e -> rank(e.getValue())));
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

    /**
     * @return the references this suite has: the ratio columns worth showing.
     */
    public static List<Reference> references(final List<Result> suite)
    {
        final List<Reference> present = new ArrayList<>();
        for (final Reference ref : Reference.values())
        {
            if (ref.in(suite) != null && suite.stream().anyMatch(r -> r != ref.in(suite) &&
                !Double.isNaN(r.timesBetterThan(ref.in(suite)))))
            {
                present.add(ref);
            }
        }
        return present;
    }

    public static String markdown(final List<Result> results, final String heading, final Map<String, String> context)
    {
        final StringBuilder md = new StringBuilder();
        md.append("# ").append(heading).append("\n\n");
        context.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\nRatios read \"times better than the reference\": above 1 means more messages per second, ")
            .append("or less time per operation (latency ratios compare medians). References: an OS pipe carrying ")
            .append("Java-serialized objects (what Python's multiprocessing.Queue does), the raw library mmipc builds on ")
            .append("(Agrona's ring buffer, Chronicle Queue), and the same operation inside one JVM. In the queue, Aeron ")
            .append("and TCP suites every consumer reads every byte it receives (a checksum of the payload). Each table ")
            .append("shows one unit, named in its ")
            .append("header; ± is JMH's 99.9% error; B/op is bytes allocated per operation (-prof gc). \"Spinning\" ")
            .append("counts the threads that busy-spin while the result is measured (the benchmark's and its peers').\n");
        for (final Map.Entry<String, List<Result>> suite : bySuite(results).entrySet())
        {
            table(md, suite.getKey(), suite.getValue());
        }
        return md.toString();
    }

    private static void table(final StringBuilder md, final String name, final List<Result> rows)
    {
        final Units.Unit unit = Units.forTable(rows);
        final List<Reference> refs = references(rows);
        final boolean sampled = rows.stream().anyMatch(r -> !r.percentiles().isEmpty());
        final boolean alloc = rows.stream().anyMatch(r -> !Double.isNaN(r.allocBytes()));
        final List<String> header = new ArrayList<>();
        header.add("contender");
        header.add(sampled ? "mean " + unit.name() + " ± error" : unit.name() + (rows.get(0).higherIsBetter() ?
            "" : "/op") + " ± error");
        refs.forEach(ref -> header.add(ref.column));
        if (sampled)
        {
            PERCENTILE_NAMES.forEach(p -> header.add(p + " " + unit.name()));
        }
        if (alloc)
        {
            header.add("B/op");
        }
        header.add("spinning");
        md.append("\n## ").append(name).append("\n\n|");
        header.forEach(h -> md.append(' ').append(h).append(" |"));
        md.append("\n|---|");
        md.append("---:|".repeat(header.size() - 1)).append('\n');
        for (final Result r : rows)
        {
            md.append("| ").append(r.contender()).append(" | ").append(Units.fmt(Units.score(r, unit)))
                .append(Double.isNaN(r.error()) ? "" : " ± " + Units.fmt(Units.value(r, r.error(), unit))).append(" |");
            for (final Reference ref : refs)
            {
                md.append(' ').append(Units.ratio(r.timesBetterThan(ref.in(rows)))).append(" |");
            }
            if (sampled)
            {
                for (final String p : PERCENTILES)
                {
                    final Double v = r.percentiles().get(p);
                    md.append(' ').append(v == null ? "" : Units.fmt(Units.value(r, v, unit))).append(" |");
                }
            }
            if (alloc)
            {
                md.append(' ').append(Units.fmt(r.allocBytes())).append(" |");
            }
            md.append(' ').append(r.spinning() < 0 ? "?" : Integer.toString(r.spinning())).append(" |\n");
        }
    }

    /**
     * @return the ratio tables alone, for a terminal: per suite, each contender's figure (the
     *         median and p99 for latency) and its ratios, as compact Markdown in ASCII only (a
     *         console's charset may lack × and µ), so they can be pasted into an issue as well.
     */
    public static String ratioTables(final List<Result> results)
    {
        final StringBuilder out = new StringBuilder();
        for (final Map.Entry<String, List<Result>> suite : bySuite(results).entrySet())
        {
            final List<Result> rows = suite.getValue();
            final Units.Unit unit = Units.forTable(rows);
            final boolean sampled = rows.stream().anyMatch(r -> !r.percentiles().isEmpty());
            final String u = unit.name().replace("µ", "u");
            final List<Reference> refs = references(rows);
            final List<String> header = new ArrayList<>(List.of("contender"));
            header.addAll(sampled ? List.of("p50 " + u, "p99 " + u) : List.of(rows.get(0).higherIsBetter() ? u : u + "/op"));
            refs.forEach(ref -> header.add(ref.column));
            out.append("## ").append(suite.getKey()).append(rows.get(0).higherIsBetter() ? " (higher is better)" :
                sampled ? " (lower is better; ratios compare medians)" : " (lower is better)").append("\n\n");
            row(out, header);
            out.append("|---|").append("---:|".repeat(header.size() - 1)).append('\n');
            for (final Result r : rows)
            {
                final List<String> cells = new ArrayList<>(List.of(r.contender()));
                if (sampled)
                {
                    cells.add(percentile(r, "50.0", unit));
                    cells.add(percentile(r, "99.0", unit));
                }
                else
                {
                    cells.add(Units.fmt(Units.score(r, unit)));
                }
                refs.forEach(ref -> cells.add(Units.ratio(r.timesBetterThan(ref.in(rows))).replace("×", "x")));
                row(out, cells);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String percentile(final Result r, final String p, final Units.Unit unit)
    {
        final Double v = r.percentiles().get(p);
        return v == null ? "" : Units.fmt(Units.value(r, v, unit));
    }

    private static void row(final StringBuilder out, final List<String> cells)
    {
        out.append('|');
        cells.forEach(c -> out.append(' ').append(c).append(" |"));
        out.append('\n');
    }

    public static Map<String, Object> summary(final List<Result> results, final Map<String, String> context)
    {
        final Map<String, Object> root = new LinkedHashMap<>(context);
        final List<Object> suites = new ArrayList<>();
        for (final Map.Entry<String, List<Result>> suite : bySuite(results).entrySet())
        {
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
                c.put("timesBetterThanPipe", r.timesBetterThan(Reference.PIPE.in(suite.getValue())));
                c.put("timesBetterThanRawLibrary", r.timesBetterThan(Reference.RAW_LIBRARY.in(suite.getValue())));
                c.put("timesBetterThanInJvm", r.timesBetterThan(Reference.IN_JVM.in(suite.getValue())));
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
}
