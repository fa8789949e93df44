package io.mmipc.internal.owner;

import io.mmipc.SharedStateCorruptedException;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFileSpec;
import io.mmipc.internal.file.SharedFiles;
import org.agrona.concurrent.AtomicBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.mmipc.internal.owner.RegistryDescriptor.*;

/**
 * This JVM's entry in a context directory's registry of participants (layout in
 * {@link RegistryDescriptor}). One per JVM and directory, shared by every lock and barrier of the
 * directory that this JVM opens, and counted: the entry is claimed by the first lease and freed
 * when the last is released. A word still held at that point looks, to the others, like the
 * word of a dead process, and is taken over. Owner words ({@link OwnerWord}) name their holder by
 * this JVM's {@link #token()}, which resolves to a {@link ProcessIdentity} here.
 */
public final class ParticipantRegistry
{
    public static final String FILE_NAME = "~mmipc-registry";

    private static final Map<Path, ParticipantRegistry> OPEN = new HashMap<>(); // guarded by itself

    private final Path path;
    private final Object fileKey;
    private final SharedFile file;
    private final AtomicBuffer body;
    private final ProcessIdentity self = ProcessIdentity.current();
    private final int slot;
    private final int token;
    private int leases; // guarded by OPEN

    private ParticipantRegistry(final Path path, final Object fileKey, final SharedFile file)
    {
        this.path = path;
        this.fileKey = fileKey;
        this.file = file;
        this.body = file.body();
        file.enter();
        try
        {
            final long claimed = claim();
            this.slot = (int)(claimed >>> 32);
            this.token = RegistryDescriptor.token(slot, (int)claimed);
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * Takes a lease on this JVM's entry in the registry of {@code directory}, creating the
     * registry (with {@code permissions}) or claiming the entry when needed. Each lease needs one
     * {@link #release()}.
     */
    public static ParticipantRegistry lease(final Path directory, final Set<PosixFilePermission> permissions)
    {
        final Path path = directory.resolve(FILE_NAME);
        synchronized (OPEN)
        {
            ParticipantRegistry registry = OPEN.get(path);
            if (registry == null || !Objects.equals(registry.fileKey, fileKeyOr(path, registry.fileKey)))
            {
                // None yet, or the directory was removed and made again under the same name.
                registry = open(path, permissions);
                OPEN.put(path, registry);
            }
            registry.leases++;
            return registry;
        }
    }

    /**
     * Gives a lease back; the last one frees this JVM's entry and unmaps the registry.
     */
    public void release()
    {
        synchronized (OPEN)
        {
            if (--leases > 0)
            {
                return;
            }
            OPEN.remove(path, this);
        }
        file.enter();
        try
        {
            final int offset = entryOffset(slot) + STATE_OFFSET;
            final long state = body.getLongVolatile(offset);
            if (generation(state) == RegistryDescriptor.tokenGeneration(token) && pid(state) == self.pid())
            {
                body.compareAndSetLong(offset, state, RegistryDescriptor.state(generation(state), 0));
            }
        }
        finally
        {
            file.exit();
            file.close();
        }
    }

    /**
     * @return true for a token a claimant can have been given (only the range is checked).
     */
    public static boolean isPlausibleToken(final int token)
    {
        return RegistryDescriptor.isPlausibleToken(token);
    }

    /**
     * @return this JVM's token: entry index and generation.
     */
    public int token()
    {
        return token;
    }

    public Path path()
    {
        return path;
    }

    /**
     * @return true while the process that was given {@code token} runs and still holds its entry.
     */
    public boolean isAlive(final int token)
    {
        if (token == this.token)
        {
            return true;
        }
        final long pid = pidOf(token);
        if (pid == 0)
        {
            return false;
        }
        final long start = startMillisOf(token);
        return ProcessIdentity.isAlive(pid, start);
    }

    /**
     * @return the pid of the process given {@code token} while it holds its entry, else 0.
     */
    public long pidOf(final int token)
    {
        checkToken(token);
        file.enter();
        try
        {
            final long state = body.getLongVolatile(entryOffset(RegistryDescriptor.slot(token)) + STATE_OFFSET);
            return generation(state) == RegistryDescriptor.tokenGeneration(token) ? pid(state) : 0;
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * @return the recorded start time of the process given {@code token} while its entry is marked
     *         live (also after a kill -9, until the entry is reused), else {@link ProcessIdentity#UNKNOWN_START}.
     */
    public long startMillisOf(final int token)
    {
        checkToken(token);
        file.enter();
        try
        {
            final int entry = entryOffset(RegistryDescriptor.slot(token));
            final long state = body.getLongVolatile(entry + STATE_OFFSET);
            return (state & LIVE) != 0 ? body.getLong(entry + START_MILLIS_OFFSET) : ProcessIdentity.UNKNOWN_START;
        }
        finally
        {
            file.exit();
        }
    }

    private void checkToken(final int token)
    {
        if (!RegistryDescriptor.isPlausibleToken(token))
        {
            throw new IllegalArgumentException("participant token 0x" + Integer.toHexString(token) + " is not one " +
                "mmipc issues (registry " + path + ")");
        }
    }

    /**
     * Claims a free entry, or one whose process died.
     *
     * @return the slot in the high 32 bits, the generation in the low.
     */
    private long claim()
    {
        for (int slot = 0; slot < CAPACITY; slot++)
        {
            final int offset = entryOffset(slot);
            final long state = body.getLongVolatile(offset + STATE_OFFSET);
            if ((state & ~(LIVE | ((long)GENERATION_MASK << GENERATION_SHIFT) | PID_MASK)) != 0)
            {
                throw new SharedStateCorruptedException(path, "registry entry " + slot + " holds 0x" +
                    Long.toHexString(state) + ", which has reserved bits set");
            }
            if (pid(state) != 0 && isEntryAlive(offset, state))
            {
                continue;
            }
            final int generation = nextGeneration(generation(state));
            final long claiming = RegistryDescriptor.state(generation, self.pid());
            if (body.compareAndSetLong(offset + STATE_OFFSET, state, claiming))
            {
                body.putLong(offset + START_MILLIS_OFFSET, self.startMillis());
                body.putLongRelease(offset + STATE_OFFSET, claiming | LIVE);
                return ((long)slot << 32) | generation;
            }
            slot--; // lost a race for this entry: look at it again
        }
        throw new IllegalStateException("the participant registry " + path + " is full: " + CAPACITY +
            " live processes already take part in this directory");
    }

    private boolean isEntryAlive(final int offset, final long state)
    {
        final long start = (state & LIVE) != 0 ? body.getLong(offset + START_MILLIS_OFFSET) :
            ProcessIdentity.UNKNOWN_START;
        return ProcessIdentity.isAlive(pid(state), start);
    }

    private static ParticipantRegistry open(final Path path, final Set<PosixFilePermission> permissions)
    {
        final SharedFileSpec spec = SharedFileSpec.builder(ObjectKind.REGISTRY, BODY_LENGTH)
            .param(PARAM_CAPACITY, "capacity", CAPACITY)
            .param(PARAM_ENTRY_LENGTH, "entry length", ENTRY_LENGTH)
            .build();
        try
        {
            final SharedFile file = SharedFiles.createOrOpenAt(path, spec, permissions);
            try
            {
                return new ParticipantRegistry(path, fileKeyOr(path, null), file);
            }
            catch (final RuntimeException ex)
            {
                file.close();
                throw ex;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open the participant registry: " + ex.getMessage(), ex);
        }
    }

    private static Object fileKeyOr(final Path path, final Object fallback)
    {
        try
        {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        }
        catch (final NoSuchFileException gone)
        {
            return fallback; // the directory went: keep the entry we have, nothing new can be made there
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public String toString()
    {
        return "participant " + RegistryDescriptor.slot(token) + "/" + RegistryDescriptor.tokenGeneration(token) +
            " of " + path;
    }
}
