package io.mmipc.cli.describe;

import io.mmipc.internal.counters.CounterSet;
import io.mmipc.internal.counters.CountersReader;
import io.mmipc.internal.counters.CountersReader.ProcessFile;
import io.mmipc.internal.counters.CountersReader.Record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live counters of a context's objects as {@code stat} shows them: summed over every
 * process's counters file (dead processes' counts stay in the sums), and per process.
 *
 * @param files the counters files of the directory, one per process that counted there.
 */
public record ObjectCounters(List<ProcessFile> files)
{
    /**
     * @return object name to its summed records (one per counter set).
     */
    public Map<String, List<Record>> sums()
    {
        return CountersReader.sumByObject(files);
    }

    /**
     * @return "queue: messagesOut=10 bytesOut=640 ..." style text of one object's records.
     */
    public static String text(final List<Record> records)
    {
        final StringBuilder sb = new StringBuilder();
        for (final Record record : records)
        {
            sb.append(sb.length() == 0 ? "" : "; ").append(label(record.set())).append(": ");
            final StringBuilder values = new StringBuilder();
            record.named().forEach((name, value) -> values.append(values.length() == 0 ? "" : " ")
                .append(name).append('=').append(value));
            sb.append(values);
        }
        return sb.toString();
    }

    /**
     * @return "queue", "end 1", "lock", ...: what a set counts, for people.
     */
    public static String label(final CounterSet set)
    {
        return switch (set)
        {
            case PIPE_END_1 -> "end 1";
            case PIPE_END_2 -> "end 2";
            default -> set.name().toLowerCase();
        };
    }

    /**
     * @return set label to named counters: {"queue": {"messagesOut": 10, ...}}.
     */
    public static Map<String, Object> json(final List<Record> records)
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        for (final Record record : records)
        {
            json.put(label(record.set()), new LinkedHashMap<String, Object>(record.named()));
        }
        return json;
    }

    /**
     * @return each process's counters of {@code object}: pid, start time, whether it lives, counters.
     */
    public List<Object> perProcessJson(final String object)
    {
        final List<Object> list = new ArrayList<>();
        for (final ProcessFile file : files)
        {
            final List<Record> records = new ArrayList<>();
            for (final Record record : file.records())
            {
                if (record.object().equals(object))
                {
                    records.add(record);
                }
            }
            if (!records.isEmpty())
            {
                final Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("pid", file.process() == null ? null : file.process().pid());
                entry.put("startMillis", file.process() == null ? null : file.process().startMillis());
                entry.put("alive", file.alive());
                entry.put("counters", json(records));
                list.add(entry);
            }
        }
        return list;
    }

    /**
     * @return the counters files: path, writer, whether it lives, records, objects not counted, problem.
     */
    public List<Object> filesJson()
    {
        final List<Object> list = new ArrayList<>();
        for (final ProcessFile file : files)
        {
            final Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", file.path().getFileName().toString());
            entry.put("pid", file.process() == null ? null : file.process().pid());
            entry.put("startMillis", file.process() == null ? null : file.process().startMillis());
            entry.put("alive", file.alive());
            entry.put("records", file.records().size());
            entry.put("notCounted", file.notCounted());
            entry.put("problem", file.problem());
            list.add(entry);
        }
        return list;
    }
}
