package io.mmipc.cli.command;

import io.mmipc.cli.CliException;
import io.mmipc.cli.ExitCodes;
import io.mmipc.chronicle.LogWakeDescriptor;
import io.mmipc.cli.describe.Describers;
import io.mmipc.cli.describe.Holder;
import io.mmipc.cli.describe.ObjectView;
import io.mmipc.cli.read.Participants;
import io.mmipc.cli.text.Formats;
import io.mmipc.cli.text.Table;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code mmipc stat LOG}: a durable log's entries, its named tailers (acknowledged index, lag,
 * holder and whether it lives) and its open readers, read from the queue files and the words of
 * its {@code metadata.cq4t} (the keys {@code TailerRegistry} writes) with plain reads: no tailer
 * is claimed, nothing is acknowledged.
 * <p>
 * Appends are not counted per process: the entries are Chronicle's own count of the messages
 * between the first and the last index still on disk (retention removes the oldest).
 */
final class LogStat
{
    static final String METADATA = "metadata.cq4t";
    private static final String TAILER_PREFIX = "mmipc.tailer.";
    private static final String READER_PREFIX = "mmipc.reader.";
    private static final String PARAM_PREFIX = "mmipc.param.";
    private static final String ACKED = ".acked";
    private static final String HOLDER = ".holder";
    private static final long NONE = -1;
    private static final long REMOVED = Long.MIN_VALUE;

    /** One named tailer: its acknowledged index ({@code -1}: none yet), lag and holder (null: free). */
    record Tailer(String name, long acked, long lag, Holder holder)
    {
    }

    private final Path directory;
    private final long firstIndex;
    private final long lastIndex;
    private final long entries;
    private final long lastAppendMillis;
    private final int files;
    private final long bytes;
    private final Map<String, Long> params;
    private final List<Tailer> tailers;
    private final List<Holder> readers;
    private final ObjectView wake;

    private LogStat(final Path directory, final long firstIndex, final long lastIndex, final long entries,
        final long lastAppendMillis, final int files, final long bytes, final Map<String, Long> params,
        final List<Tailer> tailers, final List<Holder> readers, final ObjectView wake)
    {
        this.wake = wake;
        this.directory = directory;
        this.firstIndex = firstIndex;
        this.lastIndex = lastIndex;
        this.entries = entries;
        this.lastAppendMillis = lastAppendMillis;
        this.files = files;
        this.bytes = bytes;
        this.params = params;
        this.tailers = tailers;
        this.readers = readers;
    }

    static boolean isLog(final Path directory)
    {
        return Files.isRegularFile(directory.resolve(METADATA));
    }

    /**
     * Reads the log in {@code directory}; the caller has prepared Chronicle (analytics off).
     */
    static LogStat take(final Path directory) throws IOException
    {
        final Participants participants = Participants.read(directory);
        try (LogReader reader = LogReader.open(directory))
        {
            final SingleChronicleQueue queue = reader.queue();
            final Map<String, Long> words = new TreeMap<>();
            try
            {
                queue.metaStore().forEachKey(words, (map, key, in) -> map.put(key.toString(), in.int64()));
            }
            catch (final RuntimeException | InternalError ex)
            {
                throw new CliException(ExitCodes.DAMAGED, directory.resolve(METADATA) + ": cannot read its words: " + ex);
            }
            final long first = reader.firstIndex();
            final long last = reader.lastIndex();
            final long entries = first < 0 || last < first ? 0 : entriesBetween(queue, first, last);
            long lastAppend = 0;
            if (entries > 0 && reader.moveTo(last))
            {
                final LogReader.Message message = reader.next();
                lastAppend = message == null ? 0 : message.timeMillis();
            }
            final Map<String, Long> params = new LinkedHashMap<>();
            final List<Tailer> tailers = new ArrayList<>();
            final List<Holder> readers = new ArrayList<>();
            for (final Map.Entry<String, Long> word : words.entrySet())
            {
                final String key = word.getKey();
                if (key.startsWith(PARAM_PREFIX))
                {
                    params.put(key.substring(PARAM_PREFIX.length()), word.getValue());
                }
                else if (key.startsWith(TAILER_PREFIX) && key.endsWith(ACKED) && word.getValue() != REMOVED)
                {
                    final String name = key.substring(TAILER_PREFIX.length(), key.length() - ACKED.length());
                    final long acked = word.getValue();
                    final long lag = acked == NONE || acked < first ? entries :
                        acked >= last ? 0 : entriesBetween(queue, acked, last) - 1;
                    final Long holder = words.get(TAILER_PREFIX + name + HOLDER);
                    tailers.add(new Tailer(name, acked, lag,
                        holder == null ? null : Holder.of("tailer " + name, holder, participants)));
                }
                else if (key.startsWith(READER_PREFIX) && key.endsWith(HOLDER))
                {
                    final Holder holder = Holder.of("reader " + key.substring(READER_PREFIX.length(),
                        key.length() - HOLDER.length()), word.getValue(), participants);
                    if (holder != null)
                    {
                        readers.add(holder);
                    }
                }
            }
            int files = 0;
            long bytes = 0;
            try (Stream<Path> list = Files.list(directory))
            {
                for (final Path file : (Iterable<Path>)list::iterator)
                {
                    if (file.getFileName().toString().endsWith(".cq4") && Files.isRegularFile(file))
                    {
                        files++;
                        bytes += Files.size(file);
                    }
                }
            }
            return new LogStat(directory, first, last, entries, lastAppend, files, bytes, params, tailers, readers,
                wake(directory, participants));
        }
    }

