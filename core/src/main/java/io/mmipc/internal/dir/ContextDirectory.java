package io.mmipc.internal.dir;

import io.mmipc.internal.owner.ProcessIdentity;
import io.mmipc.internal.file.Names;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFileHeader;
import io.mmipc.internal.file.SharedFileSpec;
import io.mmipc.internal.file.SharedFiles;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A directory where processes meet: every shared object of a context is a file in it.
 * <p>
 * A directory records its creator (pid and start time) in a marker file. The context that
 * created a directory removes it on close; creating a directory first sweeps sibling directories
 * whose creator is dead, so a creator killed with {@code kill -9} leaks memory in {@code /dev/shm}
 * only until the next context is created. A directory made {@code persistent} is never swept
 * nor removed on close: its processes meet by name across restarts.
 */
public final class ContextDirectory implements AutoCloseable
{
    /** System property that overrides where context directories are made. */
    public static final String ROOT_PROPERTY = "mmipc.root";
    /** The marker file; '~' is outside the name alphabet, so no shared object can take this name. */
    public static final String MARKER = "~mmipc-context";
    /** A directory without a marker older than this is an abandoned half-made one. */
    static final long UNMARKED_GRACE_MILLIS = 60_000;

    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    /** Marker parameter: 1 for a persistent directory (read by tools that list directories). */
    public static final int PARAM_PERSISTENT = 0;

    private final Path path;
    private final ProcessIdentity creator;
    private final boolean owner;
    private final boolean persistent;
    private final Set<PosixFilePermission> filePermissions;

    private ContextDirectory(
        final Path path,
        final ProcessIdentity creator,
        final boolean owner,
        final boolean persistent,
        final Set<PosixFilePermission> filePermissions)
    {
        this.path = path;
        this.creator = creator;
        this.owner = owner;
        this.persistent = persistent;
        this.filePermissions = filePermissions;
    }

    /**
     * The default root: {@code -Dmmipc.root}, else a per-user folder under {@code /dev/shm}, else
     * under {@code java.io.tmpdir}.
     */
    public static Path defaultRoot()
    {
        final String configured = System.getProperty(ROOT_PROPERTY);
        if (configured != null && !configured.isBlank())
        {
            return Paths.get(configured).toAbsolutePath();
        }
        return automaticRoot();
    }

