package io.mmipc.cli.describe;

import io.mmipc.cli.read.FileBytes;
import io.mmipc.cli.read.Participants;
import io.mmipc.internal.counters.CountersDescriptor;
import io.mmipc.internal.counters.CountersReader;
import io.mmipc.internal.file.SharedFileHeader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A process's counters file ({@link CountersDescriptor}), for {@code describe}: its writer and
 * every object it counts. {@code stat} sums these files instead of listing them.
 */
final class CountersDescriber extends BaseDescriber
{
    CountersDescriber()
    {
        super("records", "record length", "counters layout");
    }

    @Override
    public String label(final SharedFileHeader header)
    {
        return "counters";
    }

    @Override
    public void read(final SharedFileHeader header, final FileBytes file, final Participants participants,
        final ObjectState out) throws IOException
    {
        final CountersReader.ProcessFile counters = CountersReader.readFile(file.path());
        if (counters.problem() != null)
        {
            out.problem(counters.problem());
        }
        final List<Object> objects = new ArrayList<>();
        for (final CountersReader.Record record : counters.records())
        {
            final Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("object", record.object());
            entry.put("counters", ObjectCounters.json(List.of(record)));
            objects.add(entry);
        }
        out.field("writerAlive", counters.alive()).field("notCounted", counters.notCounted()).field("objects", objects)
            .summary("pid " + header.creator().pid() + (counters.alive() ? " (alive)" : " (dead)") + ", " +
                objects.size() + (objects.size() == 1 ? " object" : " objects") +
                (counters.notCounted() != 0 ? ", " + counters.notCounted() + " not counted" : ""));
    }
}
