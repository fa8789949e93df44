package io.mmipc.agrona.map;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.MapOptions;
import io.mmipc.SharedBarrier;
import io.mmipc.SharedEvent;
import io.mmipc.SharedLong;
import io.mmipc.SharedMap;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.launch.ChildOutput;
import io.mmipc.test.Children;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Real child JVMs share one dict: each gets it as a handle inside its task and re-opens it.
 */
class CrossProcessMapTest
{
    private static final Duration LIMIT = Duration.ofSeconds(180);
    private static final int ITEMS = 100;
    private static final int KEYS = 100;
    private static final int INCREMENTS = 50_000;
    private static final int WRITER_KEYS = 40;

    @TempDir
    Path root;

    private final List<JvmProcess> started = new ArrayList<>();

    @AfterEach
    void killLeftovers()
    {
        started.stream().filter(JvmProcess::isAlive).forEach(JvmProcess::kill);
    }

    private JvmProcess start(final JvmProcess process)
    {
        started.add(process.jvmOptions(Children.QUICK_JVM.toArray(String[]::new)).output(ChildOutput.CAPTURE).start());
        return process;
    }

    private static void joinAll(final List<JvmProcess> processes) throws InterruptedException
    {
        for (final JvmProcess p : processes)
        {
            assertTrue(p.join(LIMIT), p + " did not finish within " + LIMIT);
            assertEquals(0, p.exitCode().getAsInt(), () -> p + " failed\n" + p.stdout() + p.stderr());
        }
    }

    /**
     * The tutorial's worker ({@code update_shared_dict}), which then checks that it sees the others' entries.
     */
    static void updateSharedDict(final SharedMap<String, String> sharedDict, final SharedBarrier written,
        final int processId) throws Exception
    {
        for (int i = 0; i < ITEMS; i++)
        {
            final String key = "process_" + processId + "_item_" + i;
            sharedDict.put(key, "Value from process " + processId);
            System.out.println("Process " + processId + " added " + key);
        }
        written.await(120, TimeUnit.SECONDS);
        for (int other = 0; other < written.parties(); other++)
        {
            for (int i = 0; i < ITEMS; i++)
            {
                final String value = sharedDict.get("process_" + other + "_item_" + i);
                if (!("Value from process " + other).equals(value))
                {
                    throw new AssertionError("process " + processId + " sees " + value + " for process " + other +
                        "'s item " + i);
                }
            }
        }
        System.out.println("Process " + processId + " sees " + sharedDict.size() + " entries");
    }

