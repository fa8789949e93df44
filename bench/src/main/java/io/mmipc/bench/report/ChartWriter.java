package io.mmipc.bench.report;

import io.mmipc.bench.support.Contender;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An SVG chart of a report's ratios: per suite, one panel per reference (the pipe, the raw
 * library, one JVM) with a horizontal bar per contender showing how many times better it is, on a
 * linear axis from 0 with ticks, tick labels and gridlines, and a dashed line at 1×. A log axis
 * without labels made 75× look like 2×; here lengths compare honestly, and the exact figure is
 * printed at each bar. Drawn by hand: a charting library would bring PDF and font code into the
 * benchmarks jar and need AWT fonts on a headless server at the end of a 15-minute run.
 */
public final class ChartWriter
{
    private static final int WIDTH = 1100;
    private static final int LABEL = 350;
    private static final int MARGIN = 20;
    private static final int GAP = 36;
    private static final int BAR = 16;
    private static final int PITCH = 22;
    private static final double CHAR = 6.2; // average width of an 11 px sans-serif character
    private static final Map<Contender.Role, String> COLOURS = Map.of(
        Contender.Role.MMIPC, "#2166ac",
        Contender.Role.CEILING, "#5aae61",
        Contender.Role.BASELINE, "#d6604d",
        Contender.Role.PEER, "#8c8c8c",
        Contender.Role.REFERENCE, "#b8a14a");

    private ChartWriter()
    {
    }

