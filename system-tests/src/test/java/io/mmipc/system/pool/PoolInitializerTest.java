package io.mmipc.system.pool;

import io.mmipc.IpcContext;
import io.mmipc.Pool;
import io.mmipc.PoolInitializerException;
import io.mmipc.PoolOptions;
import io.mmipc.RemoteTaskException;
import io.mmipc.SharedEvent;
import io.mmipc.SharedInt;
import io.mmipc.SharedLong;
import io.mmipc.WorkerDiedException;
import io.mmipc.test.Children;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link PoolOptions#initializer}: it runs in every worker, replacements included, before any task;
 * one that fails fails the pool's start, or breaks the pool without a loop of restarts.
 */
@Timeout(240)
class PoolInitializerTest
{
    private static final List<String> JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m");

    /** Set by the initializer in each worker JVM: null in a worker that was not initialized. */
    static volatile String greeting;

    @TempDir
    Path root;

    private IpcContext ctx;

    @BeforeEach
    void start()
    {
        ctx = IpcContext.create(root);
    }

    @AfterEach
    void stop()
    {
        ctx.close();
    }

    private PoolOptions options(final int processes)
    {
        return PoolOptions.defaults().processes(processes).jvmOptions(JVM.toArray(String[]::new));
    }

    static void init(final SharedInt runs, final String prefix)
    {
        greeting = prefix + "#" + runs.incrementAndGet();
    }

    static void initAtMostTwice(final SharedInt runs)
    {
        final int run = runs.incrementAndGet();
        if (run > 2)
        {
            throw new IllegalStateException("initializer run " + run + " refused");
        }
        greeting = "hello";
    }

    static void failInit(final String why)
    {
        throw new IllegalStateException(why);
    }

    static void blockInit(final SharedLong pid, final SharedEvent never) throws InterruptedException
    {
        pid.set(ProcessHandle.current().pid());
        never.await();
    }

    @Test
    void theInitializerRunsInEachWorkerBeforeItsFirstTaskAndAgainInAReplacement() throws Exception
    {
        final SharedInt runs = ctx.intValue("runs", 0);
        try (Pool pool = ctx.pool(options(2).initializer(() -> init(runs, "hello"))))
        {
            assertEquals(2, runs.get(), "the pool's start waits for every worker's initializer");
            final List<Integer> items = IntStream.range(0, 40).boxed().collect(Collectors.toList());
            for (final String seen : pool.map(n -> greeting, items, 1))
            {
                assertNotNull(seen, "no task runs in a worker before its initializer");
                assertTrue(seen.startsWith("hello#"), seen);
            }

            final List<Long> before = pool.workerPids();
            ProcessHandle.of(before.get(0)).orElseThrow().destroyForcibly();
            Children.await("a replacement that ran the initializer", Duration.ofSeconds(120),
                () -> runs.get() == 3 && pool.workerPids().size() == 2 && !pool.workerPids().containsAll(before));
            for (final String seen : pool.map(n -> greeting, items, 1))
            {
                assertNotNull(seen, "no task runs in a replacement before its initializer");
            }
            assertEquals(3, runs.get());
        }
        assertNoPoolFilesLeft();
    }

