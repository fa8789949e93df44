package io.mmipc.bench.report;

import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.Spinning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.openjdk.jmh.annotations.Mode;
import org.w3c.dom.Document;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(60)
class ReportTest
{
    /** Stands in for benchmark classes: the reader only needs the annotations. */
    public static class Fake
    {
        @Contender(suite = "tp-{size}B", name = "mmipc", role = Contender.Role.MMIPC)
        @Spinning(threads = 2, note = "both")
        public void mmipc()
        {
        }

        @Contender(suite = "tp-{size}B", name = "raw Agrona", role = Contender.Role.CEILING)
        public void agrona()
        {
        }

        @Contender(suite = "tp-{size}B", name = "pipe", role = Contender.Role.BASELINE)
        public void pipe()
        {
        }

        @Contender(suite = "rtt", name = "mmipc rtt", role = Contender.Role.MMIPC)
        public void rtt()
        {
        }

        @Contender(suite = "rtt", name = "pipe rtt", role = Contender.Role.BASELINE)
        public void pipeRtt()
        {
        }

        @Contender(suite = "var {size}", param = "transport", variants = {
            @io.mmipc.bench.support.Variant(value = "FAST", name = "fast one", role = Contender.Role.MMIPC, quick = true),
            @io.mmipc.bench.support.Variant(value = "SLOW", name = "slow one", role = Contender.Role.BASELINE)})
        public void variants()
        {
        }
    }

    @Test
    void aParameterPicksTheContenderAndUnitsAreComparedInBaseUnits()
    {
        final String json = "[" + String.join(",",
            "{\"benchmark\":\"" + Fake.class.getName() + ".variants\",\"mode\":\"thrpt\",\"params\":{\"transport\":" +
                "\"FAST\",\"size\":\"64\"},\"primaryMetric\":{\"score\":50,\"scoreUnit\":\"ops/us\"}}",
            "{\"benchmark\":\"" + Fake.class.getName() + ".variants\",\"mode\":\"thrpt\",\"params\":{\"transport\":" +
                "\"SLOW\",\"size\":\"64\"},\"primaryMetric\":{\"score\":1000000,\"scoreUnit\":\"ops/s\"}}") + "]";
        final List<Result> results = ResultReader.read(json);
        assertEquals("fast one", results.get(0).contender());
        assertEquals(Contender.Role.MMIPC, results.get(0).role());
        assertEquals("var 64", results.get(0).suite());
        assertEquals("slow one", results.get(1).contender());
        assertEquals(Contender.Role.BASELINE, results.get(1).role());
        assertEquals(50.0, results.get(0).timesBetterThan(results.get(1)), 1e-9, "50 ops/us is 50x 1 M ops/s");
    }

    private static String entry(final String method, final String mode, final double score, final String unit,
        final String extra)
    {
        return "{\"benchmark\":\"" + Fake.class.getName() + "." + method + "\",\"mode\":\"" + mode + "\"," +
            "\"params\":{\"size\":\"64\"},\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":\"NaN\"," +
            "\"scoreUnit\":\"" + unit + "\"" + extra + "}}";
    }

    static final String JSON = "[" + String.join(",",
        entry("mmipc", "thrpt", 5.0e7, "ops/s", ""),
        entry("agrona", "thrpt", 5.5e7, "ops/s", ""),
        entry("pipe", "thrpt", 1.0e6, "ops/s", ""),
        "{\"benchmark\":\"" + Fake.class.getName() + ".rtt\",\"mode\":\"sample\",\"primaryMetric\":{\"score\":0.2," +
            "\"scoreError\":0.01,\"scoreUnit\":\"us/op\",\"scorePercentiles\":{\"0.0\":0.1,\"50.0\":0.2,\"90.0\":0.3," +
            "\"99.0\":0.5,\"99.9\":2.0,\"100.0\":40.0}},\"secondaryMetrics\":{\"gc.alloc.rate.norm\":{\"score\":0.0," +
            "\"scoreUnit\":\"B/op\"}}}",
        "{\"benchmark\":\"" + Fake.class.getName() + ".pipeRtt\",\"mode\":\"sample\",\"primaryMetric\":{\"score\":9," +
            "\"scoreError\":1,\"scoreUnit\":\"us/op\",\"scorePercentiles\":{\"50.0\":8.0,\"90.0\":12.0,\"99.0\":20.0," +
            "\"99.9\":60.0,\"100.0\":900.0}}}",
        "{\"benchmark\":\"some.Unannotated.thing\",\"mode\":\"avgt\",\"primaryMetric\":{\"score\":3,\"scoreUnit\":\"ns/op\"}}"
    ) + "]";

