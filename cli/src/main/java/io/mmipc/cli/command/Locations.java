package io.mmipc.cli.command;

import io.mmipc.DurableLogConfig;
import io.mmipc.internal.dir.ContextDirectory;
import io.mmipc.internal.file.Names;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * How commands find what they are named: a path, or a name under the default root.
 */
final class Locations
{
    private Locations()
    {
    }

    /**
     * @return {@code root}, or the default root mmipc creates contexts under.
     */
    static Path root(final Path root)
    {
        return root != null ? root.toAbsolutePath() : ContextDirectory.defaultRoot();
    }

    /**
     * @param context a directory path, or the name of a context under {@code root}.
     * @throws NoSuchFileException when neither is a directory.
     */
    static Path context(final String context, final Path root) throws NoSuchFileException
    {
        final Path named = Names.isValid(context) ? root(root).resolve(context) : null;
        if (named != null && Files.isDirectory(named, LinkOption.NOFOLLOW_LINKS))
        {
            return named;
        }
        final Path path = Paths.get(context).toAbsolutePath();
        if (Files.isDirectory(path))
        {
            return path;
        }
        throw new NoSuchFileException(context, null, "no context directory of that path, nor of that name under " +
            root(root));
    }

    /**
     * @param object a file path, or {@code CONTEXT/NAME} under {@code root}.
     * @throws NoSuchFileException when neither exists.
     */
    static Path object(final String object, final Path root) throws NoSuchFileException
    {
        final Path path = Paths.get(object);
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS))
        {
            return path.toAbsolutePath();
        }
        final int slash = object.indexOf('/');
        if (slash > 0 && slash == object.lastIndexOf('/') &&
            Names.isValid(object.substring(0, slash)) && Names.isValid(object.substring(slash + 1)))
        {
            final Path named = root(root).resolve(object);
            if (Files.exists(named, LinkOption.NOFOLLOW_LINKS))
            {
                return named;
            }
        }
        throw new NoSuchFileException(object, null, "no file of that path, nor CONTEXT/NAME under " + root(root));
    }

    /**
     * @param log a log directory, or the name of a log under the default log root.
     * @throws NoSuchFileException when neither is a directory.
     */
    static Path log(final String log) throws NoSuchFileException
    {
        final Path path = Paths.get(log).toAbsolutePath();
        if (Files.isDirectory(path))
        {
            return path;
        }
        if (Names.isValid(log))
        {
            final Path named = DurableLogConfig.defaultRoot().resolve(log);
            if (Files.isDirectory(named))
            {
                return named;
            }
        }
        throw new NoSuchFileException(log, null, "no log directory of that path, nor of that name under " +
            DurableLogConfig.defaultRoot());
    }
}
