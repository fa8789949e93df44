package io.mmipc.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The examples jar answers -h and --help with its usage, lists its ports, and refuses an unknown
 * name with the usage; none of these starts any work.
 */
class MainHelpTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int command(final String... args) throws Exception
    {
        return Main.command(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpPrintsTheUsageWhichSaysThatNoArgumentRunsTheTour() throws Exception
    {
        for (final String help : List.of("-h", "--help"))
        {
            out.reset();
            assertEquals(0, command(help));
            assertEquals(Main.USAGE + System.lineSeparator(), out(), help);
        }
        assertTrue(Main.USAGE.startsWith("usage: java -jar mmipc-examples.jar [list | NAME [ARGS...] | -h | --help]"));
        assertTrue(Main.USAGE.contains("(no argument)  the tour: 8 ports"), Main.USAGE);
        for (final String line : Main.USAGE.split(System.lineSeparator()))
        {
            assertTrue(line.length() <= 80, "short lines: " + line);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownNameIsRefusedWithTheUsage() throws Exception
    {
        assertEquals(2, command("-x"));
        assertEquals("no example named -x" + System.lineSeparator() + Main.USAGE + System.lineSeparator(),
            err.toString(StandardCharsets.UTF_8));
        assertEquals("", out());
    }

    @Test
    void aPortsHelpDescribesItWithoutRunningIt() throws Exception
    {
        assertEquals(0, command("ThreeWorkers", "--help"));
        assertEquals("ThreeWorkers: three workers start together, finish after 2 s (seed 000, " +
            "io.mmipc.examples.process.ThreeWorkers)" + System.lineSeparator() +
            "usage: java -jar mmipc-examples.jar ThreeWorkers" + System.lineSeparator(), out());
    }

    @Test
    void listNamesEveryPortAndTheTourRunsKnownOnes() throws Exception
    {
        assertEquals(0, command("list"));
        for (final Examples.Example example : Examples.ALL)
        {
            assertTrue(out().contains("  " + example.name() + " "), example.name());
        }
        for (final String[] stop : Main.TOUR)
        {
            assertNotNull(Examples.find(stop[0]), stop[0]);
            assertTrue(("== 8/8 " + stop[0] + ": " + stop[1]).length() <= 80, "short tour headers: " + stop[0]);
        }
    }

    @Test
    void theBenchmarkChildIsAskedForTheQuietReport()
    {
        final List<String> args = Main.benchArgs();
        assertEquals(List.of("report", "--quick", "--quiet"), args);
    }
}
