package io.mmipc.bench.report;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Reading the chart as an SVG reader would.
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
}
