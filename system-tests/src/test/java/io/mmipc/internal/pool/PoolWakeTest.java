package io.mmipc.internal.pool;

import io.mmipc.internal.wait.WakeFile;
import io.mmipc.IpcContext;
import io.mmipc.Pool;
import io.mmipc.PoolOptions;
import io.mmipc.SharedEvent;
import io.mmipc.internal.wait.Futex;
import io.mmipc.internal.wait.WakeWord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 13: the Pool's dispatcher, idle, sleeps in the kernel on the pool's wake word; a call and a
 * worker's reply wake it. Proved by the word's counters, not by timing.
 */
@Timeout(180)
class PoolWakeTest
{
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path root;

    static int square(final int n)
    {
        return n * n;
    }

    @Test
    void anIdleDispatcherSleepsAndIsWokenByACallAndByAWorkersReply() throws Exception
    {
        assumeTrue(Futex.loadNow(), Futex::status); // so this JVM's signals make the FUTEX_WAKE themselves
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedEvent go = ctx.event("go");
            final Pool pool = ctx.pool(PoolOptions.defaults().processes(1).jvmOptions("-XX:+UseSerialGC", "-Xmx256m"));
            final Path file;
            try
            {
                assertEquals(49, pool.applyAsync(PoolWakeTest::square, 7).get(60, TimeUnit.SECONDS)); // worker up
                file = wakeFile(ctx.directory());
                try (WakeFile view = PoolWake.open(file))
                {
                    final WakeWord word = view.word();

                    final long sleeps = word.sleepCount();
                    await("the idle dispatcher to sleep: " + word, () -> word.sleepCount() > sleeps);
                    final long wakesBeforeCall = word.wakeCount();
                    final CompletableFuture<Integer> blocked = pool.applyAsync(() ->
                    {
                        Futex.loadNow(); // until the worker's futex is loaded, its signals leave the waking to the slice
                        go.await();
                        return 1;
                    });
                    assertEquals(wakesBeforeCall + 1, word.wakeCount(), "the call woke the dispatcher: " + word);

                    final long sleepsAfterCall = word.sleepCount();
                    await("the dispatcher to sleep while the task runs: " + word,
                        () -> word.sleepCount() > sleepsAfterCall);
                    final long wakesBeforeReply = word.wakeCount();
                    go.set();
                    assertEquals(1, blocked.get(60, TimeUnit.SECONDS));
                    await("the worker's reply to wake the dispatcher: " + word,
                        () -> word.wakeCount() >= wakesBeforeReply + 1);
                }
            }
            finally
            {
                pool.close();
                pool.join();
            }
            assertFalse(Files.exists(file), "the pool removes its wake file when it ends: " + file);
        }
    }

    private static Path wakeFile(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            final List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(PoolWakeDescriptor.SUFFIX))
                .collect(Collectors.toList());
            assertEquals(1, found.size(), found.toString());
            return found.get(0);
        }
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadline < 0, "timed out waiting for " + what);
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }
}
