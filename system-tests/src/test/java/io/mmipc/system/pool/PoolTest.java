package io.mmipc.system.pool;

import io.mmipc.IpcContext;
import io.mmipc.Pool;
import io.mmipc.PoolOptions;
import io.mmipc.PoolTaskException;
import io.mmipc.RemoteTaskException;
import io.mmipc.WorkerDiedException;
import io.mmipc.test.Children;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Pool (core) on ipc-agrona's pipes, with real worker JVMs.
 */
@Timeout(180)
class PoolTest
{
    @TempDir
    Path root;

    private IpcContext ctx;
    private Pool pool;

    @BeforeEach
    void start()
    {
        ctx = IpcContext.create(root);
        pool = ctx.pool(PoolOptions.defaults().processes(2).jvmOptions("-XX:+UseSerialGC", "-Xmx256m"));
    }

    @AfterEach
    void stop()
    {
        pool.terminate();
        ctx.close();
    }

    static int square(final int n)
    {
        return n * n;
    }

    @Test
    void mapOverTenThousandItemsIsTheSequentialResultInOrder()
    {
        final List<Integer> items = IntStream.range(0, 10_000).boxed().collect(Collectors.toList());
        final List<Long> results = pool.map(n -> (long)n * n + 7, items);
        final List<Long> expected = items.stream().map(n -> (long)n * n + 7).collect(Collectors.toList());
        assertEquals(expected, results);
        assertEquals(List.of(1, 4, 9, 16, 25), pool.map(PoolTest::square, List.of(1, 2, 3, 4, 5)));
        assertEquals(List.of(), pool.map(PoolTest::square, List.of()));
    }

    static int failOnThirteen(final int n)
    {
        if (n == 13)
        {
            throw new ArithmeticException("13 is unlucky");
        }
        return n;
    }

    @Test
    void aTaskThatThrowsFailsTheCallWithTheRemoteStackTraceAndThePoolStaysUsable()
    {
        final List<Integer> items = IntStream.range(0, 40).boxed().collect(Collectors.toList());
        final PoolTaskException ex = assertThrows(PoolTaskException.class,
            () -> pool.map(PoolTest::failOnThirteen, items, 5));
        assertEquals(13, ex.index());
        final RemoteTaskException remote = ex.getCause();
        assertEquals("java.lang.ArithmeticException", remote.remoteClassName());
        assertEquals("java.lang.ArithmeticException: 13 is unlucky", remote.getMessage());
        assertTrue(remote.getStackTrace().length > 0);
        assertEquals("failOnThirteen", remote.getStackTrace()[0].getMethodName());
        assertTrue(ex.getMessage().contains("PoolWorker-"), ex.getMessage());

        assertEquals(List.of(0, 1, 2), pool.map(PoolTest::failOnThirteen, List.of(0, 1, 2)), "still usable");
    }

    static int slowly(final int n) throws InterruptedException
    {
        Thread.sleep(50);
        return n;
    }

    @Test
    void aWorkerKilledInTheMiddleOfAMapFailsTheCallAndIsReplaced() throws Exception
    {
        final List<Long> before = pool.workerPids();
        assertEquals(2, before.size());
        final List<Integer> items = IntStream.range(0, 400).boxed().collect(Collectors.toList());
        final CompletableFuture<List<Integer>> running = pool.mapAsync(PoolTest::slowly, items, 4);
        Thread.sleep(300); // let the workers get going: this test is about killing one mid-map
        ProcessHandle.of(before.get(0)).orElseThrow().destroyForcibly();

        final ExecutionException ex = assertThrows(ExecutionException.class, () -> running.get(60, TimeUnit.SECONDS));
        assertInstanceOf(WorkerDiedException.class, ex.getCause());
        assertTrue(ex.getCause().getMessage().contains("died with exit code 137"), ex.getCause().getMessage());

        Children.await("a replacement worker", Duration.ofSeconds(60), () ->
            pool.workerPids().size() == 2 && !pool.workerPids().contains(before.get(0)));
        assertEquals(List.of(1, 4, 9), pool.map(PoolTest::square, List.of(1, 2, 3)));
    }

    static int exitThree(final int n)
    {
        if (n == 3)
        {
            System.exit(3);
        }
        return n;
    }

    @Test
    void aTaskThatExitsItsWorkerFailsWithTheExitCode()
    {
        final WorkerDiedException ex = assertThrows(WorkerDiedException.class,
            () -> pool.map(PoolTest::exitThree, List.of(1, 2, 3, 4), 1));
        assertEquals(3, ex.exitCode());
        assertEquals(List.of(5), pool.map(PoolTest::exitThree, List.of(5)));
    }