    @Test
    void resultsArePlacedInTheirSuitesWithRatios()
    {
        final List<Result> results = ResultReader.read(JSON);
        assertEquals(6, results.size());
        final Result mmipc = results.get(0);
        assertEquals("tp-64B", mmipc.suite());
        assertEquals(2, mmipc.spinning());
        assertEquals(50.0, mmipc.timesBetterThan(results.get(2)), 1e-9);
        assertEquals(5.0 / 5.5, mmipc.timesBetterThan(results.get(1)), 1e-9);
        assertEquals(40.0, results.get(3).timesBetterThan(results.get(4)), 1e-9, "latency compares medians");
        assertEquals("some.Unannotated.thing", results.get(5).suite());

        final String md = ReportWriter.markdown(results, "t", Map.of("cpus", "2"));
        assertTrue(md.contains("| contender | ops/µs ± error | vs pipe + serialization | vs raw library | spinning |"), md);
        assertTrue(md.contains("| mmipc | 50 | 50× | 0.909× | 2 |"), md);
        assertTrue(md.contains("| contender | mean ns ± error | vs pipe + serialization | p50 ns | p90 ns | p99 ns | " +
            "p99.9 ns | max ns | B/op | spinning |"), md);
        assertTrue(md.contains("| mmipc rtt | 200 ± 10 | 40× | 200 | 300 | 500 | 2,000 | 40,000 | 0 | ? |"), md);
        assertTrue(md.contains("| pipe rtt | 9,000 ± 1,000 | 1× | 8,000 | 12,000 | 20,000 | 60,000 | 900,000 |  | ? |"), md);

        final String text = ReportWriter.ratioTables(results);
        assertTrue(text.contains("## tp-64B (higher is better)\n\n| contender | ops/us | vs pipe + serialization | " +
            "vs raw library |\n|---|---:|---:|---:|\n| mmipc | 50 | 50x | 0.909x |\n"), text);
        assertTrue(text.contains("| contender | p50 ns | p99 ns | vs pipe + serialization |\n"), text);
        assertTrue(text.contains("| mmipc rtt | 200 | 500 | 40x |\n"), text);
        assertTrue(text.chars().allMatch(c -> c < 128), "ASCII for any console: " + text);

        final String summary = Json.write(ReportWriter.summary(results, Map.of("cpus", "2")));
        final Object parsed = Json.parse(summary);
        assertTrue(parsed instanceof Map<?, ?>);
        assertTrue(summary.contains("\"timesBetterThanPipe\": 50"), summary);
    }

    @Test
    void everyTableShowsOneUnitAndOneNumberFormat()
    {
        final String json = "[" + String.join(",",
            entry("mmipc", "thrpt", 52.86, "ops/us", ""),
            entry("agrona", "thrpt", 3.2216e7, "ops/s", ""),
            entry("pipe", "thrpt", 708.4, "ops/ms", "")) + "]";
        final String md = ReportWriter.markdown(ResultReader.read(json), "t", Map.of());
        final String table = md.substring(md.indexOf("## tp-64B"));
        assertTrue(table.contains("| contender | ops/µs ± error |"), table);
        assertTrue(table.contains("| mmipc | 52.9 |") && table.contains("| raw Agrona | 32.2 |") &&
            table.contains("| pipe | 0.708 |"), "every row in ops/µs: " + table);
        for (final String line : table.split("\n"))
        {
            if (line.startsWith("| ") && !line.startsWith("| contender"))
            {
                assertFalse(line.contains("ops/"), "no unit in the rows: " + line);
            }
        }
    }

