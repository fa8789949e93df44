package io.mmipc.cli.describe;

import io.mmipc.cli.read.ContextInfo;
import io.mmipc.cli.read.NotRegularFileException;
import io.mmipc.cli.read.Participants;
import io.mmipc.internal.counters.CountersDescriptor;
import io.mmipc.internal.counters.CountersReader;
import io.mmipc.internal.dir.ContextDirectory;
import io.mmipc.internal.file.SharedFiles;
import io.mmipc.internal.owner.ParticipantRegistry;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the files of one context directory say at one moment: the context (marker,
 * participants) and each of its objects.
 *
 * @param unreadable entries that are not mmipc files the tool can read, with the reason.
 * @param creating   files still under a temporary name (being created).
 * @param counters   the live counters of the objects, from every process's counters file.
 */
public record ContextSnapshot(ContextInfo info, List<ObjectView> objects, Map<String, String> unreadable, int creating,
    ObjectCounters counters)
{
    /**
     * @throws NoSuchFileException when {@code dir} is not a directory.
     */
    public static ContextSnapshot take(final Path dir) throws IOException
    {
        if (!Files.isDirectory(dir))
        {
            throw new NoSuchFileException(dir.toString(), null, "no context directory here");
        }
        final ContextInfo info = ContextInfo.read(dir);
        final Participants participants = info.participants() != null ? info.participants() : Participants.none();
        final List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir))
        {
            entries.forEach(files::add);
        }
        files.sort(null);
        final List<ObjectView> objects = new ArrayList<>();
        final Map<String, String> unreadable = new LinkedHashMap<>();
        int creating = 0;
        for (final Path file : files)
        {
            final String name = file.getFileName().toString();
            if (name.equals(ContextDirectory.MARKER) || name.equals(ParticipantRegistry.FILE_NAME) ||
                CountersDescriptor.isCountersFileName(name))
            {
                continue; // shown as the context, its participants and the objects' counters
            }
            if (SharedFiles.isTemporaryName(name))
            {
                creating++;
                continue;
            }
            try
            {
                objects.add(Describers.inspect(file, false, participants));
            }
            catch (final NoSuchFileException gone)
            {
                // removed while we looked: a received spill file, a closed private object
            }
            catch (final NotRegularFileException ex)
            {
                unreadable.put(name, ex.getMessage());
            }
            catch (final IOException ex)
            {
                unreadable.put(name, "cannot read: " + ex.getMessage());
            }
        }
        return new ContextSnapshot(info, objects, unreadable, creating,
            new ObjectCounters(CountersReader.read(dir)));
    }

    /**
     * @return true when anything in the directory is damaged or unreadable.
     */
    public boolean damaged()
    {
        if (info.problem() != null || !unreadable.isEmpty() || counters.files().stream().anyMatch(f -> f.problem() != null) ||
            info.participants() == null || info.participants().problem() != null)
        {
            return true;
        }
        for (final ObjectView object : objects)
        {
            if (!object.problems().isEmpty())
            {
                return true;
            }
        }
        return false;
    }

    public Map<String, Object> toJson(final long nowMillis)
    {
        final Map<String, Object> json = new LinkedHashMap<>(info.toJson(nowMillis));
        final List<Object> participants = new ArrayList<>();
        if (info.participants() != null)
        {
            for (final Participants.Participant participant : info.participants().all())
            {
                final Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("slot", participant.slot());
                entry.put("token", participant.token());
                entry.put("pid", participant.pid());
                entry.put("startMillis", participant.startMillis());
                entry.put("alive", participant.alive());
                participants.add(entry);
            }
        }
        json.put("participants", participants);
        json.put("registryProblem", info.participants() == null ? null : info.participants().problem());
        final List<Object> list = new ArrayList<>();
        final Map<String, List<CountersReader.Record>> sums = counters.sums();
        for (final ObjectView object : objects)
        {
            final Map<String, Object> entry = object.toJson();
            final List<CountersReader.Record> records = sums.remove(object.name());
            entry.put("counters", records == null ? Map.of() : ObjectCounters.json(records));
            entry.put("countersByProcess", counters.perProcessJson(object.name()));
            list.add(entry);
        }
        json.put("objects", list);
        final Map<String, Object> orphans = new LinkedHashMap<>();
        sums.forEach((name, records) -> orphans.put(name, ObjectCounters.json(records)));
        json.put("countersOfObjectsNotHere", orphans);
        json.put("counterFiles", counters.filesJson());
        json.put("unreadable", new LinkedHashMap<String, Object>(unreadable));
        json.put("beingCreated", creating);
        json.put("damaged", damaged());
        return json;
    }
}