    /**
     * The per-user root mmipc picks when nobody configured one; mmipc removes it when it empties.
     */
    static Path automaticRoot()
    {
        final String user = sanitizedUser();
        final Path shm = Paths.get("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm))
        {
            return shm.resolve("mmipc-" + user);
        }
        return Paths.get(System.getProperty("java.io.tmpdir")).toAbsolutePath().resolve("mmipc-" + user);
    }

    /**
     * Creates a fresh private directory under {@code root}, after sweeping dead creators' directories.
     */
    public static ContextDirectory createPrivate(final Path root, final Set<PosixFilePermission> filePermissions)
        throws IOException
    {
        ensureRoot(root);
        sweep(root);
        final ProcessIdentity self = ProcessIdentity.current();
        while (true)
        {
            final String name = "ctx-" + self.pid() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
            final ContextDirectory created = tryCreate(root.resolve(name), false, filePermissions);
            if (created != null)
            {
                return created;
            }
        }
    }

    /**
     * Opens the directory {@code name} under {@code root}, creating it when absent. Only the
     * process that creates it owns it.
     */
    public static ContextDirectory createOrOpen(
        final Path root, final String name, final boolean persistent, final Set<PosixFilePermission> filePermissions)
        throws IOException
    {
        Names.validate("context name", name);
        ensureRoot(root);
        sweep(root);
        final Path dir = root.resolve(name);
        final ContextDirectory created = tryCreate(dir, persistent, filePermissions);
        return created != null ? created : open(dir, filePermissions);
    }

    /**
     * Joins a directory another process made. Closing it never removes it.
     *
     * @throws NoSuchFileException when {@code dir} does not exist.
     */
    public static ContextDirectory open(final Path dir, final Set<PosixFilePermission> filePermissions)
        throws IOException
    {
        if (!Files.isDirectory(dir))
        {
            throw new NoSuchFileException(dir.toString(), null, "no mmipc context directory here");
        }
        ProcessIdentity creator = null;
        boolean persistent = false;
        try
        {
            final SharedFileHeader marker = SharedFiles.readHeader(dir.resolve(MARKER));
            creator = marker.creator();
            persistent = marker.param(PARAM_PERSISTENT) != 0;
        }
        catch (final NoSuchFileException creatorStillWritingIt)
        {
            // The creator links the marker just after making the directory.
        }
        return new ContextDirectory(dir.toAbsolutePath(), creator, false, persistent, filePermissions);
    }

    /**
     * Removes the directories under {@code root} whose creator has died, and abandoned half-made ones.
     *
     * @return how many directories were removed.
     */
    public static int sweep(final Path root) throws IOException
    {
        if (!Files.isDirectory(root))
        {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root))
        {
            for (final Path dir : dirs)
            {
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && isAbandoned(dir))
                {
                    try
                    {
                        deleteRecursively(dir);
                        removed++;
                    }
                    catch (final IOException raced)
                    {
                        // Another process sweeps it at the same time; what is left goes next time.
                    }
                }
            }
        }
        return removed;
    }

    public Path path()
    {
        return path;
    }

    /**
     * @return the creator, or null when the marker could not be read.
     */
    public ProcessIdentity creator()
    {
        return creator;
    }

    /**
     * @return true when this process created the directory and will remove it on close.
     */
    public boolean isOwner()
    {
        return owner;
    }

    public boolean isPersistent()
    {
        return persistent;
    }

    public Set<PosixFilePermission> filePermissions()
    {
        return filePermissions;
    }

    /**
     * Removes the directory when this process created it (and it is not persistent). Processes
     * that still map its files keep their mappings; the memory returns when the last one unmaps.
     */
    @Override
    public void close() throws IOException
    {
        if (owner && !persistent)
        {
            deleteRecursively(path);
            // The per-user default root goes too once empty, so nothing is left in /dev/shm.
            final Path parent = path.getParent();
            if (parent != null && parent.equals(automaticRoot()))
            {
                try
                {
                    Files.delete(parent);
                }
                catch (final DirectoryNotEmptyException | NoSuchFileException stillInUse)
                {
                    // other contexts live there
                }
            }
        }
    }

    @Override
    public String toString()
    {
        return "context " + path + (owner ? " (owner)" : "");
    }

    private static ContextDirectory tryCreate(
        final Path dir, final boolean persistent, final Set<PosixFilePermission> filePermissions) throws IOException
    {
        final Set<PosixFilePermission> dirPermissions = directoryPermissionsFor(filePermissions);
        while (true)
        {
            try
            {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(dirPermissions));
                break;
            }
            catch (final FileAlreadyExistsException ex)
            {
                return null;
            }
            catch (final NoSuchFileException rootRemoved)
            {
                // the last context of the root closed and removed it meanwhile
                ensureRoot(dir.getParent());
            }
        }
        Files.setPosixFilePermissions(dir, dirPermissions);
        final SharedFileSpec spec = SharedFileSpec.builder(ObjectKind.CONTEXT, 0)
            .param(PARAM_PERSISTENT, "persistent", persistent ? 1 : 0)
            .build();
        try (SharedFile marker = SharedFiles.createOrOpenAt(dir.resolve(MARKER), spec, filePermissions))
        {
            return new ContextDirectory(dir.toAbsolutePath(), marker.header().creator(), true, persistent,
                filePermissions);
        }
    }

    /**
     * @return true for a directory {@link #sweep} removes: its creator is dead and it is not
     *         persistent, or it has had no marker for a minute.
     */
    public static boolean isAbandoned(final Path dir)
    {
        try
        {
            final SharedFileHeader marker = SharedFiles.readHeader(dir.resolve(MARKER));
            return marker.kind() == ObjectKind.CONTEXT && marker.param(PARAM_PERSISTENT) == 0 &&
                !marker.creator().isAlive();
        }
        catch (final NoSuchFileException ex)
        {
            try
            {
                final FileTime modified = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS);
                return System.currentTimeMillis() - modified.toMillis() > UNMARKED_GRACE_MILLIS;
            }
            catch (final IOException gone)
            {
                return false;
            }
        }
        catch (final IOException notOurs)
        {
            // Not a context directory (or unreadable): leave it alone.
            return false;
        }
    }

    static void ensureRoot(final Path root) throws IOException
    {
        if (!Files.isDirectory(root))
        {
            try
            {
                Files.createDirectories(root, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
            }
            catch (final FileAlreadyExistsException raced)
            {
                // another process made it first
            }
        }
    }

    static Set<PosixFilePermission> directoryPermissionsFor(final Set<PosixFilePermission> filePermissions)
    {
        final Set<PosixFilePermission> dir = EnumSet.copyOf(filePermissions);
        dir.add(PosixFilePermission.OWNER_READ);
        dir.add(PosixFilePermission.OWNER_WRITE);
        dir.add(PosixFilePermission.OWNER_EXECUTE);
        if (filePermissions.contains(PosixFilePermission.GROUP_READ))
        {
            dir.add(PosixFilePermission.GROUP_EXECUTE);
        }
        if (filePermissions.contains(PosixFilePermission.OTHERS_READ))
        {
            dir.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return dir;
    }

    /**
     * Removes {@code dir} and everything in it; what vanishes meanwhile is no error.
     */
    public static void deleteRecursively(final Path dir) throws IOException
    {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS))
        {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException
            {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(final Path file, final IOException ex) throws IOException
            {
                if (ex instanceof NoSuchFileException)
                {
                    return FileVisitResult.CONTINUE;
                }
                throw ex;
            }

            @Override
            public FileVisitResult postVisitDirectory(final Path d, final IOException ex) throws IOException
            {
                if (ex != null && !(ex instanceof NoSuchFileException))
                {
                    throw ex;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String sanitizedUser()
    {
        final String user = System.getProperty("user.name", "user");
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < user.length() && sb.length() < 64; i++)
        {
            final char c = user.charAt(i);
            sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' ? c : '_');
        }
        return sb.length() == 0 ? "user" : sb.toString();
    }
}
