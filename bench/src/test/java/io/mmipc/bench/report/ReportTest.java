package io.mmipc.bench.report;

import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.Spinning;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

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

    private static final String JSON = "[" + String.join(",",
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
        assertTrue(md.contains("| mmipc | 50,000,000 | ops/s | 50.00× | 0.91× |  |"), md);
        assertTrue(md.contains("| mmipc rtt | 0.200 ± 0.0100 | us/op | 40.00× |  |  | 0.200 | 0.300 | 0.500 | 2.00 | 40.00 | 0.00 | ?"),
            md);

        final String summary = Json.write(ReportWriter.summary(results, Map.of("cpus", "2")));
        final Object parsed = Json.parse(summary);
        assertTrue(parsed instanceof Map<?, ?>);
        assertTrue(summary.contains("\"timesBetterThanPipe\": 50"), summary);

        final String svg = ChartWriter.svg(results, "t");
        assertTrue(svg.startsWith("<svg") && svg.contains(">mmipc rtt<") && svg.contains("tp-64B"), svg);
        assertTrue(svg.contains(">200<") && svg.contains(">40000<"), "latency bars in nanoseconds: " + svg);
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
