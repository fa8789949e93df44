package io.mmipc.internal.file;

import io.mmipc.SharedFileException;
import io.mmipc.internal.owner.ProcessIdentity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import static io.mmipc.internal.file.SharedFileDescriptor.*;

/**
 * Creates and opens shared files.
 * <p>
 * <b>Create.</b> A new file is written in full under a temporary name (so its space is really
 * allocated and a full file system fails here, with an {@link IOException}, rather than with a
 * fault at first use), its header and body are initialised, its magic is stored last, and it is
 * published with {@link Files#createLink}, which fails when the name exists. Of two processes
 * racing to create one name, exactly one links its file; the other opens the winner's.
 * <p>
 * <b>Open.</b> Before a file is opened, {@link FileTrust} checks with {@code lstat} that it is a
 * regular file of this user's (a FIFO would block the open, a link could lead anywhere), and it is
 * opened with {@code O_NOFOLLOW}. The header is read with plain I/O and checked (magic, version,
 * kind, parameters, length) before anything is mapped, so a bad file is an exception naming it,
 * never a fault or a hang.
 * <p>
 * <b>Names.</b> Temporary names are derived with {@link Names#derive}, so they fit the file
 * system's limit for every valid name and pid.
 */
public final class SharedFiles
{
    /** Owner read and write only: the default for files. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final int ZERO_CHUNK = 1 << 16;
    private static final String TEMP_MARK = "~tmp-";

    private SharedFiles()
    {
    }

    /**
     * Opens the file {@code name} in {@code dir} when it exists, else creates it.
     */
    public static SharedFile createOrOpen(final Path dir, final String name, final SharedFileSpec spec)
        throws IOException
    {
        return createOrOpen(dir, name, spec, OWNER_ONLY);
    }

    public static SharedFile createOrOpen(
        final Path dir, final String name, final SharedFileSpec spec, final Set<PosixFilePermission> permissions)
        throws IOException
    {
        return createOrOpenAt(dir.resolve(Names.validate(spec.kind().name().toLowerCase() + " name", name)), spec,
            permissions);
    }

