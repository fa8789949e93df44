package io.mmipc;

import io.mmipc.internal.dir.ContextDirectory;
import io.mmipc.internal.file.SharedFiles;
import io.mmipc.internal.spi.ObjectProvider;
import io.mmipc.internal.AgronaAccess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;

/**
 * Where an {@link IpcContext} lives and who may use it: {@code IpcContext.builder()...build()}.
 */
public final class IpcContextBuilder
{
    private Path root;
    private String name;
    private Path join;
    private boolean persistent;
    private Set<PosixFilePermission> filePermissions = SharedFiles.OWNER_ONLY;
    private String transport = ObjectProvider.SHARED_MEMORY;

    IpcContextBuilder()
    {
    }

    /**
     * @param value where context directories are made (default: {@link ContextDirectory#defaultRoot()}).
     */
    public IpcContextBuilder root(final Path value)
    {
        root = Objects.requireNonNull(value, "root");
        return this;
    }

    /**
     * Creates-or-opens a context of this name under the root, so unrelated processes can meet by name.
     */
    public IpcContextBuilder name(final String value)
    {
        name = value;
        return this;
    }

    /**
     * Joins an existing directory instead of making one.
     */
    public IpcContextBuilder join(final Path dir)
    {
        join = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /**
     * @param value true for a named context that is neither swept nor removed when its creator ends.
     */
    public IpcContextBuilder persistent(final boolean value)
    {
        persistent = value;
        return this;
    }

    /**
     * @param value permissions of new files (default owner read/write, {@code 0600}); directories
     *              get the matching execute bits.
     */
    public IpcContextBuilder filePermissions(final Set<PosixFilePermission> value)
    {
        filePermissions = Set.copyOf(value);
        return this;
    }

    /**
     * @param value the transport that backs this context's objects (default {@code "shm"}, shared
     *              memory on this host); a transport module on the class path provides it.
     */
    public IpcContextBuilder transport(final String value)
    {
        transport = Objects.requireNonNull(value, "transport");
        return this;
    }

    public IpcContext build()
    {
        AgronaAccess.check();
        try
        {
            final ContextDirectory dir;
            if (join != null)
            {
                dir = ContextDirectory.open(join.toAbsolutePath(), filePermissions);
            }
            else
            {
                final Path base = root != null ? root : ContextDirectory.defaultRoot();
                dir = name != null ?
                    ContextDirectory.createOrOpen(base, name, persistent, filePermissions) :
                    ContextDirectory.createPrivate(base, filePermissions);
            }
            return new IpcContext(dir, transport);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex.getMessage(), ex);
        }
    }
}
