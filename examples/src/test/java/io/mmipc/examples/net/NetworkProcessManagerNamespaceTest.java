package io.mmipc.examples.net;

import io.mmipc.aeron.NetNamespaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ProcessManager with its workers in other network namespaces (each JVM with a private
 * {@code /dev/shm}): the manager on the home node, one worker in each other namespace. Without
 * root it skips, saying why; under {@code CI=true} that is a failure.
 */
@Timeout(240)
class NetworkProcessManagerNamespaceTest
{
    private static final int PORT = 40125;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsNamespaces()
    {
        NetNamespaces.requireOrSkip("the namespace example");
    }

    @Test
    void workersInOtherNamespacesProcessEveryTaskExactlyOnce() throws Exception
    {
        final Path secret = NetNamespaces.ownerOnlySecret(dir, "the example's shared secret, 32 bytes");
        try (NetNamespaces ns = new NetNamespaces())
        {
            final Path managerLog = dir.resolve("manager.log");
            final Process manager = ns.start(0, managerLog, List.of(), NetworkProcessManager.class, "home",
                ns.homeAddress(), "" + PORT, secret.toString(), "20", "2");
            for (int worker = 1; worker <= 2; worker++)
            {
                ns.start(worker, dir.resolve("worker" + worker + ".log"), List.of(), NetworkProcessManager.class,
                    "worker", "" + worker, ns.address(worker), ns.homeAddress(), "" + PORT, secret.toString());
            }
            final String results = NetNamespaces.awaitLine(managerLog, "Results: ", manager, 180_000);
            assertNotNull(results, () -> read(managerLog) + "\nworker 1: " + read(dir.resolve("worker1.log")) +
                "\nworker 2: " + read(dir.resolve("worker2.log")));
            final List<Integer> got = List.of(results.substring("Results: [".length(), results.length() - 1)
                .split(", ")).stream().map(Integer::parseInt).sorted().collect(Collectors.toList());
            assertEquals(IntStream.range(0, 20).map(t -> t * 2).boxed().collect(Collectors.toList()), got);
            assertTrue(manager.waitFor(60, TimeUnit.SECONDS), () -> read(managerLog));
            assertEquals(0, manager.exitValue(), () -> read(managerLog));
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