    @Test
    void oneNumberFormat()
    {
        assertEquals("52,864", Units.fmt(52_864.126));
        assertEquals("708", Units.fmt(708.358));
        assertEquals("100", Units.fmt(99.96));
        assertEquals("52.9", Units.fmt(52.86));
        assertEquals("1.42", Units.fmt(1.4213));
        assertEquals("1", Units.fmt(1.0));
        assertEquals("0.0219", Units.fmt(0.021937));
        assertEquals("0.0000106", Units.fmt(1.06e-5));
        assertEquals("0", Units.fmt(0));
        assertEquals("", Units.fmt(Double.NaN));
        assertEquals("74.6×", Units.ratio(74.63));
    }

    @Test
    void inProcessResultsAndJmhsJsonOfThemGiveTheSameResults()
    {
        final List<RunResult> runs = List.of(
            JmhFixtures.throughput(JmhFixtures.params(Fake.class.getName() + ".mmipc", Mode.Throughput,
                TimeUnit.MICROSECONDS, Map.of("size", "64")), 152.5, 5.0e7, 5.2e7),
            JmhFixtures.sampled(JmhFixtures.params(Fake.class.getName() + ".rtt", Mode.SampleTime,
                TimeUnit.NANOSECONDS, Map.of()), 150, 160, 170, 900, 40_000));
        final ByteArrayOutputStream json = new ByteArrayOutputStream();
        ResultFormatFactory.getInstance(ResultFormatType.JSON, new PrintStream(json, true, StandardCharsets.UTF_8))
            .writeOut(runs);
        final List<Result> inProcess = ResultReader.read(runs);
        final List<Result> fromJson = ResultReader.read(json.toString(StandardCharsets.UTF_8));
        assertEquals(2, inProcess.size());
        for (int i = 0; i < inProcess.size(); i++)
        {
            final Result a = inProcess.get(i);
            final Result b = fromJson.get(i);
            assertEquals(List.of(b.suite(), b.contender(), b.role(), b.benchmark(), b.mode(), b.unit(), b.spinning()),
                List.of(a.suite(), a.contender(), a.role(), a.benchmark(), a.mode(), a.unit(), a.spinning()));
            assertEquals(b.score(), a.score(), 1e-9 * Math.abs(b.score()));
            assertEquals(b.error(), a.error(), 1e-9 * Math.abs(b.score()));
            assertEquals(b.allocBytes(), a.allocBytes(), 1e-9);
            assertEquals(b.percentiles().keySet(), a.percentiles().keySet());
            b.percentiles().forEach((k, v) -> assertEquals(v, a.percentiles().get(k), 1e-9, k));
        }
        assertEquals("tp-64B", inProcess.get(0).suite());
        assertEquals(152.5, inProcess.get(0).allocBytes(), 1e-9);
        assertEquals(170.0, inProcess.get(1).percentiles().get("50.0"), 1e-9, "the median of five samples");
    }

    @Test
    void theChartHasLinearAxesWithTicksGridlinesAndTheFigures() throws Exception
    {
        final Document svg = ChartTest.parseSvg(ChartWriter.svg(ResultReader.read(JSON), "t"));
        final List<String> ticks = ChartTest.texts(svg, "tick");
        assertTrue(ticks.containsAll(List.of("0×", "20×", "40×", "60×")), "the pipe panel's axis: " + ticks);
        assertTrue(ticks.containsAll(List.of("0.25×", "0.5×", "1×", "1.25×")), "the raw library panel's axis: " + ticks);
        final List<String> values = ChartTest.texts(svg, "value");
        assertTrue(values.containsAll(List.of("50×", "55×", "0.909×", "40×")), values.toString());
        assertTrue(svg.getElementsByTagName("line").getLength() > 10, "gridlines and axes");
        assertTrue(ChartTest.texts(svg, null).contains("mmipc rtt"), "contender labels");
    }

    @Test
    void jsonRoundTrips()
    {
        final Object value = Json.parse("{\"a\": [1, 2.5, \"x\\\"y\\u00e9\", true, null, {}], \"b\": {\"c\": -3e2}}");
        assertEquals(value, Json.parse(Json.write(value)));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": }"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2"));
    }
}
