package io.mmipc.internal.dir;

import io.mmipc.internal.file.FileTrust;
import io.mmipc.internal.owner.ProcessIdentity;
import io.mmipc.internal.file.Names;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFileHeader;
import io.mmipc.internal.file.SharedFileSpec;
import io.mmipc.internal.file.SharedFiles;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
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
 * A directory records its creator (pid and start time), whether it is named and the file
 * permissions its creator asked for, in a marker file.
 * <ul>
 *   <li><b>Private</b> directories ({@link #createPrivate}) are removed by their creator on close;
 *   creating a directory first sweeps private sibling directories whose creator is dead, so a
 *   creator killed with {@code kill -9} leaks memory in {@code /dev/shm} only until the next
 *   context is created.</li>
 *   <li><b>Named</b> directories ({@link #createOrOpen}) live until they are removed, like POSIX
 *   named shared memory: by {@link #remove}, or by the close of a context opened with
 *   {@code removeOnClose}. They are never swept, so nothing a process put there is lost because
 *   that process ended.</li>
 * </ul>
 * <b>Trust.</b> A root, a context directory and every file in it must be this user's, and not
 * writable by group or others beyond the permissions asked for; links are never followed and
 * anything but a directory or a regular file is refused ({@link FileTrust}).
 */
public final class ContextDirectory implements AutoCloseable
{
    /** System property that overrides where context directories are made. */
    public static final String ROOT_PROPERTY = "mmipc.root";
    /** The marker file; '~' is outside the name alphabet, so no shared object can take this name. */
    public static final String MARKER = "~mmipc-context";
    /** The names {@link #createPrivate} gives; an unmarked directory is swept only with such a name. */
    private static final java.util.regex.Pattern PRIVATE_NAME = java.util.regex.Pattern.compile("ctx-[0-9]+-[0-9a-f]+");
    /** A private-named directory without a marker older than this is an abandoned half-made one. */
    static final long UNMARKED_GRACE_MILLIS = 60_000;

    /** How often a root that other processes keep removing is made again before giving up. */
    private static final int ROOT_ATTEMPTS = 100;
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    /** Marker parameter: 1 for a named (persistent) directory, never swept; 0 for a private one. */
    public static final int PARAM_PERSISTENT = 0;
    /** Marker parameter: the mode bits of the file permissions the creator asked for (0: 0600). */
    private static final int PARAM_PERMISSIONS = 1;

    private final Path path;
    private final ProcessIdentity creator;
    private final boolean owner;
    private final boolean persistent;
    private final boolean removeOnClose;
    private final Set<PosixFilePermission> filePermissions;
    /** Removes the directory when the JVM exits on SIGTERM or Ctrl-C without close; null unless removable. */
    private final Thread removeAtExit;

    private ContextDirectory(
        final Path path,
        final ProcessIdentity creator,
        final boolean owner,
        final boolean persistent,
        final boolean removeOnClose,
        final Set<PosixFilePermission> filePermissions)
    {
        this.path = path;
        this.creator = creator;
        this.owner = owner;
        this.persistent = persistent;
        this.removeOnClose = removeOnClose;
        this.filePermissions = filePermissions;
        if (removeOnClose)
        {
            // Touches only files, takes no lock: safe while other threads still run, or hold a context's lock.
            removeAtExit = new Thread(this::removeAtExit, "mmipc-remove-" + path.getFileName());
            Runtime.getRuntime().addShutdownHook(removeAtExit);
        }
        else
        {
            removeAtExit = null;
        }
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
     * Its creator removes it on close.
     */
    public static ContextDirectory createPrivate(final Path root, final Set<PosixFilePermission> filePermissions)
        throws IOException
    {
        ensureRoot(root, filePermissions);
        sweep(root);
        final ProcessIdentity self = ProcessIdentity.current();
        while (true)
        {
            final String name = "ctx-" + self.pid() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
            final ContextDirectory created = tryCreate(root.resolve(name), false, true, filePermissions);
            if (created != null)
            {
                return created;
            }
        }
    }

    /**
     * Opens the named directory {@code name} under {@code root}, creating it when absent. It lives
     * until it is removed ({@link #remove}, or the close of a context with {@code removeOnClose}).
     *
     * @param removeOnClose true to remove the directory when this process closes it.
     */
    public static ContextDirectory createOrOpen(
        final Path root, final String name, final boolean removeOnClose, final Set<PosixFilePermission> filePermissions)
        throws IOException
    {
        Names.validate("context name", name);
        ensureRoot(root, filePermissions);
        sweep(root);
        final Path dir = root.resolve(name);
        final ContextDirectory created = tryCreate(dir, true, removeOnClose, filePermissions);
        return created != null ? created : open(dir, removeOnClose, filePermissions);
    }

    /**
     * Joins a directory another process made. Closing it never removes it.
     *
     * @throws NoSuchFileException   when {@code dir} does not exist.
     * @throws AccessDeniedException naming the owner, when another user owns {@code dir} (or a
     *                               directory above it that may not be searched), or others may write it.
     */
    public static ContextDirectory open(final Path dir, final Set<PosixFilePermission> filePermissions)
        throws IOException
    {
        return open(dir, false, filePermissions);
    }

    /**
     * Joins a directory another process made; closing it removes it when {@code removeOnClose}.
     */
    public static ContextDirectory open(
        final Path dir, final boolean removeOnClose, final Set<PosixFilePermission> filePermissions)
        throws IOException
    {
        final FileTrust.Stat stat;
        try
        {
            stat = FileTrust.checkOwnDirectory(dir, "context directory");
        }
        catch (final NoSuchFileException ex)
        {
            throw new NoSuchFileException(dir.toString(), null, "no mmipc context directory here");
        }
        ProcessIdentity creator = null;
        boolean persistent = false;
        Set<PosixFilePermission> asked = filePermissions;
        try
        {
            final SharedFileHeader marker = readMarker(dir);
            creator = marker.creator();
            persistent = marker.param(PARAM_PERSISTENT) != 0;
            asked = union(filePermissions, recordedPermissions(marker));
        }
        catch (final NoSuchFileException creatorStillWritingIt)
        {
            // The creator links the marker just after making the directory.
        }
        FileTrust.checkWriters(stat, "context directory", directoryPermissionsFor(asked));
        return new ContextDirectory(dir.toAbsolutePath(), creator, false, persistent, removeOnClose, filePermissions);
    }

    /**
     * Removes the named directory {@code name} under {@code root} and everything in it. Processes
     * that map its files keep their mappings; the memory returns when the last one unmaps.
     *
     * @return false when there was no such directory.
     * @throws AccessDeniedException when another user owns it, or it is not an mmipc context directory.
     */
    public static boolean remove(final Path root, final String name) throws IOException
    {
        Names.validate("context name", name);
        final Path dir = root.resolve(name);
        try
        {
            FileTrust.checkOwnDirectory(root, "mmipc root");
            FileTrust.checkOwnDirectory(dir, "context directory");
        }
        catch (final NoSuchFileException absent)
        {
            return false;
        }
        try
        {
            readMarker(dir);
        }
        catch (final NoSuchFileException unmarked)
        {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir))
            {
                if (entries.iterator().hasNext())
                {
                    throw new AccessDeniedException(dir.toString(), null, "it has no " + MARKER + " file but holds " +
                        "files, so it is not an mmipc context directory; not removed");
                }
            }
        }
        deleteRecursively(dir);
        removeEmptyAutomaticRoot(root);
        return true;
    }

    /**
     * Removes the directories under {@code root} whose creator has died (private ones only), and
     * abandoned half-made ones. Only this user's directories are looked at; nothing is followed.
     *
     * @return how many directories were removed.
     */
    public static int sweep(final Path root) throws IOException
    {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS))
        {
            return 0;
        }
        int removed = 0;
        final DirectoryStream<Path> listing;
        try
        {
            listing = Files.newDirectoryStream(root);
        }
        catch (final NoSuchFileException removedMeanwhile)
        {
            return 0; // the last context closed and took the automatic root: nothing to sweep
        }
        try (DirectoryStream<Path> dirs = listing)
        {
            for (final Path dir : dirs)
            {
                if (isOwnDirectory(dir) && isAbandoned(dir))
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
     * @return true when this process created the directory.
     */
    public boolean isOwner()
    {
        return owner;
    }

    /**
     * @return true for a named directory: it lives until removed, and is never swept.
     */
    public boolean isPersistent()
    {
        return persistent;
    }

    /**
     * @return true when closing this removes the directory: a private directory's creator, or
     *         a context opened with {@code removeOnClose}.
     */
    public boolean removesOnClose()
    {
        return removeOnClose;
    }

    public Set<PosixFilePermission> filePermissions()
    {
        return filePermissions;
    }

    /**
     * Removes the directory when {@link #removesOnClose()}. Processes that still map its files keep
     * their mappings; the memory returns when the last one unmaps.
     */
    @Override
    public void close() throws IOException
    {
        if (removeOnClose)
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(removeAtExit);
            }
            catch (final IllegalStateException shuttingDown)
            {
                // The hook runs now or ran: it removes the directory too, and deleting twice is harmless.
            }
            remove();
        }
    }

    private void removeAtExit()
    {
        try
        {
            remove();
        }
        catch (final IOException | RuntimeException ex)
        {
            // At exit nobody is left to tell; the next context's sweep removes what remains.
        }
    }

    private void remove() throws IOException
    {
        deleteRecursively(path);
        removeEmptyAutomaticRoot(path.getParent());
    }

    /**
     * The per-user default root goes once empty, so nothing is left in /dev/shm.
     */
    private static void removeEmptyAutomaticRoot(final Path root) throws IOException
    {
        if (root != null && root.toAbsolutePath().equals(automaticRoot()))
        {
            try
            {
                Files.delete(root);
            }
            catch (final DirectoryNotEmptyException | NoSuchFileException stillInUse)
            {
                // other contexts live there
            }
        }
    }

    @Override
    public String toString()
    {
        return "context " + path + (owner ? " (owner)" : "");
    }

    private static ContextDirectory tryCreate(
        final Path dir, final boolean persistent, final boolean removeOnClose,
        final Set<PosixFilePermission> filePermissions) throws IOException
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
                ensureRoot(dir.getParent(), filePermissions);
            }
        }
        try
        {
            Files.setPosixFilePermissions(dir, dirPermissions);
            final SharedFileSpec spec = SharedFileSpec.builder(ObjectKind.CONTEXT, 0)
                .param(PARAM_PERSISTENT, "persistent", persistent ? 1 : 0)
                .param(PARAM_PERMISSIONS, "permissions", FileTrust.toMode(filePermissions))
                .build();
            try (SharedFile marker = SharedFiles.createOrOpenAt(dir.resolve(MARKER), spec, filePermissions))
            {
                return new ContextDirectory(dir.toAbsolutePath(), marker.header().creator(), true, persistent,
                    removeOnClose, filePermissions);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // A full file system, say: leave no unmarked directory behind.
            try
            {
                deleteRecursively(dir);
            }
            catch (final IOException cleanup)
            {
                ex.addSuppressed(cleanup);
            }
            throw ex;
        }
    }

    private static boolean isOwnDirectory(final Path dir)
    {
        try
        {
            final FileTrust.Stat stat = FileTrust.stat(dir);
            return stat.isDirectory() && stat.isOwnedByCurrentUser();
        }
        catch (final IOException gone)
        {
            return false;
        }
    }

    /**
     * Reads a context directory's marker: the one check that it is a context marker and not
     * another kind's file put in its place.
     *
     * @throws AccessDeniedException naming the marker and the kind found, when it is another kind.
     */
    private static SharedFileHeader readMarker(final Path dir) throws IOException
    {
        final Path path = dir.resolve(MARKER);
        final SharedFileHeader marker = SharedFiles.readHeader(path);
        if (marker.kind() != ObjectKind.CONTEXT)
        {
            throw new AccessDeniedException(path.toString(), null, "this " + MARKER + " is a " + marker.kind() +
                " file, not a context marker, so " + dir + " is not an mmipc context directory; refused");
        }
        return marker;
    }

    /**
     * @return true when {@code dir} was last changed more than {@link #UNMARKED_GRACE_MILLIS} ago:
     *         an unmarked directory that old is not being made any more.
     */
    public static boolean pastGrace(final Path dir)
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

    /**
     * @return true when {@code dir} holds at least one file and only files that
     *         {@link io.mmipc.internal.file.SharedFiles} was initialising (a named context whose
     *         creator died before its marker was linked).
     */
    private static boolean holdsOnlyTemporaryFiles(final Path dir)
    {
        boolean any = false;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir))
        {
            for (final Path entry : entries)
            {
                if (!io.mmipc.internal.file.SharedFiles.isTemporaryName(entry.getFileName().toString()) ||
                    !Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS))
                {
                    return false;
                }
                any = true;
            }
            return any;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * @return true for a directory {@link #sweep} removes: its creator is dead and it is not
     *         persistent, or it has had no marker for a minute and is one mmipc began to make (a
     *         private context's name, or nothing in it but files being initialised). A directory
     *         under a root that mmipc did not make is never removed.
     */
    public static boolean isAbandoned(final Path dir)
    {
        try
        {
            final SharedFileHeader marker = readMarker(dir);
            return marker.param(PARAM_PERSISTENT) == 0 && !marker.creator().isAlive();
        }
        catch (final AccessDeniedException notAMarker)
        {
            return false; // not ours to sweep
        }
        catch (final NoSuchFileException ex)
        {
            // Not one mmipc began to make? Then a root may hold the user's own directories: leave it.
            return (PRIVATE_NAME.matcher(dir.getFileName().toString()).matches() || holdsOnlyTemporaryFiles(dir)) &&
                pastGrace(dir);
        }
        catch (final IOException notOurs)
        {
            // Not a context directory (or unreadable, or a FIFO where the marker should be): leave it alone.
            return false;
        }
    }

    /**
     * Makes {@code root} (owner-only) when absent, and checks that it is this user's directory,
     * not writable by others beyond what {@code filePermissions} asks for.
     */
    static void ensureRoot(final Path root, final Set<PosixFilePermission> filePermissions) throws IOException
    {
        // The automatic root goes when its last context closes: another process may remove it
        // between our create and our check. Each retry follows such a removal, so a few suffice.
        for (int attempt = 1; ; attempt++)
        {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS))
            {
                try
                {
                    Files.createDirectories(root, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
                }
                catch (final FileAlreadyExistsException raced)
                {
                    // another process made it first (or it is a link: checked below)
                }
            }
            try
            {
                FileTrust.checkDirectory(root, "mmipc root", directoryPermissionsFor(filePermissions));
                return;
            }
            catch (final NoSuchFileException removedMeanwhile)
            {
                if (attempt == ROOT_ATTEMPTS)
                {
                    throw removedMeanwhile;
                }
            }
        }
    }

    private static Set<PosixFilePermission> recordedPermissions(final SharedFileHeader marker)
    {
        final long mode = marker.param(PARAM_PERMISSIONS);
        return mode == 0 ? SharedFiles.OWNER_ONLY : FileTrust.toPermissions((int)mode);
    }

    private static Set<PosixFilePermission> union(final Set<PosixFilePermission> a, final Set<PosixFilePermission> b)
    {
        final Set<PosixFilePermission> both = EnumSet.noneOf(PosixFilePermission.class);
        both.addAll(a);
        both.addAll(b);
        return both;
    }

    static Set<PosixFilePermission> directoryPermissionsFor(final Set<PosixFilePermission> filePermissions)
    {
        return FileTrust.directoryPermissionsFor(filePermissions);
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
