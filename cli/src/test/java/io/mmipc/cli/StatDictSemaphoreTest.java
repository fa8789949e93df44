package io.mmipc.cli;

import io.mmipc.IpcContext;
import io.mmipc.SharedMap;
import io.mmipc.SharedSemaphore;
import io.mmipc.codec.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code mmipc stat} shows a dict's data space as entries are put and removed, and a semaphore's
 * permits and whether a waiter sleeps on it.
 */
class StatDictSemaphoreTest
{
    @TempDir
    Path root;

    @Test
    @Timeout(60)
    void dictSpaceFollowsItsEntries()
    {
        try (IpcContext ctx = IpcContext.builder().root(root).name("dict").build())
        {
            final SharedMap<String, String> dict = ctx.dict("dict", Codecs.utf8(), Codecs.utf8());
            final Map<String, Object> empty = dictState(ctx);
            assertEquals(0L, empty.get("entries"));
            assertEquals(0L, empty.get("blocksUsed"), empty::toString);
            final long free = (Long)empty.get("dataBytesFree");
            assertTrue(free > 0, empty::toString);

            dict.put("small", "1"); // fits the entry record: no block
            final Map<String, Object> small = dictState(ctx);
            assertEquals(1L, small.get("entries"));
            assertEquals(0L, small.get("blocksUsed"), small::toString);

            dict.put("large", "x".repeat(1000)); // a block chain
            final Map<String, Object> large = dictState(ctx);
            assertEquals(2L, large.get("entries"));
            final long blocks = (Long)large.get("blocksUsed");
            assertTrue(blocks > 0, large::toString);
            assertEquals(free, (Long)large.get("dataBytesFree") + (Long)large.get("dataBytesUsed"), large::toString);

            dict.remove("large");
            final Map<String, Object> removed = dictState(ctx);
            assertEquals(1L, removed.get("entries"));
            assertEquals(0L, removed.get("blocksUsed"), removed::toString);
            assertEquals(free, removed.get("dataBytesFree"));

            final Cli.Result text = Cli.run("stat", ctx.directory().toString());
            assertTrue(text.out().contains("1 entry, no stripe locked, data 0 of "), text::toString);
        }
    }

    @Test
    @Timeout(60)
    void semaphoreShowsPermitsAndASleepingWaiter() throws Exception
    {
        try (IpcContext ctx = IpcContext.builder().root(root).name("sem").build())
        {
            final SharedSemaphore semaphore = ctx.semaphore("sem", 2);
            semaphore.acquire();
            semaphore.acquire();
            final Map<String, Object> none = semState(ctx);
            assertEquals(0L, none.get("available"));
            assertEquals(false, none.get("sleepers"), none::toString);

            final CompletableFuture<Void> waiter = CompletableFuture.runAsync(() ->
            {
                try
                {
                    semaphore.acquire();
                }
                catch (final InterruptedException ex)
                {
                    throw new IllegalStateException(ex);
                }
            });
            Map<String, Object> asleep = semState(ctx);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Boolean.TRUE.equals(asleep.get("sleepers")) && System.nanoTime() < deadline)
            {
                Thread.onSpinWait();
                asleep = semState(ctx);
            }
            assertEquals(true, asleep.get("sleepers"), asleep::toString);
            final Cli.Result text = Cli.run("stat", ctx.directory().toString());
            assertTrue(text.out().contains("0 of 2 permits available, waiters may be asleep"), text::toString);

            semaphore.release();
            waiter.get(30, TimeUnit.SECONDS);
            final Map<String, Object> woken = semState(ctx);
            assertEquals(0L, woken.get("available"));
            assertEquals(false, woken.get("sleepers"), woken::toString);
            assertTrue((Long)woken.get("wakes") >= 1, woken::toString);
            semaphore.release();
            semaphore.release();
        }
    }

    private static Map<String, Object> dictState(final IpcContext ctx)
    {
        return state(ctx, "dict");
    }

    private static Map<String, Object> semState(final IpcContext ctx)
    {
        return state(ctx, "sem");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> state(final IpcContext ctx, final String name)
    {
        final Cli.Result result = Cli.run("stat", "--json", ctx.directory().toString());
        assertEquals(0, result.exitCode(), result::toString);
        return (Map<String, Object>)StatTest.object(result.jsonObject(), name).get("state");
    }
}
