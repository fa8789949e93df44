package io.mmipc.bench.report;

import io.mmipc.bench.support.Contender;

import java.util.Map;

/**
 * One benchmark's outcome, placed in its suite.
 *
 * @param suite       results of one suite are compared with each other.
 * @param contender   the name in the report.
 * @param role        mmipc, the ceiling, the baseline or a peer.
 * @param benchmark   JMH's name for it.
 * @param mode        JMH's mode: thrpt, avgt, sample, ss.
 * @param score       the primary score.
 * @param error       its 99.9% error, NaN when unknown.
 * @param unit        the score's unit ("ops/s", "ns/op", "us/op").
 * @param percentiles percentile ("50.0") to value, for sample mode; empty otherwise.
 * @param allocBytes  bytes allocated per operation (JMH -prof gc), NaN when not measured.
 * @param spinning    threads busy-spinning while it ran, -1 when unknown.
 * @param spinningNote who spins.
 */
public record Result(
    String suite,
    String contender,
    Contender.Role role,
    String benchmark,
    String mode,
    double score,
    double error,
    String unit,
    Map<String, Double> percentiles,
    double allocBytes,
    int spinning,
    String spinningNote)
{
    /**
     * @return true when a larger score is better (throughput).
     */
    public boolean higherIsBetter()
    {
        return mode.equals("thrpt");
    }

    /**
     * @return what ratios compare: the median for latency samples, the score otherwise.
     */
    public double comparable()
    {
        final Double p50 = percentiles.get("50.0");
        return p50 != null ? p50 : score;
    }

    /**
     * @return how many times better this is than {@code reference}: more per second, or less time.
     */
    public double timesBetterThan(final Result reference)
    {
        if (reference == null || reference.higherIsBetter() != higherIsBetter())
        {
            return Double.NaN;
        }
        final double mine = comparable() * perBase(unit);
        final double theirs = reference.comparable() * perBase(reference.unit);
        return higherIsBetter() ? mine / theirs : theirs / mine;
    }

    /**
     * @return what one unit is in the base units: operations per second, or nanoseconds per operation.
     */
    static double perBase(final String unit)
    {
        return switch (unit)
        {
            case "ops/ns" -> 1e9;
            case "ops/us" -> 1e6;
            case "ops/ms" -> 1e3;
            case "ops/min" -> 1.0 / 60;
            case "us/op" -> 1e3;
            case "ms/op" -> 1e6;
            case "s/op" -> 1e9;
            case "min/op" -> 6e10;
            default -> 1.0; // ops/s, ns/op
        };
    }
}
