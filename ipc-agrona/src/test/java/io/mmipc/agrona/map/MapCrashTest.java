package io.mmipc.agrona.map;

import io.mmipc.IpcContext;
import io.mmipc.SharedLong;
import io.mmipc.SharedMap;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.counters.CounterSet;
import io.mmipc.internal.counters.CountersReader;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Writers killed with SIGKILL half-way through: at chosen points inside a put or remove (a child
 * stops there and waits to be killed), and at random points of a stream of puts and removes. The
 * table stays whole, what completed stays, and the next writer goes on by itself.
 */
@Timeout(300)
class MapCrashTest
{
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String OLD = "old|" + "o".repeat(700);
    private static final String NEW = "new|" + "n".repeat(900);
    private static final String LONG_KEY = "a key longer than a record holds: " + "x".repeat(150);

    @TempDir
    Path root;

    @Test
    void aPutKilledAfterWritingItsBlocksButBeforePublishingLeavesNoTrace() throws Exception
    {
        killAt("insert-written", "put", LONG_KEY, NEW, map ->
        {
            assertFalse(map.containsKey(LONG_KEY), "never published");
            assertEquals(OLD, map.get("victim"));
        });
    }

    @Test
    void aPutKilledRightAfterPublishingKeepsItsEntryAndFixesTheCount() throws Exception
    {
        killAt("insert-published", "put", LONG_KEY, NEW, map -> assertEquals(NEW, map.get(LONG_KEY)));
    }

    @Test
    void aReplaceKilledBeforeFreeingTheOldValueGivesTheOldBlocksBack() throws Exception
    {
        killAt("replace-published", "put", "victim", NEW, map -> assertEquals(NEW, map.get("victim")));
    }

    @Test
    void aRemoveKilledBeforeFreeingTheEntryGivesItBack() throws Exception
    {
        killAt("remove-published", "remove", "victim", null, map -> assertFalse(map.containsKey("victim")));
    }

    /**
     * A child stops at {@code point} inside its call, holding the stripe's lock, and is killed. A
     * reader is not held up; the next writer of the stripe takes the lock over, repairs, and writes.
     */
    private void killAt(final String point, final String op, final String key, final String value,
        final java.util.function.Consumer<SharedMap<String, String>> check) throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<String, String> map = ctx.dict("crash", Codecs.utf8(), Codecs.utf8(), MapChild.OPTIONS);
            for (int i = 0; i < 20; i++)
            {
                map.put("filler-" + i, "v" + i);
            }
            map.put("victim", OLD);
            final ByteMap bytes = ((AgronaMap<?, ?>)map).bytes();
            final int[] freeBefore = bytes.free();
            final String[] args = value == null ? new String[]{op, ctx.directory().toString(), key} :
                new String[]{op, ctx.directory().toString(), key, value};
            try (ChildJvm child = Children.launcher(MapChild.class, args)
                .systemProperty(MapCrashPoints.PROPERTY, point).start())
            {
                Children.awaitLine(child, "crash-point " + point, START);
                child.kill();
                assertTrue(child.waitFor(BOUND));
            }
            check.accept(map); // lock-free reads do not wait for the dead writer's lock
            assertEquals(0, ((AgronaMap<?, ?>)map).bytes().repairs());

            map.put(key, "after the crash"); // the same stripe: takes the lock over and repairs first
            assertEquals(1, bytes.repairs(), "one repair, by the next writer, with no call from the user");
            assertEquals(1, CountersReader.sumByObject(CountersReader.read(ctx.directory())).get("crash").get(0)
                .get(CounterSet.STRIPE_REPAIRS), "the repair is counted for mmipc stat");
            assertEquals("after the crash", map.get(key));
            assertEquals(List.of(), bytes.audit(), "no leaked record or block, counts right");
            map.remove(key);
            map.put("victim", OLD);
            assertArrayEquals(freeBefore, bytes.free(), "all the space the dead writer held is back");
            assertEquals(21, map.size());
        }
    }

    @Test
    void killedAtRandomPointsOfAStreamOfPutsTheTableKeepsEveryCompletedPut() throws Exception
    {
        final Random random = new Random();
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<byte[], byte[]> map = ctx.dict("stream", Codecs.bytes(), Codecs.bytes(), MapChild.OPTIONS);
            final SharedLong completed = ctx.longValue("completed", 0);
            final ByteMap bytes = ((AgronaMap<?, ?>)map).bytes();
            int midWrite = 0;
            for (int round = 0; round < 8; round++)
            {
                final long from = completed.get();
                final long until = from + 200 + random.nextInt(3000);
                try (ChildJvm child = Children.start(MapChild.class, "stream", ctx.directory().toString()))
                {
                    Children.await("the stream to pass op " + until, START,
                        () -> completed.get() >= until || !child.isAlive());
                    assertTrue(child.isAlive(), () -> "the stream died\n" + child.stdout() + child.stderr());
                    child.kill();
                    assertTrue(child.waitFor(BOUND));
                }
                midWrite += bytes.locks.lockedStripes();
                checkAgainstModel(map, completed.get());
                if (round % 2 == 1)
                {
                    // Every other round the next child, not this process, takes the dead writer's lock over.
                    assertEquals(List.of(), bytes.audit(), "after round " + round);
                }
            }
            assertEquals(List.of(), bytes.audit());
            System.out.println(completed.get() + " operations over 8 killed writers, " + midWrite +
                " of them killed holding a stripe's lock; this process repaired " + bytes.repairs() + " stripes");
        }
    }

    /**
     * Every operation up to {@code completed} is in the table; the one after may or may not be.
     */
    private static void checkAgainstModel(final SharedMap<byte[], byte[]> map, final long completed)
    {
        final Map<Integer, byte[]> model = new HashMap<>();
        for (long op = 1; op <= completed; op++)
        {
            model.put((int)(op % MapChild.STREAM_KEYS), MapChild.streamValue(op));
        }
        final int inFlight = (int)((completed + 1) % MapChild.STREAM_KEYS);
        for (int k = 0; k < MapChild.STREAM_KEYS; k++)
        {
            final byte[] actual = map.get(MapChild.streamKey(k)); // byte[] keys are compared by content
            if (k == inFlight)
            {
                assertTrue(Arrays.equals(actual, model.get(k)) ||
                    Arrays.equals(actual, MapChild.streamValue(completed + 1)),
                    "key " + k + " holds neither its old value nor the one in flight");
            }
            else
            {
                assertArrayEquals(model.get(k), actual, "key " + k + " after " + completed + " completed operations");
            }
        }
    }
}
