package io.mmipc.internal.file;

import io.mmipc.SharedMemoryFaultException;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * One mapped mmipc file: header plus body, mapped whole.
 * <p>
 * <b>Closing safely.</b> Touching memory after it is unmapped crashes the JVM, so every operation
 * on the mapping runs between {@link #enter()} and {@link #exit()}, and {@link #close()} marks the
 * file closed at once (later {@code enter()} calls throw {@link IllegalStateException}) but unmaps
 * only when no operation can be in flight:
 * <ul>
 *   <li>The <em>owner</em> (the thread that mapped the file) keeps a plain depth counter and reads
 *   the state with one volatile load: no atomic instruction on its hot path.</li>
 *   <li>Other threads count themselves in and out of the state word atomically.</li>
 *   <li>Only the owner can know it is out, so it records {@code OWNER_OUT} once it has seen the
 *   file closed with nothing of its own in flight; the unmap happens when {@code OWNER_OUT} is set
 *   and no other thread is in flight, by whichever of them gets there last.</li>
 * </ul>
 * A close from the owner thread outside any operation (try-with-resources, a context's close)
 * unmaps at once. A close from another thread unmaps when the owner next touches the file, or,
 * if it never does, when the garbage collector reclaims the mapping: never under a running
 * operation, and never blocking the closing thread.
 * <pre>
 *   state word: | unmapped (34) | owner out (33) | closed (32) | other threads in flight (0..31) |
 * </pre>
 * <b>Faults.</b> A file truncated under the mapping is not prevented (only its owner can do it):
 * every guarded region catches HotSpot's {@link InternalError} and raises
 * {@link #translateFault}'s {@link SharedMemoryFaultException}, the one place that explains it.
 * HotSpot delivers that error only at the thread's next entry into the VM, so for compiled code it
 * may arrive after the region; and an atomic read-modify-write of a lost page kills the JVM with
 * SIGBUS. Both limits are the documented contract of {@link SharedMemoryFaultException}.
 */
public final class SharedFile implements AutoCloseable
{
    private static final long CLOSED = 1L << 32;
    private static final long OWNER_OUT = 1L << 33;
    private static final long UNMAPPED = 1L << 34;
    private static final long IN_FLIGHT_MASK = CLOSED - 1;
    private static final VarHandle STATE;

    static
    {
        try
        {
            STATE = MethodHandles.lookup().findVarHandle(SharedFile.class, "state", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final Path path;
    private final FileChannel channel;
    private final SharedFileHeader header;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;
    private final UnsafeBuffer body;
    private final boolean created;
    private final Thread owner = Thread.currentThread();
    private int ownerDepth; // touched by the owner thread only
    @SuppressWarnings("unused") // through STATE
    private volatile long state;

    SharedFile(
        final Path path,
        final FileChannel channel,
        final SharedFileHeader header,
        final MappedByteBuffer mapped,
        final boolean created)
    {
        this.path = path;
        this.channel = channel;
        this.header = header;
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
        this.body = new UnsafeBuffer(buffer, SharedFileDescriptor.HEADER_LENGTH,
            buffer.capacity() - SharedFileDescriptor.HEADER_LENGTH);
        this.created = created;
    }

    public Path path()
    {
        return path;
    }

    public String name()
    {
        return path.getFileName().toString();
    }

    public SharedFileHeader header()
    {
        return header;
    }

    public ObjectKind kind()
    {
        return header.kind();
    }

    /**
     * @return true when this process created the file, false when it opened an existing one.
     */
    public boolean created()
    {
        return created;
    }

    /**
     * @return the whole file: header at offset 0. Use only between {@link #enter()} and {@link #exit()}.
     */
    public AtomicBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return the body: offset 0 is the first byte after the header. Use only between
     *         {@link #enter()} and {@link #exit()}.
     */
    public AtomicBuffer body()
    {
        return body;
    }

    /**
     * Marks an operation on the mapping as in flight.
     *
     * @throws IllegalStateException when the file is closed.
     */
    public void enter()
    {
        if (Thread.currentThread() == owner)
        {
            ownerDepth++;
            if (((long)STATE.getVolatile(this) & CLOSED) != 0)
            {
                ownerLeaves();
                throw closedException();
            }
            return;
        }
        final long previous = (long)STATE.getAndAdd(this, 1L);
        if ((previous & CLOSED) != 0)
        {
            exit();
            throw closedException();
        }
    }

    /**
     * Ends an operation begun with {@link #enter()}; after a close, the last one out unmaps.
     */
    public void exit()
    {
        if (Thread.currentThread() == owner)
        {
            if (ownerDepth == 1 && ((long)STATE.getVolatile(this) & CLOSED) != 0)
            {
                ownerLeaves();
                return;
            }
            ownerDepth--;
            return;
        }
        final long now = (long)STATE.getAndAdd(this, -1L) - 1L;
        if (now == (CLOSED | OWNER_OUT))
        {
            unmapOnce(now);
        }
    }

    /**
     * For a short operation that runs no code outside mmipc (a one-to-one send: no handler, no
     * callback): true when the calling thread is the owner and the file is open, in which case
     * the operation may touch the mapping without {@link #enter()} and {@link #exit()}. The mapping
     * is unmapped only once the owner itself has seen the file closed outside every operation
     * ({@code OWNER_OUT}), which it cannot do in the middle of this one; a close meanwhile by
     * another thread takes effect at the owner's next {@code enter()}, as it does after any
     * operation. The state is read opaquely: a loop of such operations still sees a close, and
     * the owner's path keeps no depth count and no ordering the operation does not need.
     * Otherwise false: the caller uses {@code enter()} and {@code exit()}, which throw or count as usual.
     */
    public boolean ownerOpenOpaque()
    {
        return Thread.currentThread() == owner && ((long)STATE.getOpaque(this) & CLOSED) == 0;
    }

    public boolean isClosed()
    {
        return ((long)STATE.getVolatile(this) & CLOSED) != 0;
    }

    /**
     * @throws IllegalStateException when the file is closed.
     */
    public void checkOpen()
    {
        if (isClosed())
        {
            throw closedException();
        }
    }

    /**
     * Checks, with one {@code stat}, that the file is still as long as the mapping.
     *
     * @throws SharedMemoryFaultException when the file shrank or went.
     */
    public void checkBacked()
    {
        final long size = backedLength();
        if (size < header.totalLength())
        {
            throw new SharedMemoryFaultException(path, "the file is " + (size < 0 ? "unreadable" : size + " bytes") +
                " but was mapped with " + header.totalLength() + " (truncated behind mmipc's back?)", null);
        }
    }

    /**
     * @return the length of the mapped file (its inode: still right after the name is unlinked), or -1.
     */
    private long backedLength()
    {
        try
        {
            return Uninterruptibly.call(channel::size);
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    /**
     * Turns HotSpot's fault in mapped memory into an exception naming the file: with the lengths
     * when the file shrank under the mapping, else with the error's message. Every guarded region
     * of every kind of object catches {@link InternalError} and throws this.
     */
    public RuntimeException translateFault(final InternalError error)
    {
        final long size = backedLength();
        if (size < header.totalLength())
        {
            return new SharedMemoryFaultException(path, "mapped memory faulted: the file is " +
                (size < 0 ? "unreadable" : size + " bytes") + " but was mapped with " + header.totalLength() +
                " (truncated behind mmipc's back?)", error);
        }
        return new SharedMemoryFaultException(path, "mapped memory faulted (" + error.getMessage() + ")", error);
    }

    /**
     * Marks the file closed; unmaps it now when called by the owner outside an operation, else
     * as soon as no operation can be in flight. Idempotent.
     */
    @Override
    public void close()
    {
        long current;
        do
        {
            current = (long)STATE.getVolatile(this);
            if ((current & CLOSED) != 0)
            {
                break;
            }
        }
        while (!STATE.compareAndSet(this, current, current | CLOSED));

        if (Thread.currentThread() == owner && ownerDepth == 0)
        {
            ownerDepth = 1;
            ownerLeaves();
        }
    }

    /**
     * @return true when the mapping has been released.
     */
    public boolean isUnmapped()
    {
        return ((long)STATE.getVolatile(this) & UNMAPPED) != 0;
    }

    /**
     * The owner, having seen the file closed, leaves its last operation: it will never enter
     * again, so it records that and unmaps if no other thread is in flight.
     */
    private void ownerLeaves()
    {
        ownerDepth--;
        if (ownerDepth != 0)
        {
            return;
        }
        long current;
        do
        {
            current = (long)STATE.getVolatile(this);
            if ((current & OWNER_OUT) != 0)
            {
                return;
            }
        }
        while (!STATE.compareAndSet(this, current, current | OWNER_OUT));
        if ((current & IN_FLIGHT_MASK) == 0)
        {
            unmapOnce(current | OWNER_OUT);
        }
    }

    private void unmapOnce(final long expected)
    {
        if (STATE.compareAndSet(this, expected, expected | UNMAPPED))
        {
            IoUtil.unmap(mapped);
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // the mapping is gone; a descriptor that fails to close holds nothing of ours
            }
        }
    }

    private IllegalStateException closedException()
    {
        return new IllegalStateException(header.kind() + " " + path + " is closed");
    }

    @Override
    public String toString()
    {
        return header.kind() + " " + path;
    }
}
