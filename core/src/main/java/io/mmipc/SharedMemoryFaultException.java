package io.mmipc;

import java.nio.file.Path;

/**
 * Mapped memory faulted: the file under the mapping was truncated, or its space could not be
 * backed. The message names the file and the lengths involved.
 * <p>
 * <b>What mmipc promises.</b> Only the file's owner can truncate it: files are owner-only
 * ({@code 0600}) and squatted or foreign files are refused, so another user cannot. A process of
 * the same user that truncates a file under a live mapping is outside mmipc's control, and on
 * HotSpot 17 the outcome depends on the access:
 * <ul>
 *   <li><b>Plain reads and writes</b> (every accessor of shared memory, values, arrays, the dict,
 *   the reads of locks, semaphores, events, conditions and barriers) never crash the JVM. HotSpot
 *   raises an {@link InternalError}; when it arrives inside mmipc's call, mmipc raises this
 *   exception instead. HotSpot defers the error of compiled code to the thread's next entry into
 *   the VM, which may come after the call returned: the caller then sees HotSpot's
 *   {@code InternalError} ("a fault occurred in a recent unsafe memory access operation") at some
 *   later point of its own code. Pulling it into the call would cost a VM call per access, so
 *   mmipc does not; {@code SharedMemory.checkBacked()} names the file that shrank.</li>
 *   <li><b>Atomic operations</b> (compare-and-set, get-and-add, lock acquisition and release,
 *   semaphore permits, barrier arrival) on the lost part of the file are not guarded by HotSpot:
 *   the JVM dies with SIGBUS (exit code 134, or 1 under {@code -XX:-CreateCoredumpOnCrash};
 *   {@code Unsafe_CompareAndSet*} in its crash report).
 *   No exception can be raised for them. Checking the file's length first would cost a
 *   {@code stat} per operation and still race with the truncation, so mmipc does not.</li>
 * </ul>
 */
public class SharedMemoryFaultException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    public SharedMemoryFaultException(final Path path, final String message, final Throwable cause)
    {
        super(path + ": " + message, cause);
        this.path = path;
    }

    public Path path()
    {
        return path;
    }
}