    /**
     * Like {@link #createOrOpen(Path, String, SharedFileSpec, Set)} for a path the caller has vetted
     * (mmipc's own marker files use names outside the user alphabet).
     */
    public static SharedFile createOrOpenAt(
        final Path path, final SharedFileSpec spec, final Set<PosixFilePermission> permissions) throws IOException
    {
        Names.checkFileName(path);
        while (true)
        {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS))
            {
                try
                {
                    return open(path, spec);
                }
                catch (final NoSuchFileException removedMeanwhile)
                {
                    continue;
                }
            }
            final SharedFile created = tryCreate(path, spec, permissions);
            if (created != null)
            {
                return created;
            }
        }
    }

    /**
     * Creates the file; fails with {@link FileAlreadyExistsException} when the name is taken.
     */
    public static SharedFile create(final Path dir, final String name, final SharedFileSpec spec) throws IOException
    {
        final Path path = dir.resolve(Names.validate(spec.kind().name().toLowerCase() + " name", name));
        final SharedFile created = tryCreate(path, spec, OWNER_ONLY);
        if (created == null)
        {
            throw new FileAlreadyExistsException(path.toString(), null, "a shared object of this name exists");
        }
        return created;
    }

    /**
     * Opens an existing file after checking its header against {@code spec}.
     *
     * @throws NoSuchFileException   when there is no such file.
     * @throws SharedFileException   when the file is not a regular file, or not what {@code spec} asks for.
     * @throws AccessDeniedException when another user owns the file, or others may write it ({@link FileTrust}).
     */
    public static SharedFile open(final Path path, final SharedFileSpec spec) throws IOException
    {
        return Uninterruptibly.call(() -> openNow(path, spec));
    }

    private static SharedFile openNow(final Path path, final SharedFileSpec spec) throws IOException
    {
        FileTrust.checkRegularFile(Names.checkFileName(path));
        final FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
        try
        {
            final SharedFileHeader header = SharedFileHeader.read(path, channel);
            header.check(path, spec);
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, header.totalLength());
            return new SharedFile(path, channel, header, mapped, false);
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    /**
     * Reads and checks the generic part of a file's header without mapping it; checks the file
     * as {@link #open} does first.
     */
    public static SharedFileHeader readHeader(final Path path) throws IOException
    {
        FileTrust.checkRegularFile(Names.checkFileName(path));
        return Uninterruptibly.call(() ->
        {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))
            {
                return SharedFileHeader.read(path, channel);
            }
        });
    }

    /**
     * @return true for the names this class gives files while it initialises them.
     */
    public static boolean isTemporaryName(final String fileName)
    {
        return fileName.contains(TEMP_MARK);
    }

    /**
     * @return the name a file of this name has while {@code pid} initialises it: within the file
     *         system's limit for every name, pid and random number.
     */
    static String temporaryName(final String fileName, final long pid, final long random)
    {
        return Names.derive(fileName, TEMP_MARK, Long.toString(pid), "-", Long.toHexString(random));
    }

    private static SharedFile tryCreate(final Path path, final SharedFileSpec spec, final Set<PosixFilePermission> perms)
        throws IOException
    {
        return Uninterruptibly.call(() -> tryCreateNow(path, spec, perms));
    }

    private static SharedFile tryCreateNow(
        final Path path, final SharedFileSpec spec, final Set<PosixFilePermission> perms) throws IOException
    {
        final ProcessIdentity self = ProcessIdentity.current();
        final Path temp = path.resolveSibling(
            temporaryName(path.getFileName().toString(), self.pid(), ThreadLocalRandom.current().nextLong()));
        final long totalLength = spec.totalLength();
        MappedByteBuffer mapped = null;
        FileChannel channel = null;
        try
        {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(perms));
            Files.setPosixFilePermissions(temp, perms); // the umask may have removed bits the caller asked for
            channel = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE);
            allocate(temp, channel, totalLength);
            mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, totalLength);

            final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            final long now = System.currentTimeMillis();
            buffer.putInt(VERSION_OFFSET, LAYOUT_VERSION);
            buffer.putInt(KIND_OFFSET, spec.kind().code());
            buffer.putInt(HEADER_LENGTH_OFFSET, HEADER_LENGTH);
            buffer.putLong(TOTAL_LENGTH_OFFSET, totalLength);
            buffer.putLong(CREATOR_PID_OFFSET, self.pid());
            buffer.putLong(CREATOR_START_OFFSET, self.startMillis());
            buffer.putLong(CREATED_AT_OFFSET, now);
            for (int i = 0; i < PARAM_COUNT; i++)
            {
                buffer.putLong(paramOffset(i), spec.param(i));
            }
            if (spec.typeTag() != null)
            {
                final byte[] tag = spec.typeTag().getBytes(StandardCharsets.UTF_8);
                buffer.putBytes(TYPE_TAG_OFFSET, tag);
            }
            spec.initializer().initialize(new UnsafeBuffer(buffer, HEADER_LENGTH, (int)spec.bodyLength()));
            // Magic last: a reader that finds it finds a whole header and an initialised body.
            buffer.putLongRelease(MAGIC_OFFSET, MAGIC);

            try
            {
                Files.createLink(path, temp);
            }
            catch (final FileAlreadyExistsException lostRace)
            {
                return null;
            }

            final SharedFileHeader header = new SharedFileHeader(LAYOUT_VERSION, spec.kind(), totalLength, self, now,
                spec.paramsCopy(), spec.typeTag() == null ? "" : spec.typeTag());
            final SharedFile file = new SharedFile(path, channel, header, mapped, true);
            mapped = null;
            channel = null;
            return file;
        }
        finally
        {
            if (mapped != null)
            {
                IoUtil.unmap(mapped);
            }
            if (channel != null)
            {
                channel.close();
            }
            // Linked or not, the temporary name goes: the link (if any) keeps the file.
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Writes zeros over the whole length so that tmpfs really reserves the pages now.
     */
    private static void allocate(final Path path, final FileChannel channel, final long length) throws IOException
    {
        final ByteBuffer zeros = ByteBuffer.allocateDirect(ZERO_CHUNK);
        long position = 0;
        try
        {
            while (position < length)
            {
                zeros.clear().limit((int)Math.min(ZERO_CHUNK, length - position));
                position += channel.write(zeros, position);
            }
        }
        catch (final IOException ex)
        {
            throw new IOException("cannot allocate " + length + " bytes for " + path + " (wrote " + position +
                "): " + ex.getMessage() + "; is its file system full? (df -h " + path.getParent() + ")", ex);
        }
    }
}
