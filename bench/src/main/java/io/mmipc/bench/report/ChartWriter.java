package io.mmipc.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An SVG chart of a report: throughput bars (log scale) for every throughput suite, and latency
 * percentiles (p50 to max, log scale) for every contender measured in sample mode.
 */
public final class ChartWriter
{
    private static final int WIDTH = 1150;
    private static final int LABEL = 430;
    private static final int MAX_LABEL_CHARS = 62;
    private static final int BAR = 16;
    private static final String[] COLOURS = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e"};

    private ChartWriter()
    {
    }

    public static String svg(final List<Result> results, final String title)
    {
        final StringBuilder body = new StringBuilder();
        int y = 40;
        body.append(text(10, 24, title, 18, "bold"));

        final List<Result> throughput = new ArrayList<>();
        final List<Result> latency = new ArrayList<>();
        final List<Result> grouped = new ArrayList<>();
        ReportWriter.bySuite(results).values().forEach(grouped::addAll);
        for (final Result r : grouped)
        {
            if (r.higherIsBetter())
            {
                throughput.add(r);
            }
            else if (!r.percentiles().isEmpty())
            {
                latency.add(r);
            }
        }
        if (!throughput.isEmpty())
        {
            y = section(body, y, "Throughput in operations per second (log scale; longer is better)", throughput, false);
        }
        if (!latency.isEmpty())
        {
            y = section(body, y + 20, "Latency in nanoseconds (log scale; shorter is better)", latency, true);
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + (y + 20) +
            "\" font-family=\"sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + body + "</svg>\n";
    }

    private static int section(
        final StringBuilder out, final int top, final String heading, final List<Result> rows, final boolean percentiles)
    {
        int y = top + 20;
        out.append(text(10, y, heading, 14, "bold"));
        if (percentiles)
        {
            final String[] names = {"p50", "p90", "p99", "p99.9", "max"};
            for (int i = 0; i < names.length; i++)
            {
                out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"%s\"/>\n",
                    LABEL + i * 70, y - 10, COLOURS[i]));
                out.append(text(LABEL + 16 + i * 70, y, names[i], 11, "normal"));
            }
        }
        y += 10;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (final Result r : rows)
        {
            for (final double v : values(r, percentiles))
            {
                if (v > 0)
                {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        final double lo = Math.pow(10, Math.floor(Math.log10(min)));
        final double hi = Math.pow(10, Math.ceil(Math.log10(max * 1.01)));
        String suite = null;
        for (final Result r : rows)
        {
            if (!r.suite().equals(suite))
            {
                suite = r.suite();
                y += 18;
                out.append(text(10, y, suite, 12, "bold"));
            }
            final double[] values = values(r, percentiles);
            y += 4;
            final String label = r.contender().length() > MAX_LABEL_CHARS ?
                r.contender().substring(0, MAX_LABEL_CHARS - 1) + "…" : r.contender();
            out.append(text(20, y + BAR - 4, label, 11, "normal"));
            for (int i = 0; i < values.length; i++)
            {
                final int h = percentiles ? BAR / values.length + 1 : BAR;
                final double w = values[i] <= 0 ? 0 : (WIDTH - LABEL - 90) * Math.log10(values[i] / lo) / Math.log10(hi / lo);
                out.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
                    LABEL, y + i * h, Math.max(1, w), h - 1, COLOURS[i % COLOURS.length]));
                if (!percentiles || i == 0 || i == values.length - 1)
                {
                    out.append(text((int)(LABEL + Math.max(1, w) + 4), y + i * h + h - 2,
                        ReportWriter.fmt(values[i]), 9, "normal"));
                }
            }
            y += BAR + 4;
        }
        return y;
    }

    /**
     * @return the bar values in base units (operations per second, nanoseconds), so one scale fits all.
     */
    private static double[] values(final Result r, final boolean percentiles)
    {
        final double base = Result.perBase(r.unit());
        if (!percentiles)
        {
            return new double[] {r.score() * base};
        }
        final Map<String, Double> p = r.percentiles();
        final double[] v = new double[ReportWriter.PERCENTILES.size()];
        for (int i = 0; i < v.length; i++)
        {
            final Double d = p.get(ReportWriter.PERCENTILES.get(i));
            v[i] = d == null ? 0 : d * base;
        }
        return v;
    }

    private static String text(final int x, final int y, final String s, final int size, final String weight)
    {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"" + size + "\" font-weight=\"" + weight + "\">" +
            s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</text>\n";
    }
}
