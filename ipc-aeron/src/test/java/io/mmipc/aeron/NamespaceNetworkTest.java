package io.mmipc.aeron;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nodes in separate network namespaces (see {@link NetNamespaces}), one JVM each, talking only
 * through UDP: order and exactly-once under Aeron's loss generator with a forging attacker
 * beside, a link cut and restored, and kill -9 of a remote node mid-stream. Without root it
 * skips, saying why; under {@code CI=true} that is a failure.
 */
@Timeout(180)
class NamespaceNetworkTest
{
    private static final int PORT = 40123;
    private static final List<String> LOSS = List.of("-Daeron.debug.receive.data.loss.rate=0.1");

    @TempDir
    Path dir;
    private Path secret;

    @BeforeAll
    static void needsNamespaces()
    {
        NetNamespaces.requireOrSkip("the namespace suite");
    }

    @BeforeEach
    void secret() throws Exception
    {
        secret = NetNamespaces.ownerOnlySecret(dir, "the namespace suite's secret, 32b");
    }

    @AfterAll
    static void nothingLeft() throws Exception
    {
        if (NetNamespaces.unavailableBecause() == null)
        {
            // Only this suite's namespaces carry the prefix; each test removed its own.
            assertEquals(List.of(), NetNamespaces.leftovers());
        }
    }

    @Test
    void everyMessageOnceAndInOrderUnderLossWhileAnAttackerForgesFrames() throws Exception
    {
        try (NetNamespaces ns = new NetNamespaces())
        {
            final Path homeLog = dir.resolve("home.log");
            // The home checks for 15 s after the last message that nothing more arrives: the attacker's time.
            final Process home = ns.start(0, homeLog, LOSS, "home", ns.homeAddress(), "" + PORT, secret.toString(),
                "queue", "2000", "15");
            assertNotNull(NetNamespaces.awaitLine(homeLog, "READY", home, 60_000), () -> read(homeLog));
            final Path attackerLog = dir.resolve("attacker.log");
            final Process attacker = ns.start(2, attackerLog, List.of(), "attacker", ns.address(2),
                ns.homeAddress(), "" + PORT);
            final Path producerLog = dir.resolve("producer.log");
            final Process producer = ns.start(1, producerLog, List.of(), "producer", ns.address(1),
                ns.homeAddress(), "" + PORT, secret.toString(), "2000", "0");

            final String forged = NetNamespaces.awaitLine(attackerLog, "FORGED", attacker, 90_000);
            assertNotNull(forged, () -> read(attackerLog));
            assertTrue(Integer.parseInt(forged.substring("FORGED ".length())) > 0, forged);
            assertNotNull(NetNamespaces.awaitLine(attackerLog, "REFUSED", attacker, 60_000), () -> read(attackerLog));
            final String done = NetNamespaces.awaitLine(homeLog, "DONE", home, 150_000);
            assertNotNull(done, () -> "home: " + read(homeLog) + "\nproducer: " + read(producerLog));
            assertTrue(Long.parseLong(done.substring(done.indexOf("refused=") + "refused=".length())) > 0,
                () -> "the forged frames never reached the home: " + done);
            assertNotNull(NetNamespaces.awaitLine(producerLog, "SENT 2000", producer, 30_000), () -> read(producerLog));
            assertTrue(home.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, home.exitValue(), () -> read(homeLog));
            assertTrue(!read(homeLog).contains("BAD"), () -> read(homeLog));
        }
    }

    @Test
    void aLinkCutAndRestoredWithinThePeerTimeoutLosesNothing() throws Exception
    {
        try (NetNamespaces ns = new NetNamespaces())
        {
            final Path homeLog = dir.resolve("home.log");
            final Process home = ns.start(0, homeLog, List.of(), "home", ns.homeAddress(), "" + PORT,
                secret.toString(), "queue", "3000");
            assertNotNull(NetNamespaces.awaitLine(homeLog, "READY", home, 60_000), () -> read(homeLog));
            final Path producerLog = dir.resolve("producer.log");
            ns.start(1, producerLog, List.of(), "producer", ns.address(1), ns.homeAddress(), "" + PORT,
                secret.toString(), "3000", "1000");
            assertNotNull(NetNamespaces.awaitLine(homeLog, "GOT 600", home, 90_000), () -> read(homeLog) +
                "\nproducer: " + read(producerLog));
            ns.link(1, false);
            TimeUnit.MILLISECONDS.sleep(1000); // how long the link stays cut (under the 3 s peer timeout)
            ns.link(1, true);
            assertNotNull(NetNamespaces.awaitLine(homeLog, "DONE", home, 120_000), () -> read(homeLog) +
                "\nproducer: " + read(producerLog));
            assertTrue(home.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, home.exitValue(), () -> read(homeLog));
        }
    }

    @Test
    void killingTheRemoteNodeMidStreamIsEndOfStreamAtTheHome() throws Exception
    {
        try (NetNamespaces ns = new NetNamespaces())
        {
            final Path homeLog = dir.resolve("home.log");
            final Process home = ns.start(0, homeLog, List.of(), "home", ns.homeAddress(), "" + PORT,
                secret.toString(), "pipe", "0");
            assertNotNull(NetNamespaces.awaitLine(homeLog, "READY", home, 60_000), () -> read(homeLog));
            final Path piperLog = dir.resolve("piper.log");
            final Process piper = ns.start(1, piperLog, List.of(), "piper", ns.address(1), ns.homeAddress(),
                "" + PORT, secret.toString());
            assertNotNull(NetNamespaces.awaitLine(homeLog, "GOT 200", home, 90_000), () -> read(homeLog) +
                "\npiper: " + read(piperLog));
            piper.destroyForcibly();
            assertTrue(piper.waitFor(30, TimeUnit.SECONDS));
            // End-of-stream within the peer timeout (3 s) after the last heartbeat, plus a loaded machine's slack.
            assertNotNull(NetNamespaces.awaitLine(homeLog, "EOS", home, 30_000), () -> read(homeLog));
            assertTrue(home.waitFor(30, TimeUnit.SECONDS));
            assertTrue(!read(homeLog).contains("BAD"), () -> read(homeLog));
        }
    }

    @Test
    void killingTheHomeMidStreamIsEndOfStreamAtTheSender() throws Exception
    {
        try (NetNamespaces ns = new NetNamespaces())
        {
            final Path homeLog = dir.resolve("home.log");
            final Process home = ns.start(0, homeLog, List.of(), "home", ns.homeAddress(), "" + PORT,
                secret.toString(), "pipe", "0");
            assertNotNull(NetNamespaces.awaitLine(homeLog, "READY", home, 60_000), () -> read(homeLog));
            final Path piperLog = dir.resolve("piper.log");
            final Process piper = ns.start(1, piperLog, List.of(), "piper", ns.address(1), ns.homeAddress(),
                "" + PORT, secret.toString());
            assertNotNull(NetNamespaces.awaitLine(homeLog, "GOT 200", home, 90_000), () -> read(homeLog) +
                "\npiper: " + read(piperLog));
            home.destroyForcibly();
            assertTrue(home.waitFor(30, TimeUnit.SECONDS));
            // The sender's send fails once the home has been silent for the peer timeout (3 s), never hangs.
            assertNotNull(NetNamespaces.awaitLine(piperLog, "EOS", piper, 30_000), () -> read(piperLog));
            assertTrue(piper.waitFor(30, TimeUnit.SECONDS), () -> read(piperLog));
        }
    }

    private static String read(final Path log)
    {
        try
        {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        }
        catch (final Exception ex)
        {
            return "(unreadable: " + ex + ")";
        }
    }
}
