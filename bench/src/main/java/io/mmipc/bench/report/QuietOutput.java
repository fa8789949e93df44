package io.mmipc.bench.report;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * JMH's output reduced to one line per benchmark: "[3/7] suite: contender ... 52.9 ops/us (9 s)".
 * Everything else JMH prints, including what its forked JVMs and their peers print, is kept
 * (the last {@value #KEEP_CHARS} characters per benchmark) and shown only when a benchmark fails.
 * JMH reports a failed benchmark by not ending it, or by ending it without a result. A fork's
 * output reaches the host two ways: its process streams, which JMH drains into this format on its
 * own threads (hence the locking), and JMH's link, whose frames the host writes straight to
 * {@code System.out} and {@code System.err}: those are redirected to {@link #sink()} during a run.
 */
final class QuietOutput implements OutputFormat
{
    static final int KEEP_CHARS = 16_384;

    private final PrintStream out;
    private final int planned;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private int started;
    private long startNanos;
    private int failures;
    private boolean open;

    /**
     * @param planned how many benchmark runs to expect (for "3/7"); 0 when unknown.
     */
    QuietOutput(final PrintStream out, final int planned)
    {
        this.out = out;
        this.planned = planned;
    }

    @Override
    public synchronized void startBenchmark(final BenchmarkParams params)
    {
        finish();
        open = true;
        kept.reset();
        started++;
        startNanos = System.nanoTime();
        final Map<String, Object> values = new LinkedHashMap<>();
        params.getParamsKeys().forEach(k -> values.put(k, params.getParam(k)));
        out.print("[" + started + (planned >= started ? "/" + planned : "") + "] " +
            ResultReader.describe(params.getBenchmark(), values) + " ... ");
        out.flush();
    }

    @Override
    public synchronized void endBenchmark(final BenchmarkResult result)
    {
        if (result == null || result.getPrimaryResult() == null)
        {
            finish();
            return;
        }
        open = false;
        out.println(Units.fmt(result.getPrimaryResult().getScore()) + " " + result.getPrimaryResult().getScoreUnit() +
            " (" + seconds() + " s)");
        out.flush();
        kept.reset();
    }

    /**
     * Reports the benchmark still open, if any, as failed: JMH did not end it.
     */
    synchronized void finish()
    {
        if (open)
        {
            open = false;
            failures++;
            out.println("failed after " + seconds() + " s; JMH's output:");
            out.print(kept());
            out.println();
            out.flush();
            kept.reset();
        }
    }

    private long seconds()
    {
        return Math.round((System.nanoTime() - startNanos) / 1e9);
    }

    /**
     * @return a stream whose bytes are kept like JMH's own output (for {@code System.setOut}).
     */
    PrintStream sink()
    {
        return new PrintStream(new OutputStream()
        {
            @Override
            public void write(final int b)
            {
                keep(new byte[] {(byte)b});
            }

            @Override
            public void write(final byte[] b, final int off, final int len)
            {
                keep(Arrays.copyOfRange(b, off, off + len));
            }
        }, true, StandardCharsets.UTF_8);
    }

    /**
     * @return how many benchmarks failed.
     */
    synchronized int failures()
    {
        return failures;
    }

    /**
     * @return what JMH printed since the last benchmark ended (an error before any started).
     */
    synchronized String kept()
    {
        return new String(kept.toByteArray(), StandardCharsets.UTF_8);
    }

    @Override
    public void iteration(final BenchmarkParams benchParams, final IterationParams params, final int iteration)
    {
    }

    @Override
    public void iterationResult(
        final BenchmarkParams benchParams, final IterationParams params, final int iteration, final IterationResult data)
    {
    }

    @Override
    public void startRun()
    {
    }

    @Override
    public void endRun(final Collection<RunResult> result)
    {
    }

    @Override
    public void print(final String s)
    {
        keep(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void println(final String s)
    {
        keep((s + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void verbosePrintln(final String s)
    {
    }

    @Override
    public void write(final int b)
    {
        keep(new byte[] {(byte)b});
    }

    @Override
    public void write(final byte[] b)
    {
        keep(b);
    }

    @Override
    public void flush()
    {
        out.flush();
    }

    @Override
    public void close()
    {
        out.flush();
    }

    private synchronized void keep(final byte[] bytes)
    {
        kept.write(bytes, 0, bytes.length);
        if (kept.size() > 2 * KEEP_CHARS)
        {
            final byte[] all = kept.toByteArray();
            kept.reset();
            kept.write(all, all.length - KEEP_CHARS, KEEP_CHARS);
        }
    }

    @Override
    public String toString()
    {
        return String.format(Locale.ROOT, "QuietOutput[%d of %d started]", started, planned);
    }
}
