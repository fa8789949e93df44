package io.mmipc.system.pool;

import io.mmipc.IpcContext;
import io.mmipc.Pool;
import io.mmipc.PoolExecutor;
import io.mmipc.PoolOptions;
import io.mmipc.PoolTaskException;
import io.mmipc.RemoteCallable;
import io.mmipc.RemoteRunnable;
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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Pool#asExecutorService()} with real worker JVMs: what an {@link ExecutorService} user
 * expects, and kill -9 of a worker in the middle of an {@code invokeAll}.
 */
@Timeout(240)
class PoolExecutorTest
{
    @TempDir
    Path root;

    private IpcContext ctx;
    private Pool pool;
    private PoolExecutor executor;

    @BeforeEach
    void start()
    {
        ctx = IpcContext.create(root);
        // prefetch 1: a worker holds only the task it runs, so what a kill fails and what is unsent is known
        pool = ctx.pool(PoolOptions.defaults().processes(2).prefetch(1)
            .jvmOptions("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m"));
        executor = pool.asExecutorService();
    }

    @AfterEach
    void stop()
    {
        pool.terminate();
        ctx.close();
    }

    static long square(final long n)
    {
        return n * n;
    }

    static int failWith(final String message)
    {
        throw new ArithmeticException(message);
    }

    static long recordAndWait(final SharedLong pid, final SharedEvent release) throws InterruptedException
    {
        pid.set(ProcessHandle.current().pid());
        release.await();
        return -1;
    }

    @Test
    void submitAndInvokeAllRunTasksInWorkerJvms() throws Exception
    {
        final long here = ProcessHandle.current().pid();
        final Future<Long> pid = executor.submit(() -> ProcessHandle.current().pid());
        assertNotEquals(here, pid.get(60, TimeUnit.SECONDS));
        assertTrue(pool.workerPids().contains(pid.get()), pid.get() + " is not among " + pool.workerPids());

        final List<RemoteCallable<Long>> tasks = new ArrayList<>();
        for (long n = 0; n < 12; n++)
        {
            final long k = n;
            tasks.add(() -> square(k));
        }
        final List<Future<Long>> squares = executor.invokeAll(tasks);
        for (int n = 0; n < 12; n++)
        {
            assertTrue(squares.get(n).isDone());
            assertEquals((long)n * n, squares.get(n).get());
        }

        final SharedInt counter = ctx.intValue("counter", 0);
        assertEquals(1, executor.submit(() -> counter.incrementAndGet()).get(60, TimeUnit.SECONDS));
        final RemoteRunnable increment = () -> counter.incrementAndGet();
        assertNull(executor.submit(increment).get(60, TimeUnit.SECONDS));
        assertEquals("done", executor.submit(increment, "done").get(60, TimeUnit.SECONDS));
        executor.execute(increment);
        Children.await("execute() ran its task", Duration.ofSeconds(60), () -> counter.get() == 4);
    }

    @Test
    void aTaskThatThrowsFailsItsFutureWithTheRemoteStackTrace()
    {
        final Future<Integer> failing = executor.submit(() -> failWith("no luck"));
        final ExecutionException ex = assertThrows(ExecutionException.class, () -> failing.get(60, TimeUnit.SECONDS));
        final PoolTaskException task = assertInstanceOf(PoolTaskException.class, ex.getCause());
        assertEquals("java.lang.ArithmeticException: no luck", task.getCause().getMessage());
        assertEquals("failWith", task.getCause().getStackTrace()[0].getMethodName());
    }

