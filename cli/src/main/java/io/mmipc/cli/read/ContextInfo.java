package io.mmipc.cli.read;

import io.mmipc.internal.dir.ContextDirectory;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFileHeader;
import io.mmipc.internal.owner.ProcessIdentity;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a context directory says about itself: its marker ({@link ContextDirectory#MARKER}:
 * creator, persistent, creation time), its files and its participants. Read, never joined.
 */
public record ContextInfo(
    String name,
    Path path,
    ProcessIdentity creator,
    boolean creatorAlive,
    boolean persistent,
    long createdAtMillis,
    int files,
    long bytes,
    Participants participants,
    String problem)
{
    /**
     * @return the context directories (and other directories) under {@code root}, by name; none
     *         when the root does not exist.
     */
    public static List<ContextInfo> scan(final Path root) throws IOException
    {
        final List<ContextInfo> contexts = new ArrayList<>();
        if (!Files.isDirectory(root))
        {
            return contexts;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root))
        {
            for (final Path dir : dirs)
            {
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS))
                {
                    contexts.add(read(dir));
                }
            }
        }
        contexts.sort(Comparator.comparing(ContextInfo::name));
        return contexts;
    }

    /**
     * Reads what {@code dir} says; a directory that vanishes or is damaged meanwhile is an
     * entry with a {@link #problem()}, not an exception.
     */
    public static ContextInfo read(final Path dir)
    {
        final String name = dir.getFileName().toString();
        ProcessIdentity creator = null;
        boolean persistent = false;
        long createdAt = 0;
        String problem = null;
        final Path marker = dir.resolve(ContextDirectory.MARKER);
        try (FileBytes file = FileBytes.open(marker, false))
        {
            final RawHeader raw = RawHeader.read(file);
            final SharedFileHeader header = raw.checked();
            if (header == null)
            {
                problem = "damaged marker: " + raw.problemDetail();
            }
            else if (header.kind() != ObjectKind.CONTEXT)
            {
                problem = "its marker holds a " + header.kind() + ", not a context";
            }
            else
            {
                creator = header.creator();
                persistent = header.param(ContextDirectory.PARAM_PERSISTENT) != 0;
                createdAt = header.createdAtMillis();
            }
        }
        catch (final NoSuchFileException ex)
        {
            problem = "no marker: being created, or not an mmipc context";
        }
        catch (final IOException ex)
        {
            problem = "cannot read its marker: " + ex.getMessage();
        }

        int files = 0;
        long bytes = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir))
        {
            for (final Path entry : entries)
            {
                try
                {
                    final BasicFileAttributes attributes =
                        Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    files++;
                    bytes += attributes.isRegularFile() ? attributes.size() : 0;
                }
                catch (final NoSuchFileException gone)
                {
                    // removed while we looked (a spill file, a temporary name)
                }
            }
        }
        catch (final IOException ex)
        {
            problem = problem != null ? problem : "cannot list it: " + ex.getMessage();
        }

        Participants participants;
        try
        {
            participants = Participants.read(dir);
        }
        catch (final IOException ex)
        {
            participants = null;
            problem = problem != null ? problem : "cannot read its participant registry: " + ex.getMessage();
        }
        if (createdAt == 0)
        {
            try
            {
                createdAt = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toMillis();
            }
            catch (final IOException gone)
            {
                // keep 0: unknown
            }
        }
        return new ContextInfo(name, dir.toAbsolutePath(), creator, creator != null && creator.isAlive(), persistent,
            createdAt, files, bytes, participants, problem);
    }

    public int liveParticipants()
    {
        return participants == null ? 0 : participants.liveCount();
    }

    /**
     * @return true when a live process uses the directory, as far as its files tell: its creator
     *         lives, or a live process holds an entry in its participant registry. An unreadable
     *         registry counts as in use: the tool removes nothing it cannot vouch for.
     */
    public boolean inUse()
    {
        return creatorAlive || participants == null || participants.problem() != null || liveParticipants() > 0;
    }

    /**
     * @return the pids of the live processes that use the directory.
     */
    public List<Long> livePids()
    {
        final List<Long> pids = new ArrayList<>();
        if (creatorAlive)
        {
            pids.add(creator.pid());
        }
        if (participants != null)
        {
            for (final Participants.Participant participant : participants.all())
            {
                if (participant.alive() && !pids.contains(participant.pid()))
                {
                    pids.add(participant.pid());
                }
            }
        }
        return pids;
    }

    /**
     * @return the JSON form.
     */
    public Map<String, Object> toJson(final long nowMillis)
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("path", path.toString());
        json.put("creatorPid", creator == null ? null : creator.pid());
        json.put("creatorStartMillis", creator == null ? null : creator.startMillis());
        json.put("creatorAlive", creatorAlive);
        json.put("persistent", persistent);
        json.put("createdAtMillis", createdAt());
        json.put("ageMillis", createdAtMillis == 0 ? null : nowMillis - createdAtMillis);
        json.put("files", files);
        json.put("bytes", bytes);
        json.put("participants", participants == null ? null : participants.all().size());
        json.put("liveParticipants", liveParticipants());
        json.put("inUse", inUse());
        json.put("problem", problem);
        return json;
    }

    private Long createdAt()
    {
        return createdAtMillis == 0 ? null : createdAtMillis;
    }
}
