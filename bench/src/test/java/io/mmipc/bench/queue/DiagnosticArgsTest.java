package io.mmipc.bench.queue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The queue diagnostics' command lines: every wrong argument is refused by name, with its value and
 * the usage, before anything is opened (an OS pipe would block its open forever).
 */
@Timeout(30)
class DiagnosticArgsTest
{
    @Test
    void goodArgumentsParse()
    {
        final DiagnosticArgs args =
            new DiagnosticArgs("u", new String[]{"9", "1.5", "64", "agrona_raw,MMIPC_ZERO_COPY"}, 4);
        assertEquals(9, args.count(0, "rounds", 1, 1000));
        assertEquals(1_500_000_000L, args.seconds(1, "seconds"));
        assertEquals(64, args.count(2, "batch", 1, 1024));
        assertEquals(List.of(Transport.AGRONA_RAW, Transport.MMIPC_ZERO_COPY), args.transports(3));
    }

    @Test
    void wrongArgumentsAreRefusedByNameWithTheirValue()
    {
        refused(() -> new DiagnosticArgs("USAGE", new String[]{"1", "2"}, 3), "3 arguments expected, got 2");
        final DiagnosticArgs args = new DiagnosticArgs("USAGE",
            new String[]{"x", "-1", "0", "NaN", "1e9", "2147483648", "99999"}, 7);
        refused(() -> args.count(0, "rounds", 1, 1000), "rounds must be a whole number, got \"x\"");
        refused(() -> args.count(1, "rounds", 1, 1000), "rounds must be from 1 to 1000, got -1");
        refused(() -> args.count(2, "batch", 1, 1024), "batch must be from 1 to 1024, got 0");
        refused(() -> args.count(5, "batch", 1, 1024), "batch must be a whole number, got \"2147483648\"");
        refused(() -> args.count(6, "batch", 1, 1024), "batch must be from 1 to 1024, got 99999");
        refused(() -> args.seconds(0, "seconds"), "seconds must be a number of seconds, got \"x\"");
        refused(() -> args.seconds(1, "seconds"), "seconds must be over 0 and at most 3600 seconds, got -1");
        refused(() -> args.seconds(3, "seconds"), "got NaN");
        refused(() -> args.seconds(4, "seconds"), "got 1e9");
    }

    @Test
    void onlyCountedRingsAreTaken()
    {
        refused(() -> transports("OS_PIPE"), "OS_PIPE is not a ring");
        refused(() -> transports("AGRONA_RAW,"), "unknown transport \"\"");
        refused(() -> transports("TCP"), "unknown transport \"TCP\"");
        refused(() -> transports("MMIPC_ZERO_COPY_UNCOUNTED"), "-Dmmipc.counters=false");
    }

    @Test
    void theProgramsRefuseBeforeTheyOpenAnything()
    {
        refused(() -> SendReceiveSplit.main(new String[]{"1", "1", "64", "OS_PIPE"}), "OS_PIPE is not a ring");
        refused(() -> TwoThreadStream.main(new String[]{"1", "1"}), "3 arguments expected, got 2");
    }

    private static List<Transport> transports(final String list)
    {
        return new DiagnosticArgs("USAGE", new String[]{list}, 1).transports(0);
    }

    private static void refused(final org.junit.jupiter.api.function.Executable call, final String expected)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, call);
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
        assertTrue(ex.getMessage().contains("usage: "), ex.getMessage());
    }
}
