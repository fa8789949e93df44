package io.mmipc.system.pool;

import io.mmipc.IpcContext;
import io.mmipc.Pool;
import io.mmipc.PoolOptions;
import io.mmipc.PoolTaskException;
import io.mmipc.internal.counters.CounterSet;
import io.mmipc.internal.counters.CountersReader;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.mmipc.internal.counters.CounterSet.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A pool counts, in its dispatching process's counters file, the tasks done and failed and the
 * workers that died and were replaced.
 */
@Timeout(180)
class PoolCountersTest
{
    @TempDir
    Path root;

    @Test
    void tasksDoneAndFailedAndAWorkerKilledAndReplacedAreCounted() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Pool pool = ctx.pool(PoolOptions.defaults().processes(1).jvmOptions("-XX:+UseSerialGC", "-Xmx128m"));
            try
            {
                assertEquals(List.of(1, 4, 9, 16, 25), pool.map(PoolTest::square, List.of(1, 2, 3, 4, 5), 2));
                assertThrows(PoolTaskException.class, () -> pool.map(PoolTest::failOnThirteen, List.of(13)));
                final long first = pool.workerPids().get(0);
                ProcessHandle.of(first).orElseThrow().destroyForcibly();
                Children.await("a replacement worker", Duration.ofSeconds(60), () ->
                    pool.workerPids().size() == 1 && !pool.workerPids().contains(first));
                Children.await("the death counted", Duration.ofSeconds(60), () ->
                    poolCounters(ctx.directory()).get(WORKER_REPLACEMENTS) == 1);
                final CountersReader.Record counters = poolCounters(ctx.directory());
                assertEquals(5, counters.get(TASKS_DONE));
                assertEquals(1, counters.get(TASKS_FAILED));
                assertEquals(1, counters.get(WORKER_DEATHS));
                assertEquals(1, counters.get(WORKER_REPLACEMENTS));
            }
            finally
            {
                pool.terminate();
            }
        }
    }

    private static CountersReader.Record poolCounters(final Path dir)
    {
        try
        {
            CountersReader.Record found = null;
            for (final Map.Entry<String, List<CountersReader.Record>> e :
                CountersReader.sumByObject(CountersReader.read(dir)).entrySet())
            {
                for (final CountersReader.Record record : e.getValue())
                {
                    if (record.set() == CounterSet.POOL)
                    {
                        assertNull(found, "one pool");
                        found = record;
                    }
                }
            }
            assertNotNull(found, "the pool is counted");
            return found;
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }
}
