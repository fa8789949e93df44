package io.mmipc.aeron;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.NetworkOptions;
import io.mmipc.Pool;
import io.mmipc.PoolOptions;
import io.mmipc.WorkerDiedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A {@link Pool} whose workers an agent on another node starts: the home context in this JVM,
 * the agent in a child JVM that is its own node on 127.0.0.1, the workers its children.
 */
@Timeout(240)
class RemotePoolTest
{
    private static final String[] SMALL_JVM = {"-XX:TieredStopAtLevel=1", "-Xmx128m"};

    @TempDir
    Path root;

    private final List<Long> killed = new ArrayList<>();
    private JvmProcess agent;

    static int square(final int x)
    {
        return x * x;
    }

    /**
     * Holds a worker: says which JVM it runs in, then waits until its JVM is killed.
     */
    static int holdWorker(final String marker) throws Exception
    {
        Files.writeString(Paths.get(marker), Long.toString(ProcessHandle.current().pid()));
        Thread.sleep(TimeUnit.MINUTES.toMillis(3));
        return -1;
    }

    static void runAgent(final String[] args) throws Exception
    {
        PoolAgent.main(args);
    }

    private IpcContext home(final int port)
    {
        return IpcContext.builder().root(root.resolve("home")).network(NetworkOptions.node("127.0.0.1", port)
            .secret(LoopbackNetworkTest.SECRET).peerTimeout(LoopbackNetworkTest.PEER_TIMEOUT)).build();
    }

    private JvmProcess startAgent(final int homePort, final String name) throws IOException
    {
        final Path secret = root.resolve("secret");
        if (!Files.exists(secret))
        {
            Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(secret, LoopbackNetworkTest.SECRET);
        }
        Files.createDirectories(root.resolve("agent"));
        final String[] args = {"--node", "127.0.0.1", "--home", "127.0.0.1:" + homePort, "--secret-file",
            secret.toString(), "--agent", name, "--peer-timeout-ms", "" + LoopbackNetworkTest.PEER_TIMEOUT.toMillis(),
            "--root", root.resolve("agent").toString()};
        return JvmProcess.of(() -> runAgent(args)).name("agent-" + name).jvmOptions(SMALL_JVM).start();
    }

    private static PoolOptions remote(final String agent, final int count)
    {
        return PoolOptions.defaults().processes(0).remoteWorkers(agent, count).jvmOptions(SMALL_JVM);
    }

    private static List<Integer> squares(final int n)
    {
        return IntStream.range(0, n).map(RemotePoolTest::square).boxed().collect(Collectors.toList());
    }

    private static List<Integer> range(final int n)
    {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    /**
     * @return the pid the holding task wrote, waiting up to a minute for it.
     */
    private static long awaitHolder(final Path marker) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() - deadline < 0)
        {
            if (Files.exists(marker))
            {
                final String text = Files.readString(marker).trim();
                if (!text.isEmpty())
                {
                    return Long.parseLong(text);
                }
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling a file another JVM writes, under a deadline
        }
        throw new AssertionError("no worker took the holding task within 60 s");
    }

    private void kill9(final long pid)
    {
        killed.add(pid);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    private static long parentOf(final long pid)
    {
        return ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L);
    }