    @Test
    @Timeout(300)
    void threeProcessesFillTheDictAndEachSeesTheOthersEntries() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<String, String> sharedDict = ctx.dict("shared", Codecs.utf8(), Codecs.utf8());
            final SharedBarrier written = ctx.barrier("written", 3);
            final List<JvmProcess> processes = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                final int id = i;
                processes.add(start(ctx.process(() -> updateSharedDict(sharedDict, written, id))));
            }
            joinAll(processes);
            for (int id = 0; id < 3; id++)
            {
                assertTrue(processes.get(id).stdout().contains("Process " + id + " sees " + 3 * ITEMS + " entries"),
                    processes.get(id).stdout());
            }
            assertEquals(3 * ITEMS, sharedDict.size());
            for (final Map.Entry<String, String> e : sharedDict.entrySet())
            {
                final String id = e.getKey().substring("process_".length(), e.getKey().indexOf("_item_"));
                assertEquals("Value from process " + id, e.getValue(), e.getKey());
            }
            assertEquals(List.of(), ((AgronaMap<?, ?>)sharedDict).bytes().audit());
        }
    }

    static void increments(final SharedMap<String, Long> counts, final SharedEvent go) throws Exception
    {
        if (!go.await(120, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("no start signal");
        }
        for (int i = 0; i < INCREMENTS; i++)
        {
            counts.compute("key-" + i % KEYS, (k, v) -> v == null ? 1 : v + 1);
        }
        System.out.println("done");
    }

    @Test
    @Timeout(300)
    void fourProcessesOfComputeIncrementsEndAtExactTotals() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<String, Long> counts = ctx.dict("counts", Codecs.utf8(), Codecs.int64());
            final SharedEvent go = ctx.event("go");
            final List<JvmProcess> processes = new ArrayList<>();
            for (int i = 0; i < 4; i++)
            {
                processes.add(start(ctx.process(() -> increments(counts, go))));
            }
            go.set();
            joinAll(processes);
            assertEquals(KEYS, counts.size());
            for (int k = 0; k < KEYS; k++)
            {
                assertEquals(4L * INCREMENTS / KEYS, counts.get("key-" + k), "key-" + k);
            }
            assertEquals(List.of(), ((AgronaMap<?, ?>)counts).bytes().audit());
        }
    }

    /**
     * Round after round, sets each of its keys to a value naming the round, in key order: at any
     * one point in time its keys read {@code r+1 ... r+1, r ... r}.
     */
    static void rounds(final SharedMap<String, String> map, final int writer, final SharedEvent stop,
        final SharedLong progress) throws Exception
    {
        for (long round = 1; !stop.isSet(); round++)
        {
            for (int j = 0; j < WRITER_KEYS; j++)
            {
                map.set(key(writer, j), value(writer, j, round));
            }
            progress.set(round);
        }
        System.out.println("stopped");
    }

    static String key(final int writer, final int j)
    {
        return "w" + writer + "-" + j;
    }

    /**
     * A value whose every byte depends on the round and key, of a length that moves between the
     * record's slot and chains of blocks: a torn copy does not parse.
     */
    static String value(final int writer, final int j, final long round)
    {
        final String head = round + ":" + key(writer, j) + ":";
        final int length = (int)((round * 31 + j * 7) % 300);
        final StringBuilder sb = new StringBuilder(head);
        for (int i = 0; i < length; i++)
        {
            sb.append((char)('a' + (round + j + i) % 26));
        }
        return sb.toString();
    }

    @Test
    @Timeout(300)
    void iterationDuringConcurrentWritesSeesOnePointInTime() throws Exception
    {
        final MapOptions options = MapOptions.defaults().maxEntries(1024).dataBytes(1 << 20).stripes(16);
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMap<String, String> map = ctx.dict("rounds", Codecs.utf8(), Codecs.utf8(), options);
            final SharedEvent stop = ctx.event("stop");
            final List<JvmProcess> writers = new ArrayList<>();
            final List<SharedLong> progress = new ArrayList<>();
            for (int w = 0; w < 2; w++)
            {
                final int writer = w;
                final SharedLong rounds = ctx.longValue("progress-" + w, 0);
                progress.add(rounds);
                writers.add(start(ctx.process(() -> rounds(map, writer, stop, rounds))));
            }
            try
            {
                Children.await("writers under way", LIMIT,
                    () -> progress.get(0).get() > 2 && progress.get(1).get() > 2);
                final long from = Math.min(progress.get(0).get(), progress.get(1).get());
                int snapshots = 0;
                int midRound = 0;
                final long deadline = System.nanoTime() + LIMIT.toNanos();
                while (snapshots < 200 || Math.min(progress.get(0).get(), progress.get(1).get()) < from + 20)
                {
                    assertTrue(System.nanoTime() < deadline, "writers stalled");
                    final Map<String, String> snapshot = map.snapshot();
                    snapshots++;
                    for (int w = 0; w < 2; w++)
                    {
                        midRound += checkOnePointInTime(snapshot, w) ? 1 : 0;
                    }
                    if (snapshots % 10 == 0)
                    {
                        checkOnePointInTimeByIterator(map);
                    }
                }
                System.out.println(snapshots + " snapshots, " + midRound + " of them in the middle of a round");
            }
            finally
            {
                stop.set();
            }
            joinAll(writers);
            assertEquals(List.of(), ((AgronaMap<?, ?>)map).bytes().audit());
        }
    }

    /**
     * @return true when the writer was in the middle of a round.
     */
    private static boolean checkOnePointInTime(final Map<String, String> snapshot, final int writer)
    {
        long previous = Long.MAX_VALUE;
        long first = -1;
        for (int j = 0; j < WRITER_KEYS; j++)
        {
            final String value = snapshot.get(key(writer, j));
            assertNotNull(value, key(writer, j) + " is missing");
            final long round = Long.parseLong(value.substring(0, value.indexOf(':')));
            assertEquals(value(writer, j, round), value, "a torn value");
            assertTrue(round <= previous, () -> "not one point in time: " + key(writer, 0) + ".." +
                key(writer, WRITER_KEYS - 1) + " read " + rounds(snapshot, writer));
            first = first < 0 ? round : first;
            previous = round;
        }
        assertTrue(first - previous <= 1, () -> "rounds apart: " + rounds(snapshot, writer));
        return first != previous;
    }

    private static void checkOnePointInTimeByIterator(final SharedMap<String, String> map)
    {
        final Map<String, String> seen = new java.util.HashMap<>();
        for (final Map.Entry<String, String> e : map.entrySet())
        {
            assertNull(seen.put(e.getKey(), e.getValue()), "a key twice");
        }
        checkOnePointInTime(seen, 0);
        checkOnePointInTime(seen, 1);
    }

    private static List<Long> rounds(final Map<String, String> snapshot, final int writer)
    {
        final List<Long> rounds = new ArrayList<>();
        for (int j = 0; j < WRITER_KEYS; j++)
        {
            final String value = snapshot.get(key(writer, j));
            rounds.add(Long.parseLong(value.substring(0, value.indexOf(':'))));
        }
        return rounds;
    }
}
