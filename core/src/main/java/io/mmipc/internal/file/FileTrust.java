package io.mmipc.internal.file;

import io.mmipc.SharedFileException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Who may have made a path that mmipc is about to use. {@code /dev/shm} is writable by everyone,
 * so another user can make a root, a context directory or a file before us, or put a FIFO, a
 * device or a symbolic link where a file is expected. mmipc uses a path only when
 * {@code lstat} (never following a link) says:
 * <ul>
 *   <li>it is what it should be: a directory, or a regular file (a FIFO would block an open);</li>
 *   <li>the current user owns it;</li>
 *   <li>group and others cannot write it, unless the user asked for that. A file may be writable
 *   by whoever may write its directory (they could replace it anyway), and no one else.</li>
 * </ul>
 * Everything is checked before the path is opened. Between the check and the open, only someone
 * who may write the (checked) directory can swap the file, and that is the user or whom they asked for.
 */
public final class FileTrust
{
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;
    private static final int GROUP_OTHERS_WRITE = 0022;
    private static final int CURRENT_UID = readCurrentUid();

    private FileTrust()
    {
    }

    /**
     * What {@code lstat} says of a path.
     */
    public record Stat(Path path, int mode, int uid, String owner)
    {
        public boolean isRegularFile()
        {
            return (mode & S_IFMT) == S_IFREG;
        }

        public boolean isDirectory()
        {
            return (mode & S_IFMT) == S_IFDIR;
        }

        public boolean isOwnedByCurrentUser()
        {
            return uid == CURRENT_UID;
        }

        /**
         * @return "a FIFO (named pipe)", "a directory", "a symbolic link" ...
         */
        public String type()
        {
            switch (mode & S_IFMT)
            {
                case S_IFREG:
                    return "a regular file";
                case S_IFDIR:
                    return "a directory";
                case S_IFLNK:
                    return "a symbolic link";
                case 0010000:
                    return "a FIFO (named pipe)";
                case 0020000:
                    return "a character device";
                case 0060000:
                    return "a block device";
                case 0140000:
                    return "a socket";
                default:
                    return "a file of type 0" + Integer.toOctalString(mode & S_IFMT);
            }
        }

        /**
         * @return the permission bits as {@code ls} shows them ({@code rwxrwxrwx}).
         */
        public String permissions()
        {
            return PosixFilePermissions.toString(toPermissions(mode));
        }

        String describe()
        {
            return "owned by " + owner + " (uid " + uid + "), mode " + permissions();
        }
    }

    /**
     * @return the uid that owns the files this process creates.
     */
    public static int currentUid()
    {
        return CURRENT_UID;
    }

    /**
     * {@code lstat}s {@code path}: never follows a link, never opens it.
     *
     * @throws NoSuchFileException   when nothing is there.
     * @throws AccessDeniedException when a directory above it may not be searched.
     */
    public static Stat stat(final Path path) throws IOException
    {
        final Map<String, Object> attributes = Files.readAttributes(path, "unix:mode,uid,owner", LinkOption.NOFOLLOW_LINKS);
        return new Stat(path, (Integer)attributes.get("mode"), (Integer)attributes.get("uid"),
            ((UserPrincipal)attributes.get("owner")).getName());
    }

    /**
     * Checks that {@code file} is a regular file this user owns, writable by no one who may not
     * write its directory. Call it before opening the file.
     *
     * @throws SharedFileException   naming the file and its type, when it is not a regular file.
     * @throws AccessDeniedException naming the file, its owner and mode, when it is not to be trusted.
     * @throws NoSuchFileException   when there is no such file.
     */
    public static Stat checkRegularFile(final Path file) throws IOException
    {
        final Stat stat = stat(file);
        if (!stat.isRegularFile())
        {
            throw new SharedFileException(file, SharedFileException.Reason.NOT_MMIPC_FILE, "is " + stat.type() +
                ", not a regular file; mmipc opens only regular files (and never follows a link), so it is not opened");
        }
        checkOwner(stat);
        final int othersWrite = stat.mode & GROUP_OTHERS_WRITE;
        if (othersWrite != 0)
        {
            final Path parent = file.toAbsolutePath().getParent();
            final int directoryWrite = parent == null ? 0 : stat(parent).mode & GROUP_OTHERS_WRITE;
            if ((othersWrite & ~directoryWrite) != 0)
            {
                throw new AccessDeniedException(file.toString(), null, stat.describe() +
                    ": group or others may write it but not its directory " + parent + ", so someone else may " +
                    "have made or changed it; mmipc refuses it (chmod go-w it, or remove it)");
            }
        }
        return stat;
    }

    /**
     * Checks that {@code dir} is a directory (not a link to one) this user owns, and that group
     * and others may write it only as far as {@code allowed} permits.
     *
     * @param what    what the directory is for ("mmipc root", "context directory").
     * @param allowed the permissions the user asked for.
     * @throws AccessDeniedException naming the directory, its owner and mode, when it is not to be trusted.
     * @throws NoSuchFileException   when there is no such directory.
     */
    public static Stat checkDirectory(final Path dir, final String what, final Set<PosixFilePermission> allowed)
        throws IOException
    {
        return checkWriters(checkOwnDirectory(dir, what), what, allowed);
    }