    @AfterEach
    void leaveNothingBehind() throws Exception
    {
        if (agent != null)
        {
            if (agent.isAlive())
            {
                killed.addAll(ProcessHandle.of(agent.pid()).map(p -> p.descendants().map(ProcessHandle::pid)
                    .collect(Collectors.toList())).orElse(List.of()));
                agent.kill();
            }
            assertTrue(agent.join(Duration.ofSeconds(30)), "the agent did not end");
            killed.add(agent.pid());
        }
        for (final long pid : killed)
        {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() - deadline < 0)
            {
                TimeUnit.MILLISECONDS.sleep(20); // waiting for the kernel to reap, under a deadline
            }
            removeAeronDirsOf(pid); // a node killed with -9 cannot remove its own
        }
    }

    private static void removeAeronDirsOf(final long pid) throws IOException
    {
        final Path shm = Paths.get("/dev/shm");
        final Path base = Files.isDirectory(shm) ? shm : Paths.get(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, "mmipc-aeron-" + pid + "-*"))
        {
            for (final Path dir : dirs)
            {
                try (Stream<Path> paths = Files.walk(dir))
                {
                    paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    @Test
    void mapRunsOnWorkersThatTheAgentStarted() throws Exception
    {
        final int port = LoopbackNetworkTest.freeUdpPort();
        try (IpcContext home = home(port))
        {
            agent = startAgent(port, "a1");
            try (Pool pool = home.pool(remote("a1", 2)))
            {
                assertEquals(2, pool.processes());
                assertEquals(squares(60), pool.map(RemotePoolTest::square, range(60), 3));
                for (final long pid : pool.workerPids())
                {
                    assertEquals(agent.pid(), parentOf(pid), "worker " + pid + " is not the agent's child");
                }
                assertEquals(2, pool.workerPids().size());
            }
            assertTrue(agent.isAlive(), "the agent outlives the pools it served");
        }
    }

    @Test
    void aPoolWhoseAgentNeverAnswersStartsItsWorkersHereAfterTheStartTimeout() throws Exception
    {
        final int port = LoopbackNetworkTest.freeUdpPort();
        try (IpcContext home = home(port); Pool pool = home.pool(remote("nobody", 1)))
        {
            // Bounded: the start timeout (20 s and twice the peer timeout), then a worker on this host.
            assertEquals(squares(10), pool.mapAsync(RemotePoolTest::square, range(10), 5).get(120, TimeUnit.SECONDS));
            for (final long pid : pool.workerPids())
            {
                assertEquals(ProcessHandle.current().pid(), parentOf(pid));
            }
        }
    }

    @Test
    void anAgentStartsNothingButPoolWorkers() throws Exception
    {
        final int port = LoopbackNetworkTest.freeUdpPort();
        try (IpcContext home = home(port))
        {
            agent = startAgent(port, "a1");
            final Path marker = root.resolve("pwned");
            final String target = marker.toString();
            final io.mmipc.Task evil = () -> Files.writeString(Paths.get(target), "ran");
            final io.mmipc.MessageQueue<byte[]> requests = home.queue(AgentMessages.queueName("a1"),
                io.mmipc.codec.Codecs.bytes(), io.mmipc.QueueOptions.defaults()
                    .maxMessageLength(AgentMessages.MAX_MESSAGE_LENGTH));
            // A task, a process with a task, and a start request whose settings are out of range.
            requests.put(javaSerialized(evil));
            requests.put(javaSerialized(JvmProcess.of(evil)));
            requests.put(new byte[] {1, 2, 3});
            try (Pool pool = home.pool(remote("a1", 1)))
            {
                // The agent reads its queue in order: the pool's request came after the refused ones.
                assertEquals(squares(10), pool.map(RemotePoolTest::square, range(10)));
            }
            assertTrue(!Files.exists(marker), "the agent ran a task that is not a pool worker");
            assertTrue(agent.isAlive());
        }
    }

    private static byte[] javaSerialized(final Object value) throws IOException
    {
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes))
        {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    static int base;

    static int plusBase(final int x)
    {
        return base + x;
    }

    @Test
    void remoteWorkersRunThePoolsInitializerBeforeTheirFirstTask() throws Exception
    {
        final int port = LoopbackNetworkTest.freeUdpPort();
        try (IpcContext home = home(port))
        {
            agent = startAgent(port, "a1");
            try (Pool pool = home.pool(remote("a1", 2).initializer(() -> base = 1000)))
            {
                assertEquals(List.of(1001, 1002, 1003), pool.map(RemotePoolTest::plusBase, List.of(1, 2, 3), 1));
            }
        }
    }

    @Test
    void aKilledRemoteWorkerFailsItsTaskAndIsReplacedThroughTheAgent() throws Exception
    {
        final int port = LoopbackNetworkTest.freeUdpPort();
        try (IpcContext home = home(port))
        {
            agent = startAgent(port, "a1");
            try (Pool pool = home.pool(remote("a1", 2)))
            {
                assertEquals(squares(20), pool.map(RemotePoolTest::square, range(20)));
                final String marker = root.resolve("holder").toString();
                final CompletableFuture<Integer> held = pool.applyAsync(RemotePoolTest::holdWorker, marker);
                final long victim = awaitHolder(Paths.get(marker));
                assertEquals(agent.pid(), parentOf(victim));
                kill9(victim);
                final ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> held.get(60, TimeUnit.SECONDS));
                final WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, failed.getCause());
                assertTrue(died.getMessage().contains("agent a1") && died.getMessage().contains("on node 127.0.0.1"),
                    died.getMessage());
                assertEquals(squares(40), pool.map(RemotePoolTest::square, range(40), 2));
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (pool.workerPids().size() < 2 && System.nanoTime() - deadline < 0)
                {
                    TimeUnit.MILLISECONDS.sleep(50); // the replacement reports its pid through the agent
                }
                assertEquals(2, pool.workerPids().size());
                for (final long pid : pool.workerPids())
                {
                    assertEquals(agent.pid(), parentOf(pid), "the replacement " + pid + " runs on the agent's node");
                }
            }
        }
    }

    @Test
    void killingTheAgentsNodeFailsItsBatchesAndThePoolGoesOnWithoutIt() throws Exception
    {
        final int port = LoopbackNetworkTest.freeUdpPort();
        try (IpcContext home = home(port))
        {
            agent = startAgent(port, "a1");
            try (Pool pool = home.pool(remote("a1", 2)))
            {
                assertEquals(squares(20), pool.map(RemotePoolTest::square, range(20)));
                final String marker = root.resolve("holder").toString();
                final CompletableFuture<Integer> held = pool.applyAsync(RemotePoolTest::holdWorker, marker);
                awaitHolder(Paths.get(marker));
                final List<Long> node = new ArrayList<>(pool.workerPids());
                node.add(agent.pid());
                node.forEach(this::kill9);
                final ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> held.get(60, TimeUnit.SECONDS));
                final WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, failed.getCause());
                assertTrue(died.getMessage().contains("agent a1"), died.getMessage());
                // Replacements cannot come from the lost node: the pool goes on, bounded, on this host.
                final CompletableFuture<List<Integer>> after = pool.mapAsync(RemotePoolTest::square, range(30), 5);
                try
                {
                    assertEquals(squares(30), after.get(120, TimeUnit.SECONDS));
                }
                catch (final ExecutionException ex)
                {
                    fail("the pool did not go on after its agent's node died", ex);
                }
                for (final long pid : pool.workerPids())
                {
                    assertEquals(ProcessHandle.current().pid(), parentOf(pid), "replacement " + pid + " runs here");
                }
            }
        }
    }
}