    public static String svg(final List<Result> results, final String title)
    {
        final StringBuilder body = new StringBuilder();
        body.append(text(MARGIN, 28, title, 18, "bold", "start", null));
        body.append(text(MARGIN, 48, "Each bar: how many times better a contender is than the reference above its " +
            "panel: more operations per second, or less time per operation (for latency samples, the median).", 12,
            "normal", "start", null));
        body.append(text(MARGIN, 64, "Linear axes from 0; the dashed line marks 1× (as good as the reference). " +
            "Figures and units are in report.md.", 12, "normal", "start", null));
        int x = MARGIN;
        for (final Contender.Role role : Contender.Role.values())
        {
            body.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"76\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
                x, COLOURS.get(role)));
            final String label = switch (role)
            {
                case MMIPC -> "mmipc";
                case CEILING -> "raw library (the ceiling)";
                case BASELINE -> "pipe + serialization (the baseline)";
                case PEER -> "other tools";
                case REFERENCE -> "inside one JVM";
            };
            body.append(text(x + 16, 86, label, 11, "normal", "start", null));
            x += 16 + (int)(label.length() * CHAR) + 24;
        }
        int y = 100;
        for (final Map.Entry<String, List<Result>> suite : ReportWriter.bySuite(results).entrySet())
        {
            final List<ReportWriter.Reference> refs = ReportWriter.references(suite.getValue());
            if (!refs.isEmpty())
            {
                y = suite(body, y, suite.getKey(), suite.getValue(), refs);
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + (y + MARGIN) +
            "\" viewBox=\"0 0 " + WIDTH + " " + (y + MARGIN) + "\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n" +
            "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + body + "</svg>\n";
    }

    private static int suite(
        final StringBuilder out, final int top, final String name, final List<Result> rows,
        final List<ReportWriter.Reference> refs)
    {
        int y = top + 28;
        final String measure = rows.get(0).higherIsBetter() ? " (operations per second)" :
            rows.stream().anyMatch(r -> !r.percentiles().isEmpty()) ? " (median latency)" : " (time per operation)";
        out.append(text(MARGIN, y, name + measure, 14, "bold", "start", null));
        y += 20;
        final int barsTop = y + 6;
        for (int i = 0; i < rows.size(); i++)
        {
            final String label = clip(rows.get(i).contender(), LABEL - MARGIN - 10);
            out.append(text(MARGIN, barsTop + i * PITCH + BAR - 4, label, 11, "normal", "start", null));
        }
        final int panelWidth = (WIDTH - LABEL - MARGIN - (refs.size() - 1) * GAP) / refs.size();
        for (int p = 0; p < refs.size(); p++)
        {
            panel(out, LABEL + p * (panelWidth + GAP), y, panelWidth, rows, refs.get(p));
        }
        return barsTop + rows.size() * PITCH + 30;
    }

    private static void panel(
        final StringBuilder out, final int left, final int top, final int width, final List<Result> rows,
        final ReportWriter.Reference ref)
    {
        final Result reference = ref.in(rows);
        out.append(text(left, top, clip("× vs " + reference.contender(), width), 11, "bold", "start", null));
        double max = 1;
        for (final Result r : rows)
        {
            final double ratio = r.timesBetterThan(reference);
            if (!Double.isNaN(ratio) && !Double.isInfinite(ratio))
            {
                max = Math.max(max, ratio);
            }
        }
        final double step = niceStep(max * 1.08 / 5);
        final double axisMax = Math.ceil(max * 1.08 / step) * step;
        final int barsTop = top + 6;
        final int axisY = barsTop + rows.size() * PITCH;
        for (int i = 0; Math.round(i * step * 1e9) <= Math.round(axisMax * 1e9); i++)
        {
            final double tick = i * step;
            final double tx = left + width * tick / axisMax;
            out.append(String.format(Locale.ROOT,
                "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#dddddd\"/>%n",
                tx, barsTop - 2, tx, axisY));
            out.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333333\"/>%n", tx, axisY, tx, axisY + 4));
            out.append(text((int)Math.round(tx), axisY + 16, Units.ratio(tick), 10, "normal", "middle", "tick"));
        }
        for (int i = 0; i < rows.size(); i++)
        {
            final Result r = rows.get(i);
            final double ratio = r.timesBetterThan(reference);
            final int barY = barsTop + i * PITCH;
            if (Double.isNaN(ratio))
            {
                out.append(text(left + 4, barY + BAR - 4, "not comparable", 10, "normal", "start", null));
                continue;
            }
            final double w = Math.max(1, width * Math.min(ratio, axisMax) / axisMax);
            out.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %s</title></rect>%n",
                left, barY, w, BAR, COLOURS.get(r.role()), escape(r.contender()), Units.ratio(ratio)));
            final String value = Units.ratio(ratio);
            final boolean inside = left + w + 4 + value.length() * CHAR > left + width;
            out.append(inside ?
                text((int)(left + w - 4), barY + BAR - 4, value, 10, "bold", "end", "value", "white") :
                text((int)(left + w + 4), barY + BAR - 4, value, 10, "normal", "start", "value"));
        }
        if (1 <= axisMax)
        {
            final double one = left + width / axisMax;
            out.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000000\" stroke-dasharray=\"4,3\"/>%n",
                one, barsTop - 4, one, axisY));
        }
        out.append(String.format(Locale.ROOT,
            "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333333\"/>%n",
            left, axisY, left + width, axisY));
    }

    /**
     * @return a round step near {@code raw}: 1, 2, 2.5 or 5 times a power of ten.
     */
    static double niceStep(final double raw)
    {
        final double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        final double residual = raw / magnitude;
        final double nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static String clip(final String s, final int width)
    {
        final int chars = (int)(width / CHAR);
        return s.length() <= chars ? s : s.substring(0, Math.max(1, chars - 1)) + "…";
    }

    private static String text(
        final int x, final int y, final String s, final int size, final String weight, final String anchor,
        final String cssClass)
    {
        return text(x, y, s, size, weight, anchor, cssClass, null);
    }

    private static String text(
        final int x, final int y, final String s, final int size, final String weight, final String anchor,
        final String cssClass, final String fill)
    {
        return "<text" + (cssClass == null ? "" : " class=\"" + cssClass + "\"") + " x=\"" + x + "\" y=\"" + y +
            "\" font-size=\"" + size + "\" font-weight=\"" + weight + "\" text-anchor=\"" + anchor + "\"" +
            (fill == null ? "" : " fill=\"" + fill + "\"") + ">" + escape(s) + "</text>\n";
    }

    private static String escape(final String s)
    {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
