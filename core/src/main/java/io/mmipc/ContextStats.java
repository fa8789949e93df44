package io.mmipc;

import io.mmipc.internal.counters.CounterSet;
import io.mmipc.internal.counters.CountersReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live counters of a context's objects, read by any program without the {@code mmipc} tool
 * (as Aeron's {@code CountersReader} serves AeronStat): a read-only snapshot of the counters files
 * that each process using the directory writes, summed per object over every process, dead ones
 * included, with each process's own values beside the sums.
 * <pre>{@code
 * ContextStats stats = ContextStats.read(ctx.directory());      // or any context directory's path
 * for (ContextStats.ObjectStats q : stats.objects("jobs"))
 * {
 *     System.out.println(q.kind() + " " + q.name() + ": " + q.total("messagesOut") + " sent");
 *     for (ContextStats.ProcessStats p : q.processes())
 *     {
 *         System.out.println("  pid " + p.pid() + (p.alive() ? " alive" : " dead") + ": " + p.counters());
 *     }
 * }
 * }</pre>
 * Reading maps each counters file only for the read, checks its header and lengths before
 * touching it, reads every value with a volatile read, and reports a file it cannot make sense of
 * in {@link #problems()} rather than throwing; it never writes. Values only grow, and are counted
 * without locks, so sums over several counters (or several processes) are taken at slightly
 * different moments. Counter names are those {@code mmipc stat} shows ("messagesOut", "bytesIn",
 * "acquisitions", ...).
 */
public final class ContextStats
{
    /**
     * The counters of one object, or of one end of a pipe (whose ends count apart).
     *
     * @param name      the object's name in its context.
     * @param kind      what counted: "queue", "pipe end 1", "pipe end 2", "lock", "dict", "pool", "log".
     * @param totals    counter name to its value summed over every process, in counter order.
     * @param processes each process that counted for this object, with its own values.
     */
    public record ObjectStats(String name, String kind, Map<String, Long> totals, List<ProcessStats> processes)
    {
        /**
         * @return the summed value of {@code counter}.
         * @throws IllegalArgumentException naming the counters this object has when it has no such counter.
         */
        public long total(final String counter)
        {
            final Long value = totals.get(counter);
            if (value == null)
            {
                throw new IllegalArgumentException(kind + " \"" + name + "\" has no counter \"" + counter +
                    "\"; it has " + totals.keySet());
            }
            return value;
        }
    }

    /**
     * One process's values for one object.
     *
     * @param pid         the process id.
     * @param startMillis the process's start time (epoch ms): with the pid, it names the process.
     * @param alive       whether the process ran when the file was read (a zombie is dead).
     * @param counters    counter name to this process's value.
     */
    public record ProcessStats(long pid, long startMillis, boolean alive, Map<String, Long> counters)
    {
    }

    private final Path directory;
    private final List<ObjectStats> objects;
    private final List<String> problems;
    private final long notCounted;

    private ContextStats(final Path directory, final List<ObjectStats> objects, final List<String> problems,
        final long notCounted)
    {
        this.directory = directory;
        this.objects = objects;
        this.problems = problems;
        this.notCounted = notCounted;
    }

    /**
     * Reads the counters of every object of the context directory {@code contextDir}.
     *
     * @throws NoSuchFileException when {@code contextDir} is not a directory.
     * @throws IOException         when the directory cannot be listed.
     */
    public static ContextStats read(final Path contextDir) throws IOException
    {
        if (!Files.isDirectory(contextDir))
        {
            throw new NoSuchFileException(contextDir.toString(), null, "not a context directory");
        }
        final List<CountersReader.ProcessFile> files = CountersReader.read(contextDir);
        final List<ObjectStats> objects = new ArrayList<>();
        CountersReader.sumByObject(files).forEach((name, sums) ->
        {
            for (final CountersReader.Record sum : sums)
            {
                objects.add(new ObjectStats(name, kind(sum.set()), Collections.unmodifiableMap(sum.named()),
                    processes(files, sum.set(), name)));
            }
        });
        final List<String> problems = new ArrayList<>();
        long notCounted = 0;
        for (final CountersReader.ProcessFile file : files)
        {
            notCounted += file.notCounted();
            if (file.problem() != null)
            {
                problems.add(file.path().getFileName() + ": " + file.problem());
            }
        }
        return new ContextStats(contextDir, List.copyOf(objects), List.copyOf(problems), notCounted);
    }

    public Path directory()
    {
        return directory;
    }

    /**
     * @return every counted object, by name (a pipe once per end).
     */
    public List<ObjectStats> objects()
    {
        return objects;
    }

    /**
     * @return the counters of the object {@code name}: one entry, or one per end of a pipe; empty
     *         when no process counted for it.
     */
    public List<ObjectStats> objects(final String name)
    {
        final List<ObjectStats> found = new ArrayList<>();
        for (final ObjectStats object : objects)
        {
            if (object.name().equals(name))
            {
                found.add(object);
            }
        }
        return found;
    }

    /**
     * @return what is wrong with counters files that could not be read whole ("file: problem"),
     *         empty when every file was sound.
     */
    public List<String> problems()
    {
        return problems;
    }

    /**
     * @return objects that were opened but not counted because their process's counters file was full.
     */
    public long notCounted()
    {
        return notCounted;
    }

    @Override
    public String toString()
    {
        return "ContextStats{" + directory + ", " + objects.size() + " objects, " + problems.size() + " problems}";
    }

    private static List<ProcessStats> processes(final List<CountersReader.ProcessFile> files, final CounterSet set,
        final String name)
    {
        final List<ProcessStats> processes = new ArrayList<>();
        for (final CountersReader.ProcessFile file : files)
        {
            final CountersReader.Record record = file.of(set, name);
            if (record != null && file.process() != null)
            {
                processes.add(new ProcessStats(file.process().pid(), file.process().startMillis(), file.alive(),
                    Collections.unmodifiableMap(new LinkedHashMap<>(record.named()))));
            }
        }
        return List.copyOf(processes);
    }

    private static String kind(final CounterSet set)
    {
        return switch (set)
        {
            case PIPE_END_1 -> "pipe end 1";
            case PIPE_END_2 -> "pipe end 2";
            default -> set.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
