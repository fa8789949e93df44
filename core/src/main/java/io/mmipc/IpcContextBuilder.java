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
 * <p>
 * <b>Lifetime.</b> A private context (no {@link #name}, no {@link #join}) is removed when the
 * process that created it closes it, or, if that process dies first, by the next context created
 * under the same root. A <b>named</b> context lives until it is removed, like POSIX named shared
 * memory: a message that {@code put} accepted stays there, unread, after every process has closed
 * the context or died, until a consumer takes it. Remove a named context with
 * {@link IpcContext#remove(Path, String)}, or have a context remove it when it closes with
 * {@link #removeOnClose(boolean)}.
 */
public final class IpcContextBuilder
{
    private Path root;
    private String name;
    private Path join;
    private Boolean removeOnClose;
    private Set<PosixFilePermission> filePermissions = SharedFiles.OWNER_ONLY;
    private String transport = ObjectProvider.SHARED_MEMORY;
    private NetworkOptions network;

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
     * @param value true to remove the named (or joined) context's directory, with every object and
     *              unread message in it, when this context closes; false (the default) to leave it
     *              for others. A private context is always removed by its creator.
     */
    public IpcContextBuilder removeOnClose(final boolean value)
    {
        removeOnClose = value;
        return this;
    }

    /**
     * Named contexts are persistent (they live until removed) by default now.
     *
     * @param value true: the default; false: the same as {@code removeOnClose(true)}.
     * @deprecated use {@link #removeOnClose(boolean)}.
     */
    @Deprecated
    public IpcContextBuilder persistent(final boolean value)
    {
        return removeOnClose(!value);
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

    /**
     * Makes a context that spans hosts: its objects travel on the {@code "aeron"} transport (the
     * {@code mmipc-ipc-aeron} module) as {@code options} say; a shared secret is required.
     */
    public IpcContextBuilder network(final NetworkOptions options)
    {
        network = Objects.requireNonNull(options, "network");
        transport = NETWORK_TRANSPORT;
        return this;
    }

    /** The transport {@link #network} selects. */
    static final String NETWORK_TRANSPORT = "aeron";

    public IpcContext build()
    {
        AgronaAccess.check();
        try
        {
            final boolean remove = removeOnClose != null && removeOnClose;
            final ContextDirectory dir;
            if (join != null)
            {
                dir = ContextDirectory.open(join.toAbsolutePath(), remove, filePermissions);
            }
            else
            {
                final Path base = root != null ? root : ContextDirectory.defaultRoot();
                if (name == null && removeOnClose != null && !removeOnClose)
                {
                    throw new IllegalArgumentException("removeOnClose(false) needs a name: a private context is " +
                        "removed by its creator; give it a name(...) to keep it");
                }
                dir = name != null ?
                    ContextDirectory.createOrOpen(base, name, remove, filePermissions) :
                    ContextDirectory.createPrivate(base, filePermissions);
            }
            if (network != null && !NETWORK_TRANSPORT.equals(transport))
            {
                dir.close();
                throw new IllegalArgumentException("network(...) needs the \"" + NETWORK_TRANSPORT +
                    "\" transport, got \"" + transport + "\"");
            }
            return new IpcContext(dir, transport).network(network);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex.getMessage(), ex);
        }
    }
}
