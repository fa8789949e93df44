package io.mmipc.examples.dict;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.SharedMap;
import io.mmipc.codec.Codecs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Three processes fill one dictionary (seed 002, "Using Manager for Shared Objects"). Python's
 * manager keeps the dict in a server process; here it lives in shared memory and each process
 * writes it directly.
 * <p>
 * Python's dict lists its items in insertion order, and the seed's schedule (each process adds
 * its item {@code i} at 0.1 s steps) makes that order round by round: item 0 of processes 0, 1, 2,
 * then item 1, and so on. mmipc's shared dict, like a {@code HashMap}, keeps no order, so the port
 * lists the keys in that round-by-round order.
 * <pre>
 * def update_shared_dict(shared_dict, process_id):
 *     for i in range(3):
 *         key = f"process_{process_id}_item_{i}"
 *         shared_dict[key] = f"Value from process {process_id}"
 *         print(f"Process {process_id} added {key}")
 *         time.sleep(0.1)
 * </pre>
 */
public final class UpdateSharedDict
{
    /** Updating a shared dictionary. */
    static void updateSharedDict(final SharedMap<String, String> sharedDict, final int processId)
        throws InterruptedException
    {
        for (int i = 0; i < 3; i++)
        {
            final String key = "process_" + processId + "_item_" + i;
            sharedDict.put(key, "Value from process " + processId);
            System.out.println("Process " + processId + " added " + key);
            Thread.sleep(100);
        }
    }

    /**
     * @return {@code process_P_item_I} keys in the seed's insertion order: by item, then by process.
     */
    static List<String> insertionOrder(final Collection<String> keys)
    {
        final List<String> ordered = new ArrayList<>(keys);
        ordered.sort(Comparator.comparingInt((String key) -> number(key, "_item_"))
            .thenComparingInt(key -> number(key, "process_")));
        return ordered;
    }

    private static int number(final String key, final String after)
    {
        final int start = key.indexOf(after) + after.length();
        int end = start;
        while (end < key.length() && Character.isDigit(key.charAt(end)))
        {
            end++;
        }
        return Integer.parseInt(key.substring(start, end));
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())                                  // with Manager() as manager:
        {
            final SharedMap<String, String> sharedDict = ctx.dict("shared_dict", Codecs.utf8(), Codecs.utf8());

            final List<JvmProcess> processes = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                final int id = i;
                final JvmProcess p = JvmProcess.of(() -> updateSharedDict(sharedDict, id));
                processes.add(p);
                p.start();
            }
            for (final JvmProcess p : processes)
            {
                p.join();
            }

            System.out.println("Contents of the shared dictionary:");
            final Map<String, String> snapshot = sharedDict.snapshot();
            for (final String key : insertionOrder(snapshot.keySet()))
            {
                System.out.println(key + ": " + snapshot.get(key));
            }
        }
    }
}
