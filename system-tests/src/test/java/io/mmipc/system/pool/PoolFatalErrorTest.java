package io.mmipc.system.pool;

import io.mmipc.IpcContext;
import io.mmipc.Pool;
import io.mmipc.PoolOptions;
import io.mmipc.PoolTaskException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A task that runs its worker out of memory costs that worker, never an unrelated call: the
 * worker reports the error as fatal, gets nothing more, what it held unread goes elsewhere, and it
 * is replaced.
 */
@Timeout(300)
class PoolFatalErrorTest
{
    private static final int WORKERS = 2;

    @TempDir
    Path root;

    private IpcContext ctx;
    private Pool pool;

    @BeforeEach
    void start()
    {
        ctx = IpcContext.create(root);
        // A small heap, so the hog fails quickly; prefetch 4 so unrelated batches queue behind it.
        pool = ctx.pool(PoolOptions.defaults().processes(WORKERS).prefetch(4)
            .jvmOptions("-XX:+UseSerialGC", "-Xmx48m"));
    }

    @AfterEach
    void stop()
    {
        pool.terminate();
        ctx.close();
    }

    static int allocateUntilOutOfMemory(final int chunk)
    {
        final List<long[]> hog = new ArrayList<>();
        while (true)
        {
            hog.add(new long[chunk]);
        }
    }

    static long plusSeven(final long n)
    {
        return n + 7;
    }

    @Test
    void anOutOfMemoryTaskFailsAloneAndTheCallsSubmittedRightAfterAllSucceed() throws Exception
    {
        for (int round = 0; round < 3; round++)
        {
            final List<Long> before = pool.workerPids();
            final CompletableFuture<Integer> hog = pool.applyAsync(PoolFatalErrorTest::allocateUntilOutOfMemory, 1 << 16);
            final List<CompletableFuture<Long>> unrelated = new ArrayList<>();
            for (long k = 0; k < 20; k++)
            {
                unrelated.add(pool.applyAsync(PoolFatalErrorTest::plusSeven, k));
            }

            final ExecutionException ex = assertThrows(ExecutionException.class, () -> hog.get(120, TimeUnit.SECONDS));
            final PoolTaskException failed = assertInstanceOf(PoolTaskException.class, ex.getCause(),
                "round " + round + ": " + ex.getCause());
            assertEquals("java.lang.OutOfMemoryError", failed.getCause().remoteClassName(), failed.getMessage());
            for (int k = 0; k < 20; k++)
            {
                assertEquals(k + 7L, unrelated.get(k).get(120, TimeUnit.SECONDS), "round " + round + ", call " + k);
            }
            final long base = round * 100L;
            for (long k = 0; k < 20; k++)
            {
                final long n = base + k;
                assertEquals(n + 7, pool.apply(() -> plusSeven(n)), "round " + round + ", call after " + k);
            }

            Children.await("the worker count back to " + WORKERS + " after round " + round, Duration.ofSeconds(120),
                () -> pool.workerPids().size() == WORKERS && !pool.workerPids().containsAll(before));
        }
    }
}