    /**
     * Checks that {@code dir} is a directory (not a link to one) this user owns; says nothing of
     * who else may write it (see {@link #checkWriters}).
     */
    public static Stat checkOwnDirectory(final Path dir, final String what) throws IOException
    {
        final Stat stat;
        try
        {
            stat = stat(dir);
        }
        catch (final AccessDeniedException ex)
        {
            throw deniedAbove(dir, what, ex);
        }
        if (!stat.isDirectory())
        {
            throw new AccessDeniedException(dir.toString(), null, what + " is " + stat.type() + ", not a directory" +
                (stat.isOwnedByCurrentUser() ? "" : " (" + stat.describe() + ")") + "; mmipc never follows a link there");
        }
        checkOwner(stat, what);
        return stat;
    }

    /**
     * @throws AccessDeniedException when group or others may write what {@code stat} describes
     *                               and {@code allowed} does not grant them that.
     */
    public static Stat checkWriters(final Stat stat, final String what, final Set<PosixFilePermission> allowed)
        throws AccessDeniedException
    {
        final int extra = stat.mode & GROUP_OTHERS_WRITE & ~toMode(allowed);
        if (extra != 0)
        {
            throw new AccessDeniedException(stat.path().toString(), null, what + " " + stat.describe() + ": " +
                ((extra & 0002) != 0 ? "others" : "group members") + " may write it, which was not asked for, so " +
                "someone else may have put files there; mmipc refuses it (chmod go-w it, or remove it)");
        }
        return stat;
    }

    /**
     * @return the permissions of a directory whose files get {@code filePermissions}: the owner's
     *         rwx, and search (x) for whoever may read the files.
     */
    public static Set<PosixFilePermission> directoryPermissionsFor(final Set<PosixFilePermission> filePermissions)
    {
        final Set<PosixFilePermission> dir = EnumSet.noneOf(PosixFilePermission.class);
        dir.addAll(filePermissions);
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
     * @return the mode bits (0777) of {@code permissions}.
     */
    public static int toMode(final Set<PosixFilePermission> permissions)
    {
        int mode = 0;
        for (final PosixFilePermission permission : permissions)
        {
            mode |= 0400 >> permission.ordinal();
        }
        return mode;
    }

    /**
     * @return the permissions of the mode bits {@code mode} (higher bits ignored).
     */
    public static Set<PosixFilePermission> toPermissions(final int mode)
    {
        final Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (final PosixFilePermission permission : PosixFilePermission.values())
        {
            if ((mode & (0400 >> permission.ordinal())) != 0)
            {
                permissions.add(permission);
            }
        }
        return permissions;
    }

    private static void checkOwner(final Stat stat) throws AccessDeniedException
    {
        checkOwner(stat, "file");
    }

    private static void checkOwner(final Stat stat, final String what) throws AccessDeniedException
    {
        if (!stat.isOwnedByCurrentUser())
        {
            throw new AccessDeniedException(stat.path().toString(), null, what + " " + stat.describe() +
                ", not by this user (" + System.getProperty("user.name") + ", uid " + CURRENT_UID +
                "); mmipc uses only what the user made (another user may have made it first to read your messages)");
        }
    }

    /**
     * A directory above {@code dir} may not be searched: name its owner, so "permission denied"
     * does not read as "not there".
     */
    private static AccessDeniedException deniedAbove(final Path dir, final String what, final AccessDeniedException cause)
    {
        String detail = "permission denied";
        for (Path above = dir.toAbsolutePath().getParent(); above != null; above = above.getParent())
        {
            try
            {
                final Stat stat = stat(above);
                detail = "permission denied: " + above + " is " + stat.describe();
                break;
            }
            catch (final IOException ex)
            {
                // not visible either: look further up
            }
        }
        final AccessDeniedException denied = new AccessDeniedException(dir.toString(), null, what + ": " + detail);
        denied.initCause(cause);
        return denied;
    }

    private static int readCurrentUid()
    {
        try
        {
            for (final String line : Files.readAllLines(Paths.get("/proc/self/status"), StandardCharsets.US_ASCII))
            {
                if (line.startsWith("Uid:"))
                {
                    // real, effective, saved, file-system uid: new files get the last.
                    final String[] ids = line.substring(4).trim().split("\\s+");
                    return Integer.parseInt(ids[ids.length - 1]);
                }
            }
        }
        catch (final IOException | RuntimeException notLinux)
        {
            // below: ask the file system who owns what we create
        }
        try
        {
            final Path probe = Files.createTempFile("mmipc-uid", null);
            try
            {
                return (Integer)Files.getAttribute(probe, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            }
            finally
            {
                Files.delete(probe);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new IllegalStateException("cannot tell which user this process runs as: " + ex, ex);
        }
    }
}