    @Test
    void anInitializerThatThrowsFailsThePoolsStartWithTheRemoteStackTrace() throws Exception
    {
        final List<ProcessHandle> childrenBefore = ProcessHandle.current().children().collect(Collectors.toList());
        final PoolInitializerException ex = assertThrows(PoolInitializerException.class,
            () -> ctx.pool(options(2).initializer(() -> failInit("no config file"))));
        assertTrue(ex.getMessage().contains("did not start"), ex.getMessage());
        assertTrue(ex.getMessage().contains("PoolWorker-"), ex.getMessage());
        final RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, ex.getCause());
        assertEquals("java.lang.IllegalStateException", remote.remoteClassName());
        assertEquals("java.lang.IllegalStateException: no config file", remote.getMessage());
        assertEquals("failInit", remote.getStackTrace()[0].getMethodName());
        assertEquals(List.of(), ProcessHandle.current().children()
            .filter(p -> p.isAlive() && !childrenBefore.contains(p)).collect(Collectors.toList()),
            "the workers were stopped");
        assertNoPoolFilesLeft();
    }

    @Test
    void anInitializerThatCannotBeSentIsRefusedBeforeAnyWorkerStarts() throws Exception
    {
        final Thread notSerializable = Thread.currentThread();
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ctx.pool(options(2).initializer(() -> greeting = notSerializable.getName())));
        assertTrue(ex.getMessage().startsWith("the pool's initializer cannot be sent to a worker"), ex.getMessage());
        assertTrue(ex.getMessage().contains("java.lang.Thread") && ex.getMessage().contains("not Serializable"),
            ex.getMessage());
        assertNoPoolFilesLeft();
    }

    @Test
    void aReplacementWhoseInitializerFailsBreaksThePoolWithoutRestartingWorkers() throws Exception
    {
        final SharedInt runs = ctx.intValue("runs", 0);
        final Pool pool = ctx.pool(options(2).initializer(() -> initAtMostTwice(runs)));
        assertEquals("hello", pool.apply(() -> greeting));
        final List<Long> before = pool.workerPids();
        ProcessHandle.of(before.get(0)).orElseThrow().destroyForcibly();

        // Calls go to the live worker until the dispatcher has seen the replacement fail.
        PoolInitializerException broken = null;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (broken == null && System.nanoTime() < deadline)
        {
            try
            {
                assertEquals("hello", pool.apply(() -> greeting));
            }
            catch (final PoolInitializerException ex)
            {
                broken = ex;
            }
            catch (final WorkerDiedException ex)
            {
                // a call that the killed worker held
            }
        }
        assertNotNull(broken, "the pool broke within two minutes");
        assertTrue(broken.getMessage().contains("is broken"), broken.getMessage());
        final RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, broken.getCause());
        assertEquals("java.lang.IllegalStateException: initializer run 3 refused", remote.getMessage());

        final ExecutionException later = assertThrows(ExecutionException.class,
            () -> pool.applyAsync(() -> greeting).get(60, TimeUnit.SECONDS));
        assertInstanceOf(PoolInitializerException.class, later.getCause(), "every call after fails");
        Children.await("the failed replacement gone", Duration.ofSeconds(60), () -> pool.workerPids().size() == 1);
        // The dispatcher goes on past the emptied slot: calls still get the pool's failure, and the survivor runs.
        final ExecutionException afterGone = assertThrows(ExecutionException.class,
            () -> pool.applyAsync(() -> greeting).get(60, TimeUnit.SECONDS));
        assertInstanceOf(PoolInitializerException.class, afterGone.getCause(), "still broken, still answering");
        assertEquals(before.subList(1, 2), pool.workerPids(), "the surviving worker still runs");
        final ProcessHandle survivor = ProcessHandle.of(before.get(1)).orElseThrow();
        assertThrows(TimeoutException.class, () -> survivor.onExit().get(1, TimeUnit.SECONDS),
            "the surviving worker runs on while the pool is open (a failed dispatcher would have killed it)");
        assertEquals(3, runs.get(), "no worker was started after the failure");
        pool.close();
        assertEquals(List.of(), pool.workerPids());
        assertNoPoolFilesLeft();
    }

    @Test
    void aWorkerKilledWhileItsInitializerRunsFailsThePoolsStart() throws Exception
    {
        final SharedLong pid = ctx.longValue("pid", 0);
        final SharedEvent never = ctx.event("never");
        final CompletableFuture<Pool> starting = CompletableFuture.supplyAsync(
            () -> ctx.pool(options(1).initializer(() -> blockInit(pid, never))));
        Children.await("the initializer running", Duration.ofSeconds(120), () -> pid.get() != 0);
        ProcessHandle.of(pid.get()).orElseThrow().destroyForcibly();

        final ExecutionException ex = assertThrows(ExecutionException.class, () -> starting.get(120, TimeUnit.SECONDS));
        final PoolInitializerException failed = assertInstanceOf(PoolInitializerException.class, ex.getCause());
        assertTrue(failed.getMessage().contains("died with exit code 137 before its initializer returned"),
            failed.getMessage());
        assertEquals(137, assertInstanceOf(WorkerDiedException.class, failed.getCause()).exitCode());
        assertNoPoolFilesLeft();
    }

    private void assertNoPoolFilesLeft() throws Exception
    {
        try (Stream<Path> files = Files.list(ctx.directory()))
        {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("pool-"))
                .collect(Collectors.toList()), "the pool's pipes and wake file are removed");
        }
    }
}
