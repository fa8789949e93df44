package io.mmipc;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * A named shared object that lives in a file of a context directory: a value, an array, a lock
 * and the other synchronisation objects.
 * <p>
 * Such an object is {@link Serializable}, but what travels is a small handle (directory, name,
 * type): a task that captures it re-opens the same shared object in the JVM that runs it, through
 * {@link IpcContext#joined}. Closing unmaps it in this process; the file stays for the others
 * until the context that created the directory closes. Calls after close are
 * {@link IllegalStateException}s.
 */
public interface SharedResource extends AutoCloseable, Serializable
{
    /**
     * @return the name the object was created or opened with.
     */
    String name();

    /**
     * @return the file that holds the object.
     */
    Path path();

    boolean isClosed();

    /**
     * Unmaps the object in this process, once no call on it is in flight. Idempotent.
     */
    @Override
    void close();
}
