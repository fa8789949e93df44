package io.mmipc.internal.spi;

import io.mmipc.NetworkOptions;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFileSpec;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * What a transport gets of a context: its directory, its files and their permissions, and a place
 * to register what must close with it. Transports never see {@link io.mmipc.IpcContext}, so the
 * public facade can change without them and a transport cannot call back into it.
 */
public interface TransportContext
{
    /**
     * @return the directory that holds the context's files.
     */
    Path directory();

    /**
     * @return the permissions the context gives the files it creates (owner-only unless asked).
     */
    Set<PosixFilePermission> filePermissions();

    /**
     * Creates the file {@code name}, or opens it when it exists with the same kind and parameters;
     * it closes with the context.
     *
     * @throws java.io.UncheckedIOException when the file cannot be made or read.
     */
    SharedFile createOrOpenFile(String name, SharedFileSpec spec);

    /**
     * Opens the existing file {@code name}; it closes with the context.
     */
    SharedFile openFile(String name, SharedFileSpec spec);

    /**
     * Closes {@code resource} when the context closes (before the directory is removed).
     *
     * @throws IllegalStateException when the context is closed (the resource is closed first).
     */
    <T extends AutoCloseable> T track(T resource);

    boolean isClosed();

    /**
     * @return the transport that backs this context ({@link ObjectProvider#transport()}).
     */
    String transport();

    /**
     * @return how the context reaches other hosts (a network transport reads it), or null.
     */
    default NetworkOptions network()
    {
        return null;
    }
}
