package io.mmipc.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code report --from} writes a report, a summary and a chart that an SVG reader can parse.
 */
class ChartTest
{
    static Document parseSvg(final String svg) throws Exception
    {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        final Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
        return doc;
    }

    /**
     * @return the contents of the text elements of this class (all of them when null).
     */
    static List<String> texts(final Document svg, final String cssClass)
    {
        final List<String> texts = new ArrayList<>();
        final NodeList nodes = svg.getElementsByTagName("text");
        for (int i = 0; i < nodes.getLength(); i++)
        {
            final Element e = (Element)nodes.item(i);
            if (cssClass == null || cssClass.equals(e.getAttribute("class")))
            {
                texts.add(e.getTextContent());
            }
        }
        return texts;
    }

    @Test
    @Timeout(60)
    void reportFromSavedJsonWritesAChartWithAxes(@TempDir final Path dir) throws Exception
    {
        final Path json = dir.resolve("jmh.json");
        Files.writeString(json, ReportTest.JSON);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int code = ReportMain.run(new String[] {"--from", json.toString(), "--out", dir.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
            (options, format) -> fail("--from runs nothing"));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readString(dir.resolve("report.md")).contains("| mmipc | 50 | 50× |"));
        assertTrue(Json.parse(Files.readString(dir.resolve("summary.json"))) instanceof java.util.Map<?, ?>);
        final Document svg = parseSvg(Files.readString(dir.resolve("chart.svg")));
        assertTrue(texts(svg, null).contains("mmipc benchmarks"));
        assertTrue(texts(svg, "tick").containsAll(List.of("0×", "20×", "40×", "60×")), texts(svg, "tick").toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("| mmipc | 50 | 50× |"), "the table is printed too");
    }
}
