package io.mmipc.chronicle;

import io.mmipc.DurableLogException;
import io.mmipc.DurableLogException.Reason;
import io.mmipc.internal.file.FileTrust;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Gives the log's directory and files the permissions its config asks for ({@code 0700} and
 * {@code 0600} by default). Chronicle creates files with the process's umask ({@code 0644} as a
 * rule) and has no setting for it (its store-file listener runs later, on a background thread), so:
 * when the log opens, its directory and every file in it are restricted; when an appender starts
 * a new cycle, the file it writes is restricted before {@code append} returns. The directory is
 * restricted first, so nobody else can open a file in the moment between its creation and its
 * restriction. Only this user's paths are changed.
 */
final class LogFilePermissions
{
    private final Path directory;
    private final Set<PosixFilePermission> files;
    private final Set<PosixFilePermission> directories;

    LogFilePermissions(final Path directory, final Set<PosixFilePermission> filePermissions)
    {
        this.directory = directory;
        this.files = Set.copyOf(filePermissions);
        this.directories = Set.copyOf(FileTrust.directoryPermissionsFor(filePermissions));
    }

    /**
     * Restricts the directory, then every file in it (the metadata file Chronicle made on open,
     * and files an older mmipc left with Chronicle's modes).
     */
    void restrictAll()
    {
        restrict(directory, directories, true);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory))
        {
            for (final Path entry : entries)
            {
                restrict(entry, files, false);
            }
        }
        catch (final IOException ex)
        {
            throw new DurableLogException(directory, Reason.IO, "cannot list it to set permissions: " + ex, ex);
        }
    }

    /**
     * Restricts one file of the log (a queue file an appender has just rolled to).
     */
    void restrict(final Path file)
    {
        restrict(file, files, false);
    }

    private static void restrict(final Path path, final Set<PosixFilePermission> wanted, final boolean directory)
    {
        try
        {
            final FileTrust.Stat stat = FileTrust.stat(path);
            if ((directory ? stat.isDirectory() : stat.isRegularFile()) && stat.isOwnedByCurrentUser() &&
                !FileTrust.toPermissions(stat.mode()).equals(wanted))
            {
                Files.setPosixFilePermissions(path, wanted);
            }
        }
        catch (final NoSuchFileException gone)
        {
            // retention removed it meanwhile
        }
        catch (final IOException ex)
        {
            throw new DurableLogException(path, Reason.IO, "cannot set its permissions to " +
                PosixFilePermissions.toString(wanted) + ": " + ex, ex);
        }
    }
}
