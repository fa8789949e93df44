package io.mmipc.bench.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.DoubleStream;

/**
 * The report's one number format, and the one unit each table is shown in: JMH reports each
 * benchmark in its own {@code @OutputTimeUnit}, so one suite can hold ops/s beside ops/µs.
 */
public final class Units
{
    private static final MathContext THREE_DIGITS = new MathContext(3);

    /** A unit a table is shown in, and how many base units (ops/s, or ns per op) one of it is. */
    public record Unit(String name, double base)
    {
        /**
         * @return {@code valueInBase} (ops/s, or ns) in this unit.
         */
        public double of(final double valueInBase)
        {
            return valueInBase / base;
        }
    }

    private static final List<Unit> RATES = List.of(
        new Unit("ops/µs", 1e6), new Unit("ops/ms", 1e3), new Unit("ops/s", 1));
    private static final List<Unit> TIMES = List.of(
        new Unit("s", 1e9), new Unit("ms", 1e6), new Unit("µs", 1e3), new Unit("ns", 1));

    private Units()
    {
    }

    /**
     * @return the unit for a table of these results: a rate for throughput, else a time per
     *         operation; the largest in which the best score (the highest rate, the shortest time)
     *         is at least 1, so the figures that matter most read without a run of zeros.
     */
    public static Unit forTable(final List<Result> rows)
    {
        final boolean rates = !rows.isEmpty() && rows.get(0).higherIsBetter();
        final List<Unit> candidates = rates ? RATES : TIMES;
        final DoubleStream scores = rows.stream().mapToDouble(r -> r.score() * Result.perBase(r.unit()))
            .filter(v -> !Double.isNaN(v) && v > 0);
        final OptionalDouble best = rates ? scores.max() : scores.min();
        for (final Unit unit : candidates)
        {
            if (best.isPresent() && unit.of(best.getAsDouble()) >= 1)
            {
                return unit;
            }
        }
        return candidates.get(candidates.size() - 1);
    }

    /**
     * @return a result's score in {@code unit}.
     */
    public static double score(final Result r, final Unit unit)
    {
        return unit.of(r.score() * Result.perBase(r.unit()));
    }

    /**
     * @return a value of a result (its error, a percentile) in {@code unit}.
     */
    public static double value(final Result r, final double value, final Unit unit)
    {
        return unit.of(value * Result.perBase(r.unit()));
    }

    /**
     * The one number format: at most three significant digits below 100, whole numbers with
     * thousands separators from 100 up ("0.0219", "1.5", "52.9", "708", "52,864"); never an exponent.
     *
     * @return the text, empty for NaN.
     */
    public static String fmt(final double v)
    {
        if (Double.isNaN(v))
        {
            return "";
        }
        if (Double.isInfinite(v))
        {
            return v > 0 ? "∞" : "-∞";
        }
        if (Math.abs(v) >= 99.95)
        {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (v == 0)
        {
            return "0";
        }
        return BigDecimal.valueOf(v).round(THREE_DIGITS).stripTrailingZeros().toPlainString();
    }

    /**
     * @return a ratio in the same format with a times sign, empty for NaN.
     */
    public static String ratio(final double ratio)
    {
        return Double.isNaN(ratio) ? "" : fmt(ratio) + "×";
    }
}
