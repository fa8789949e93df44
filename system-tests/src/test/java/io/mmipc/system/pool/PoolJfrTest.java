package io.mmipc.system.pool;

import io.mmipc.IpcContext;
import io.mmipc.Pool;
import io.mmipc.PoolOptions;
import io.mmipc.SharedEvent;
import io.mmipc.WorkerDiedException;
import io.mmipc.test.JfrEvents;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15.3: a Pool worker killed with kill -9 is an {@code io.mmipc.WorkerDied} JFR event; a
 * pool closed normally records none.
 */
class PoolJfrTest
{
    @TempDir
    Path root;

    @Test
    @Timeout(180)
    void aKilledWorkerIsAWorkerDiedEventAndAClosedPoolIsNot() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root);
            JfrEvents recording = new JfrEvents(root, "io.mmipc.WorkerDied"))
        {
            final SharedEvent started = ctx.event("started");
            final Pool pool = ctx.pool(PoolOptions.defaults().processes(1).jvmOptions("-XX:+UseSerialGC", "-Xmx128m"));
            final long victim;
            try
            {
                final CompletableFuture<Integer> held = pool.applyAsync(() ->
                {
                    started.set();
                    Thread.sleep(120_000); // held until killed
                    return 1;
                });
                assertTrue(started.await(120, TimeUnit.SECONDS), "the worker took the task");
                victim = pool.workerPids().get(0);
                ProcessHandle.of(victim).orElseThrow().destroyForcibly();
                final ExecutionException ex = assertThrows(ExecutionException.class, () -> held.get(60, TimeUnit.SECONDS));
                assertInstanceOf(WorkerDiedException.class, ex.getCause());
                assertEquals(List.of(4), pool.map(n -> n * n, List.of(2)), "the replacement works");
            }
            finally
            {
                pool.close();
                pool.join();
            }
            final List<RecordedEvent> events = JfrEvents.named(recording.stopAndRead(), "io.mmipc.WorkerDied");
            assertEquals(1, events.size(), "one death, and a normal close is none: " + events);
            final RecordedEvent event = events.get(0);
            assertEquals(victim, event.getLong("pid"));
            assertEquals(1, event.getInt("batchesHeld"));
            assertTrue(event.getString("pool").startsWith("pool-" + ProcessHandle.current().pid()), event::toString);
            assertFalse(event.getString("worker").isEmpty());
        }
    }
}
