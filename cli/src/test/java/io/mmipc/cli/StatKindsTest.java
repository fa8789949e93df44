package io.mmipc.cli;

import io.mmipc.IpcContext;
import io.mmipc.SharedLock;
import io.mmipc.SharedMap;
import io.mmipc.SharedRLock;
import io.mmipc.SharedSemaphore;
import io.mmipc.codec.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code mmipc stat} reads every kind ipc-agrona makes through the offsets the tool repeats from
 * their descriptors: when a layout moves and the tool's copy does not, these values come out wrong.
 */
class StatKindsTest
{
    @TempDir
    Path root;

    @Test
    void readsTheStateOfEveryKind() throws Exception
    {
        final long pid = ProcessHandle.current().pid();
        try (IpcContext ctx = IpcContext.builder().root(root).name("kinds").build())
        {
            final SharedRLock rlock = ctx.rlock("rlock");
            rlock.lock();
            rlock.lock();
            final SharedSemaphore semaphore = ctx.semaphore("semaphore", 3);
            semaphore.acquire();
            ctx.event("event").set();
            ctx.barrier("barrier", 3);
            final SharedLock conditionLock = ctx.lock("condition-lock");
            ctx.condition("condition", conditionLock);
            ctx.longValue("long", 0).set(-7);
            ctx.doubleValue("double", 0).set(2.5);
            ctx.booleanValue("flag", false).set(true);
            ctx.intArray("ints", 5);
            final SharedMap<String, String> dict = ctx.dict("dict", Codecs.utf8(), Codecs.utf8());
            dict.put("a", "1");
            dict.put("b", "2");
            try
            {
                final Cli.Result result = Cli.run("stat", "--json", ctx.directory().toString());
                assertEquals(0, result.exitCode(), result::toString);
                final Map<String, Object> stat = result.jsonObject();

                final Map<String, Object> held = StatTest.object(stat, "rlock");
                assertEquals(2L, state(held).get("holdCount"));
                @SuppressWarnings("unchecked")
                final Map<String, Object> holder = (Map<String, Object>)((List<Object>)held.get("holders")).get(0);
                assertEquals(pid, holder.get("pid"));
                assertEquals(true, holder.get("alive"));
                assertEquals(Thread.currentThread().getId() & 0xFFFF_FFFFL, holder.get("localId"));

                assertEquals(2L, state(StatTest.object(stat, "semaphore")).get("available"));
                assertEquals(3L, params(StatTest.object(stat, "semaphore")).get("permits"));
                assertEquals(true, state(StatTest.object(stat, "event")).get("set"));
                assertEquals(1L, state(StatTest.object(stat, "event")).get("setCount"));
                assertEquals(0L, state(StatTest.object(stat, "barrier")).get("arrived"));
                assertEquals(3L, params(StatTest.object(stat, "barrier")).get("parties"));
                assertEquals(0L, state(StatTest.object(stat, "condition")).get("waiting"));
                assertEquals(-7L, state(StatTest.object(stat, "long")).get("value"));
                assertEquals(2.5, state(StatTest.object(stat, "double")).get("value"));
                assertEquals(true, state(StatTest.object(stat, "flag")).get("value"));
                assertEquals("array int32", StatTest.object(stat, "ints").get("label"));
                assertEquals(5L, params(StatTest.object(stat, "ints")).get("length"));
                assertEquals(2L, state(StatTest.object(stat, "dict")).get("entries"));
                assertEquals(List.of(), StatTest.object(stat, "dict").get("holders"));
                assertEquals(false, stat.get("damaged"));

                final Cli.Result text = Cli.run("stat", ctx.directory().toString());
                assertTrue(text.out().contains("rlock held by pid " + pid + " (alive)"), text::toString);
                assertTrue(text.out().contains("2 of 3 permits available"), text::toString);
                assertTrue(text.out().contains("2 entries, no stripe locked"), text::toString);
            }
            finally
            {
                rlock.unlock();
                rlock.unlock();
                semaphore.release();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> state(final Map<String, Object> object)
    {
        return (Map<String, Object>)object.get("state");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> params(final Map<String, Object> object)
    {
        return (Map<String, Object>)object.get("params");
    }
}
