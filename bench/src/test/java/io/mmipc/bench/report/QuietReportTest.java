package io.mmipc.bench.report;

import io.mmipc.bench.BenchMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code report --quick --quiet} with JMH stood in for: JMH's chatter (VM options, iterations, the
 * forks' output) goes to the quiet output, which prints one line per benchmark and then only the
 * ratio tables; a failed benchmark shows what JMH printed for it.
 */
class QuietReportTest
{
    private static final String FAKE = ReportTest.Fake.class.getName();
    private static final PrintStream STDOUT = System.out;

    private static BenchMain.Jmh fakeJmh(final List<OutputFormat> formats, final boolean failSecond)
    {
        return (options, format) ->
        {
            formats.add(format);
            final List<RunResult> runs = new ArrayList<>();
            final String[] methods = {"mmipc", "agrona", "pipe"};
            final double[] rates = {5.0e7, 5.5e7, 1.0e6};
            for (int i = 0; i < methods.length; i++)
            {
                final BenchmarkParams params = JmhFixtures.params(FAKE + "." + methods[i], Mode.Throughput,
                    TimeUnit.SECONDS, Map.of("size", "64"));
                format.startBenchmark(params);
                format.println("# VM options: --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");
                for (final byte b : "[peer QueuePeer] PEER-READY\n".getBytes(StandardCharsets.UTF_8))
                {
                    format.write(b); // a fork's process output, drained by JMH
                }
                System.out.println("# Warmup Iteration   1: 2.5 ops/us"); // a fork's output over JMH's link
                if (failSecond && i == 1)
                {
                    format.println("<forked VM failed with exit code 1>");
                    continue; // as JMH does: the benchmark is never ended
                }
                final RunResult run = JmhFixtures.throughput(params, Double.NaN, rates[i]);
                format.endBenchmark(run.getAggregatedResult());
                runs.add(run);
            }
            format.endRun(runs);
            format.println("Benchmark result is saved to jmh.json");
            return runs;
        };
    }

    private static String[] run(final BenchMain.Jmh jmh, final int expectedCode, final String... args) throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int code = ReportMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), jmh);
        final String[] streams = {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        assertEquals(expectedCode, code, streams[0] + streams[1]);
        return streams;
    }

    @Test
    @Timeout(60)
    void quietModePrintsALinePerBenchmarkThenTheRatioTable() throws Exception
    {
        final List<OutputFormat> formats = new ArrayList<>();
        final String out = run(fakeJmh(formats, false), 0, "--quick", "--quiet")[0];
        assertEquals(1, formats.size());
        assertTrue(formats.get(0) instanceof QuietOutput, "JMH writes to the quiet output");
        assertFalse(out.contains("VM options") || out.contains("PEER-READY") || out.contains("saved to") ||
            out.contains("Warmup Iteration"), out);
        assertSame(STDOUT, System.out, "System.out is restored");
        final List<String> progress = out.lines().filter(l -> l.matches("\\[\\d.*")).toList();
        assertEquals(3, progress.size(), out);
        assertTrue(out.startsWith("[report] quick mode: "), "a line says what is coming: " + out);
        assertTrue(progress.get(0).matches("\\[1(/\\d+)?] tp-64B: mmipc \\.\\.\\. 50,000,000 ops/s \\(\\d+ s\\)"),
            progress.get(0));
        assertTrue(out.contains("## tp-64B (higher is better)") && out.contains("| mmipc | 50 | 50x | 0.909x |"), out);
        assertFalse(out.contains("B/op") || out.contains("Ratios read"), "the ratio tables alone: " + out);
    }

    @Test
    @Timeout(60)
    void aFailedBenchmarkShowsJmhsOutputAndTheRunFails() throws Exception
    {
        final String[] streams = run(fakeJmh(new ArrayList<>(), true), 1, "--quick", "--quiet");
        assertTrue(streams[0].contains("[2") && streams[0].contains("failed after"), streams[0]);
        assertTrue(streams[0].contains("<forked VM failed with exit code 1>"), streams[0]);
        assertTrue(streams[0].contains("# Warmup Iteration"), "what the fork printed over the link too: " + streams[0]);
        assertTrue(streams[0].contains("[3"), "the run goes on: " + streams[0]);
        assertTrue(streams[1].contains("1 benchmark(s) failed"), streams[1]);
    }

    @Test
    @Timeout(60)
    void verboseKeepsJmhsOwnOutput() throws Exception
    {
        final List<OutputFormat> formats = new ArrayList<>();
        final BenchMain.Jmh jmh = (options, format) ->
        {
            formats.add(format);
            return List.of(JmhFixtures.throughput(JmhFixtures.params(FAKE + ".mmipc", Mode.Throughput, TimeUnit.SECONDS,
                Map.of("size", "64")), Double.NaN, 5.0e7));
        };
        final String out = run(jmh, 0, "--quick", "--verbose")[0];
        assertNull(formats.get(0), "JMH's own output format");
        assertTrue(out.contains("| mmipc | 50 |"), "the Markdown table: " + out);
    }
}