    /**
     * @return the log's wake file as {@code describe} reads it, or null when the log has none (a
     *         log no mmipc process has opened since wake files came).
     */
    private static ObjectView wake(final Path directory, final Participants participants) throws IOException
    {
        try
        {
            return Describers.inspect(directory.resolve(LogWakeDescriptor.FILE_NAME), false, participants);
        }
        catch (final NoSuchFileException none)
        {
            return null;
        }
    }

    /**
     * @return the messages from {@code from} to {@code to}, both included.
     */
    private static long entriesBetween(final SingleChronicleQueue queue, final long from, final long to)
    {
        return queue.countExcerpts(from, to) + 1;
    }

    /**
     * @return true when the log's wake file is damaged (the queue files are Chronicle's to judge).
     */
    boolean damaged()
    {
        return wake != null && wake.damaged();
    }

    String render(final long now)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("log ").append(directory).append('\n');
        sb.append("  entries   ").append(entries);
        if (entries > 0)
        {
            sb.append(" (index ").append(firstIndex).append(" to ").append(lastIndex).append("), last appended ")
                .append(Formats.time(lastAppendMillis)).append(" (").append(Formats.age(now - lastAppendMillis))
                .append(" ago)");
        }
        sb.append('\n');
        sb.append("  files     ").append(files).append(files == 1 ? " queue file, " : " queue files, ")
            .append(Formats.size(bytes)).append('\n');
        if (!params.isEmpty())
        {
            final List<String> text = new ArrayList<>();
            params.forEach((name, value) -> text.add(name + "=" + value));
            sb.append("  params    ").append(String.join(" ", text)).append('\n');
        }
        sb.append("  retention each appending process applies the rule it opened the log with (not recorded in the log)\n");
        sb.append("\ntailers: ").append(tailers.size()).append('\n');
        if (!tailers.isEmpty())
        {
            final Table table = Table.indented("  ", "NAME", "ACKED", "LAG", "HOLDER");
            for (final Tailer tailer : tailers)
            {
                table.row(tailer.name(), tailer.acked() == NONE ? "-" : Long.toString(tailer.acked()), tailer.lag(),
                    tailer.holder() == null ? "-" : tailer.holder().text());
            }
            sb.append(table.render());
        }
        final long alive = readers.stream().filter(Holder::alive).count();
        sb.append("\nreader slots held: ").append(readers.size()).append(", ").append(alive).append(" alive\n");
        if (wake != null)
        {
            sb.append("wake file: ").append(wake.damaged() ? "DAMAGED: " + String.join("; ", wake.problems()) :
                wake.state().summaryText() + " (sleeps " + wake.state().fields().get("sleeps") + ", wakes " +
                wake.state().fields().get("wakes") + ")").append('\n');
        }
        return sb.toString();
    }

    Map<String, Object> toJson(final long now)
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("log", directory.toString());
        json.put("nowMillis", now);
        json.put("entries", entries);
        json.put("firstIndex", entries > 0 ? firstIndex : null);
        json.put("lastIndex", entries > 0 ? lastIndex : null);
        json.put("lastAppendMillis", lastAppendMillis == 0 ? null : lastAppendMillis);
        json.put("files", files);
        json.put("bytes", bytes);
        json.put("params", params);
        json.put("retention", "per process: each appending process applies the rule it opened the log with");
        final List<Object> tailerList = new ArrayList<>();
        for (final Tailer tailer : tailers)
        {
            final Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", tailer.name());
            t.put("acked", tailer.acked() == NONE ? null : tailer.acked());
            t.put("lag", tailer.lag());
            t.put("holder", tailer.holder() == null ? null : tailer.holder().toJson());
            tailerList.add(t);
        }
        json.put("tailers", tailerList);
        final List<Object> readerList = new ArrayList<>();
        readers.forEach(reader -> readerList.add(reader.toJson()));
        json.put("readers", readerList);
        json.put("wake", wake == null ? null : wake.toJson());
        return json;
    }
}
