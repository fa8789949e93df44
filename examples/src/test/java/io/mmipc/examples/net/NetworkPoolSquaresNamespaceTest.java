package io.mmipc.examples.net;

import io.mmipc.aeron.NetNamespaces;
import io.mmipc.aeron.PoolAgent;
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
 * The pool's map with its workers in another network namespace (a private {@code /dev/shm}):
 * the pool on the home node, a {@link PoolAgent} and its workers in namespace 1. Without root it
 * skips, saying why; under {@code CI=true} that is a failure.
 */
@Timeout(240)
class NetworkPoolSquaresNamespaceTest
{
    private static final int PORT = 40127;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsNamespaces()
    {
        NetNamespaces.requireOrSkip("the namespace example");
    }

    @Test
    void workersOfAnAgentInAnotherNamespaceMapTheSquares() throws Exception
    {
        final Path secret = NetNamespaces.ownerOnlySecret(dir, "the example's shared secret, 32 bytes");
        try (NetNamespaces ns = new NetNamespaces())
        {
            final Path agentLog = dir.resolve("agent.log");
            final Process agent = ns.start(1, agentLog, List.of(), PoolAgent.class, "--node", ns.address(1),
                "--home", ns.homeAddress() + ":" + PORT, "--secret-file", secret.toString(), "--agent", "far");
            assertNotNull(NetNamespaces.awaitLine(agentLog, "mmipc pool agent far", agent, 120_000), () -> read(agentLog));
            final Path poolLog = dir.resolve("pool.log");
            final Process pool = ns.start(0, poolLog, List.of(), NetworkPoolSquares.class, "home", ns.homeAddress(),
                "" + PORT, secret.toString(), "far", "2");
            final String result = NetNamespaces.awaitLine(poolLog, "[", pool, 180_000);
            assertEquals("[1, 4, 9, 16, 25]", result, () -> read(poolLog) + "\nagent: " + read(agentLog));
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
