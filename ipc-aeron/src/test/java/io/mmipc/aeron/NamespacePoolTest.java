package io.mmipc.aeron;

import org.junit.jupiter.api.BeforeAll;
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
 * A pool on the home node, its workers on an agent's node in another network namespace: cutting
 * the link to that node fails the batch a worker there held with a
 * {@link io.mmipc.WorkerDiedException} after the peer timeout, and the pool goes on with
 * replacements on its own host. Without root it skips, saying why; under {@code CI=true} that is
 * a failure.
 */
@Timeout(240)
class NamespacePoolTest
{
    private static final int PORT = 40129;
    private static final String PEER_TIMEOUT_MS = "2000";

    @TempDir
    Path dir;

    @BeforeAll
    static void needsNamespaces()
    {
        NetNamespaces.requireOrSkip("the namespace suite");
    }

    @Test
    void cuttingTheAgentsLinkFailsItsBatchAndThePoolGoesOnAtHome() throws Exception
    {
        final Path secret = NetNamespaces.ownerOnlySecret(dir, "the namespace pool test's secret.");
        try (NetNamespaces ns = new NetNamespaces())
        {
            final Path agentLog = dir.resolve("agent.log");
            final Process agent = ns.start(1, agentLog, List.of(), PoolAgent.class, "--node", ns.address(1),
                "--home", ns.homeAddress() + ":" + PORT, "--secret-file", secret.toString(), "--agent", "far",
                "--peer-timeout-ms", PEER_TIMEOUT_MS);
            assertNotNull(NetNamespaces.awaitLine(agentLog, "mmipc pool agent far", agent, 120_000), () -> read(agentLog));
            final Path poolLog = dir.resolve("pool.log");
            final Process pool = ns.start(0, poolLog, List.of(), PoolProbe.class, ns.homeAddress(), "" + PORT,
                secret.toString(), PEER_TIMEOUT_MS);
            final String first = NetNamespaces.awaitLine(poolLog, "first ", pool, 180_000);
            assertEquals("first [1, 4, 9, 16, 25]", first, () -> read(poolLog) + "\nagent: " + read(agentLog));
            assertNotNull(NetNamespaces.awaitLine(poolLog, "held", pool, 60_000), () -> read(poolLog));
            ns.link(1, false);
            final String ended = NetNamespaces.awaitLine(poolLog, "ended ", pool, 120_000);
            assertNotNull(ended, () -> read(poolLog));
            assertTrue(ended.startsWith("ended WorkerDiedException: ") && ended.contains("agent far"),
                () -> ended + "\n" + read(poolLog));
            assertEquals("after [36, 49, 64]", NetNamespaces.awaitLine(poolLog, "after ", pool, 120_000),
                () -> read(poolLog));
            assertTrue(pool.waitFor(60, TimeUnit.SECONDS), () -> read(poolLog));
            assertEquals(0, pool.exitValue(), () -> read(poolLog));
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
