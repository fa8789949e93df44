package io.mmipc.cli.read;

import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.owner.ParticipantRegistry;
import io.mmipc.internal.owner.ProcessIdentity;
import io.mmipc.internal.owner.RegistryDescriptor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.mmipc.internal.file.SharedFileDescriptor.HEADER_LENGTH;
import static io.mmipc.internal.owner.RegistryDescriptor.*;

/**
 * A snapshot of a context directory's participant registry ({@code ~mmipc-registry}, layout in
 * {@link RegistryDescriptor}), read without taking part: the tool never leases an entry, so
 * looking changes nothing. Owner words name their holder by a participant token; this resolves
 * a token the way {@link ParticipantRegistry#isAlive(int)} does: the entry must still carry the
 * token's generation, and its process must live ({@link ProcessIdentity#isAlive}).
 */
public final class Participants
{
    /** One entry in use (or left behind by a dead process). */
    public record Participant(int slot, int generation, long pid, long startMillis, boolean alive)
    {
        public int token()
        {
            return RegistryDescriptor.token(slot, generation);
        }
    }

    private static final Participants NONE = new Participants(Collections.emptyList(), false, null);

    private final List<Participant> entries;
    private final boolean present;
    private final String problem;

    private Participants(final List<Participant> entries, final boolean present, final String problem)
    {
        this.entries = entries;
        this.present = present;
        this.problem = problem;
    }

    /**
     * @return the registry of {@code directory}; an empty one when it has none (no process took
     *         part in its locks yet); one with a {@link #problem()} when the file is damaged.
     */
    public static Participants read(final Path directory) throws IOException
    {
        final Path path = directory.resolve(ParticipantRegistry.FILE_NAME);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS))
        {
            return NONE;
        }
        try (FileBytes file = openRegular(path))
        {
            if (file == null)
            {
                return damaged("not a regular file");
            }
            final RawHeader header = RawHeader.read(file);
            if (header.problem() != null)
            {
                return damaged(header.problemDetail());
            }
            if (header.kind() != ObjectKind.REGISTRY || header.param(PARAM_CAPACITY) != CAPACITY ||
                header.param(PARAM_ENTRY_LENGTH) != ENTRY_LENGTH || header.totalLength() < HEADER_LENGTH + BODY_LENGTH)
            {
                return damaged("not a registry this mmipc reads: kind " + header.kind() + ", capacity " +
                    header.param(PARAM_CAPACITY) + ", entry length " + header.param(PARAM_ENTRY_LENGTH) +
                    ", length " + header.totalLength());
            }
            final ByteBuffer body = file.readFully(HEADER_LENGTH, BODY_LENGTH);
            final List<Participant> entries = new ArrayList<>();
            for (int slot = 0; slot < CAPACITY; slot++)
            {
                final int offset = entryOffset(slot);
                final long state = body.getLong(offset + STATE_OFFSET);
                if (state == 0)
                {
                    continue;
                }
                if ((state & ~(LIVE | ((long)GENERATION_MASK << GENERATION_SHIFT) | PID_MASK)) != 0)
                {
                    return damaged("entry " + slot + " holds 0x" + Long.toHexString(state) +
                        ", which has reserved bits set");
                }
                final long pid = pid(state);
                if (pid == 0)
                {
                    continue; // released: free for the next claimant
                }
                // Until L is set the claimant is still writing its start time: judge it by its pid.
                final long start = (state & LIVE) != 0 ? body.getLong(offset + START_MILLIS_OFFSET) :
                    ProcessIdentity.UNKNOWN_START;
                entries.add(new Participant(slot, generation(state), pid, start, ProcessIdentity.isAlive(pid, start)));
            }
            return new Participants(List.copyOf(entries), true, null);
        }
    }

    /**
     * @return the registry file opened, or null when it is not a regular file (never opened then).
     */
    private static FileBytes openRegular(final Path path) throws IOException
    {
        try
        {
            return FileBytes.open(path, false);
        }
        catch (final NotRegularFileException ex)
        {
            return null;
        }
    }

    /**
     * @return a registry that names nobody, for a directory whose registry cannot be read.
     */
    public static Participants none()
    {
        return NONE;
    }

    private static Participants damaged(final String problem)
    {
        return new Participants(Collections.emptyList(), true, "participant registry: " + problem);
    }

    /**
     * @return the entries that hold a pid, live or dead, in slot order.
     */
    public List<Participant> all()
    {
        return entries;
    }

    /**
     * @return true when the directory has a registry file.
     */
    public boolean present()
    {
        return present;
    }

    /**
     * @return what is wrong with the registry file, or null.
     */
    public String problem()
    {
        return problem;
    }

    public int liveCount()
    {
        int live = 0;
        for (final Participant participant : entries)
        {
            live += participant.alive() ? 1 : 0;
        }
        return live;
    }

    /**
     * @return the participant a token names, or null when its entry is free or moved on to
     *         another process (the token's holder left or died and someone claimed the entry).
     */
    public Participant byToken(final int token)
    {
        if (!RegistryDescriptor.isPlausibleToken(token))
        {
            return null;
        }
        for (final Participant participant : entries)
        {
            if (participant.slot() == RegistryDescriptor.slot(token) &&
                participant.generation() == RegistryDescriptor.tokenGeneration(token))
            {
                return participant;
            }
        }
        return null;
    }
}
