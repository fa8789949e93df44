package io.mmipc;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a network context's options refuse, each with the parameter and the value in the message.
 */
class NetworkOptionsTest
{
    private static final NetworkOptions NODE = NetworkOptions.node("10.0.0.1", 40123);

    @Test
    void batchLingerIsFiveMicrosecondsByDefaultZeroTurnsItOffAndOutOfRangeIsRefused()
    {
        assertEquals(Duration.ofNanos(5_000), NODE.batchLinger());
        assertEquals(Duration.ZERO, NODE.batchLinger(Duration.ZERO).batchLinger());
        assertEquals(Duration.ofMillis(1), NODE.batchLinger(Duration.ofMillis(1)).batchLinger());
        for (final Duration bad : new Duration[] {Duration.ofNanos(-1), Duration.ofNanos(1_000_001), Duration.ofDays(1)})
        {
            final IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> NODE.batchLinger(bad));
            assertTrue(refused.getMessage().contains("batchLinger") && refused.getMessage().contains(bad.toString()),
                refused.getMessage());
        }
        assertEquals(NODE.batchLinger(Duration.ZERO), NODE.batchLinger(Duration.ZERO), "equal options");
        assertTrue(!NODE.equals(NODE.batchLinger(Duration.ZERO)), "the linger is part of the options");
    }

    @Test
    void everySetterKeepsTheBatchLinger()
    {
        final Duration linger = Duration.ofNanos(20_000);
        final NetworkOptions options = NODE.batchLinger(linger).home("10.0.0.2", 40124)
            .secret("sixteen bytes at least".getBytes()).peerTimeout(Duration.ofSeconds(2));
        assertEquals(linger, options.batchLinger());
        assertEquals(Duration.ofSeconds(2), options.peerTimeout());
    }

    @Test
    void addressesPortsSecretsAndTimeoutsOutOfRangeAreRefusedByName()
    {
        assertMessage(() -> NetworkOptions.node("0.0.0.0", 1), "host", "0.0.0.0");
        assertMessage(() -> NetworkOptions.node("a/b", 1), "host", "a/b");
        assertMessage(() -> NetworkOptions.node("10.0.0.1", 65536), "port", "65536");
        assertMessage(() -> NODE.home("10.0.0.2", 0), "home port", "0");
        assertMessage(() -> NODE.secret(new byte[15]), "secret", "15");
        assertMessage(() -> NODE.peerTimeout(Duration.ofMillis(499)), "peerTimeout", "PT0.499S");
    }

    private static void assertMessage(final Runnable call, final String parameter, final String value)
    {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(refused.getMessage().contains(parameter) && refused.getMessage().contains(value),
            refused.getMessage());
    }
}