    static byte[] fourMegabytes(final int seed)
    {
        final byte[] bytes = new byte[4 << 20];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)(seed * 31 + i);
        }
        return bytes;
    }

    @Test
    void tasksThatReturnFourMegabytesEachComplete()
    {
        final List<byte[]> results = pool.map(PoolTest::fourMegabytes, List.of(1, 2, 3, 4, 5), 1);
        assertEquals(5, results.size());
        for (int k = 0; k < 5; k++)
        {
            assertArrayEquals(fourMegabytes(k + 1), results.get(k));
        }
        final byte[] big = fourMegabytes(9);
        assertEquals(big.length, pool.apply(() -> big.length), "a 4 MB argument goes through too");
    }

    @Test
    void imapIsOrderedAndImapUnorderedHasEveryResult()
    {
        final List<Integer> items = IntStream.range(0, 200).boxed().collect(Collectors.toList());
        final Iterator<Integer> ordered = pool.imap(PoolTest::square, items, 3);
        final List<Integer> got = new ArrayList<>();
        ordered.forEachRemaining(got::add);
        assertEquals(items.stream().map(PoolTest::square).collect(Collectors.toList()), got);

        final Set<Integer> unordered = new HashSet<>();
        pool.imapUnordered(PoolTest::square, items, 7).forEachRemaining(unordered::add);
        assertEquals(items.stream().map(PoolTest::square).collect(Collectors.toSet()), unordered);
    }

    @Test
    void starmapApplyAndApplyAsyncWithCallbacks() throws Exception
    {
        assertEquals(List.of(6, 20, 42),
            pool.starmap((Integer a, Integer b) -> a * b, List.of(Map.entry(2, 3), Map.entry(4, 5), Map.entry(6, 7))));
        final int seven = 7;
        assertEquals(49, pool.apply(() -> square(seven)));

        final List<String> callbacks = new ArrayList<>();
        final CompletableFuture<Integer> ok = pool.applyAsync(PoolTest::square, 6);
        final CompletableFuture<Integer> bad = pool.applyAsync(PoolTest::failOnThirteen, 13);
        assertEquals(36, ok.get(60, TimeUnit.SECONDS));
        final ExecutionException ex = assertThrows(ExecutionException.class, () -> bad.get(60, TimeUnit.SECONDS));
        assertInstanceOf(PoolTaskException.class, ex.getCause());
        assertEquals(-1, ((PoolTaskException)ex.getCause()).index());
        bad.exceptionally(t -> { callbacks.add("error: " + t.getCause().getMessage()); return null; }).join();
        assertTrue(callbacks.get(0).contains("13 is unlucky"), callbacks.toString());
    }

    @Test
    void maxTasksPerChildReplacesWorkersAsTheyRetire()
    {
        pool.terminate();
        pool = ctx.pool(PoolOptions.defaults().processes(1).maxTasksPerChild(2));
        final Set<Long> pids = new HashSet<>();
        for (int round = 0; round < 3; round++)
        {
            pids.add(pool.apply(() -> ProcessHandle.current().pid()));
            pids.add(pool.apply(() -> ProcessHandle.current().pid()));
        }
        assertEquals(3, pids.size(), "each worker ran two tasks, then a fresh one took over: " + pids);
    }

    @Test
    void joinWaitsForARetiredWorkerStillRunningItsShutdownHooks() throws Exception
    {
        pool.terminate();
        pool = ctx.pool(PoolOptions.defaults().processes(1).maxTasksPerChild(1));
        // Its last task leaves a hook that keeps the JVM alive after the worker closed its pipe.
        final long retired = pool.apply(PoolTest::lingerInExit);
        Children.await("a replacement for the retired worker", Duration.ofSeconds(120),
            () -> !pool.workerPids().isEmpty() && !pool.workerPids().contains(retired));
        pool.close();
        pool.join();
        assertFalse(ProcessHandle.of(retired).map(ProcessHandle::isAlive).orElse(false),
            "join() returned while worker " + retired + " still ran");
    }

    static long lingerInExit()
    {
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            try
            {
                Thread.sleep(8_000);
            }
            catch (final InterruptedException ignore)
            {
                // exit now
            }
        }));
        return ProcessHandle.current().pid();
    }

    @Test
    void closeFinishesTheWorkAndRefusesMoreTerminateCancelsIt() throws Exception
    {
        final CompletableFuture<List<Integer>> work = pool.mapAsync(PoolTest::slowly, List.of(1, 2, 3, 4), 1);
        pool.close();
        assertEquals(List.of(1, 2, 3, 4), work.get(1, TimeUnit.SECONDS), "close waited for submitted work");
        assertThrows(IllegalStateException.class, () -> pool.map(PoolTest::square, List.of(1)));
        assertTrue(pool.workerPids().isEmpty());

        pool = ctx.pool(1);
        final CompletableFuture<Integer> long1 = pool.applyAsync(() -> { Thread.sleep(60_000); return 1; });
        final CompletableFuture<Integer> long2 = pool.applyAsync(() -> { Thread.sleep(60_000); return 2; });
        pool.terminate();
        assertThrows(CancellationException.class, () -> PoolTestSupport.unwrap(long1));
        assertThrows(CancellationException.class, () -> PoolTestSupport.unwrap(long2));
        assertThrows(IllegalStateException.class, () -> ctx.pool(1).join(), "join needs close or terminate first");
    }
}