    @Test
    void tasksThatCannotCrossIntoAWorkerAreRefusedNamingTheirClass() throws Exception
    {
        final ExecutorService plain = executor; // lambdas typed here are plain Callables and Runnables
        final Callable<Integer> callable = () -> 1;
        final IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> plain.submit(callable));
        assertTrue(c.getMessage().contains(callable.getClass().getName()) && c.getMessage().contains("Serializable"),
            c.getMessage());
        final Runnable runnable = () -> { };
        final IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> plain.execute(runnable));
        assertTrue(r.getMessage().contains(runnable.getClass().getName()), r.getMessage());

        final SharedInt counter = ctx.intValue("counter", 0);
        final List<Callable<Integer>> mixed = List.of((RemoteCallable<Integer>)counter::incrementAndGet, callable);
        assertThrows(IllegalArgumentException.class, () -> plain.invokeAll(mixed));
        assertEquals(7, executor.submit(() -> 7).get(60, TimeUnit.SECONDS));
        assertEquals(0, counter.get(), "invokeAll refused them all before running any");
    }

    @Test
    void invokeAnyReturnsTheFirstSuccessAndFailsWhenEveryTaskFails() throws Exception
    {
        final List<RemoteCallable<Integer>> some = List.of(() -> failWith("first"), () -> 42, () -> failWith("third"));
        assertEquals(42, executor.invokeAny(some));
        assertEquals(42, executor.invokeAny(some, 60, TimeUnit.SECONDS));

        final List<RemoteCallable<Integer>> none = List.of(() -> failWith("a"), () -> failWith("b"));
        final ExecutionException ex = assertThrows(ExecutionException.class, () -> executor.invokeAny(none));
        assertInstanceOf(PoolTaskException.class, ex.getCause());
    }

    @Test
    void aWorkerKilledDuringInvokeAllFailsOnlyTheFutureOfTheTaskItHeld() throws Exception
    {
        final SharedLong victim = ctx.longValue("victim", 0);
        final SharedEvent never = ctx.event("never");
        final List<RemoteCallable<Long>> tasks = new ArrayList<>();
        tasks.add(() -> recordAndWait(victim, never));
        for (long n = 1; n < 10; n++)
        {
            final long k = n;
            tasks.add(() -> square(k));
        }
        final CompletableFuture<Boolean> killer = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                Children.await("the victim task running", Duration.ofSeconds(120), () -> victim.get() != 0);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
            return ProcessHandle.of(victim.get()).orElseThrow().destroyForcibly();
        });

        final List<Future<Long>> results = executor.invokeAll(tasks);
        assertTrue(killer.get(60, TimeUnit.SECONDS));
        final ExecutionException ex = assertThrows(ExecutionException.class, () -> results.get(0).get());
        final WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, ex.getCause());
        assertEquals(137, died.exitCode(), died.getMessage());
        for (int n = 1; n < 10; n++)
        {
            assertEquals((long)n * n, results.get(n).get(), "task " + n);
        }
        assertEquals(4, executor.submit(() -> square(2)).get(60, TimeUnit.SECONDS), "the pool replaced the worker");
    }

    @Test
    void shutdownLetsSubmittedTasksFinishAndRefusesNewOnes() throws Exception
    {
        final List<Future<Long>> submitted = new ArrayList<>();
        for (long n = 0; n < 8; n++)
        {
            final long k = n;
            submitted.add(executor.submit(() -> square(k)));
        }
        executor.shutdown();
        assertTrue(executor.isShutdown());
        assertThrows(RejectedExecutionException.class, () -> executor.submit(() -> square(1)));
        assertTrue(executor.awaitTermination(120, TimeUnit.SECONDS));
        assertTrue(executor.isTerminated());
        for (int n = 0; n < 8; n++)
        {
            assertEquals((long)n * n, submitted.get(n).get(), "task " + n);
        }
        assertEquals(List.of(), pool.workerPids());
    }

    @Test
    void shutdownNowKillsTheWorkersAndReturnsTheTasksNoWorkerWasSent() throws Exception
    {
        final SharedLong first = ctx.longValue("first", 0);
        final SharedLong second = ctx.longValue("second", 0);
        final SharedEvent never = ctx.event("never");
        final Future<Long> a = executor.submit(() -> recordAndWait(first, never));
        final Future<Long> b = executor.submit(() -> recordAndWait(second, never));
        Children.await("both workers busy", Duration.ofSeconds(120), () -> first.get() != 0 && second.get() != 0);
        final RemoteRunnable c = () -> square(3);
        final RemoteRunnable d = () -> square(4);
        final Future<?> fc = executor.submit(c);
        final Future<?> fd = executor.submit(d);

        final List<Runnable> unsent = executor.shutdownNow();
        assertEquals(2, unsent.size(), unsent.toString());
        assertSame(c, unsent.get(0));
        assertSame(d, unsent.get(1));
        assertTrue(fc.isCancelled() && fd.isCancelled());
        assertTrue(executor.awaitTermination(120, TimeUnit.SECONDS));
        assertThrows(CancellationException.class, () -> a.get(60, TimeUnit.SECONDS));
        assertThrows(CancellationException.class, () -> b.get(60, TimeUnit.SECONDS));
        assertFalse(ProcessHandle.of(first.get()).map(ProcessHandle::isAlive).orElse(false), "the workers were killed");
    }

    @Test
    void aCancelledTaskThatNoWorkerWasSentNeverRuns() throws Exception
    {
        final SharedLong first = ctx.longValue("first", 0);
        final SharedLong second = ctx.longValue("second", 0);
        final SharedEvent release = ctx.event("release");
        final SharedInt ran = ctx.intValue("ran", 0);
        final Future<Long> a = executor.submit(() -> recordAndWait(first, release));
        final Future<Long> b = executor.submit(() -> recordAndWait(second, release));
        Children.await("both workers busy", Duration.ofSeconds(120), () -> first.get() != 0 && second.get() != 0);
        final Future<Integer> cancelled = executor.submit(() -> ran.incrementAndGet());
        assertTrue(cancelled.cancel(true));
        release.set();
        assertEquals(-1L, a.get(60, TimeUnit.SECONDS));
        assertEquals(-1L, b.get(60, TimeUnit.SECONDS));
        // Tasks go out in submission order: once later ones ran, the cancelled one would have too.
        for (int n = 0; n < 4; n++)
        {
            assertEquals(9L, executor.submit(() -> square(3)).get(60, TimeUnit.SECONDS));
        }
        assertEquals(0, ran.get());
        assertThrows(CancellationException.class, cancelled::get);
    }
}
