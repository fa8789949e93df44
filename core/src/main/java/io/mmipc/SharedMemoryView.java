package io.mmipc;

import io.mmipc.internal.file.SharedFile;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A {@link SharedMemory} block as a {@link MutableDirectBuffer}: Python's {@code shm.buf}. The
 * buffer covers exactly the block, and Agrona's bounds checks (on unless
 * {@code agrona.disable.bounds.checks} is set) refuse any access beyond it.
 * <pre>{@code
 * try (SharedMemoryView view = shm.buffer()) {
 *     MutableDirectBuffer buf = view.buffer();
 *     buf.putFloat(0, 1.5f);
 * }
 * }</pre>
 * <b>Lifetime.</b> A view holds the block's mapping open, as Python refuses to close a block
 * whose buffer is still exported: while a view is open, {@link SharedMemory#close()} (or the
 * context's) marks the block closed but unmaps it only when the view closes. Close a view on the
 * thread that opened it. A closed view's buffer is re-pointed at an empty array, so a reference
 * kept past {@link #close()} fails its bounds check instead of touching unmapped memory.
 * <p>
 * Accesses through the buffer are the caller's own: a fault because another process truncated
 * the file surfaces as HotSpot's {@link InternalError} (see {@link SharedMemoryFaultException}).
 */
public final class SharedMemoryView implements AutoCloseable
{
    private static final byte[] NOTHING = new byte[0];

    private final SharedFile file;
    private final UnsafeBuffer buffer;
    private final Thread opener = Thread.currentThread();
    private boolean closed;

    SharedMemoryView(final SharedFile file, final AtomicBuffer body)
    {
        file.enter();
        this.file = file;
        this.buffer = new UnsafeBuffer(body, 0, body.capacity());
    }

    /**
     * @return the block as a buffer, offsets from the block's start, capacity its size.
     * @throws IllegalStateException when this view is closed.
     */
    public MutableDirectBuffer buffer()
    {
        if (closed)
        {
            throw new IllegalStateException(this + " is closed");
        }
        return buffer;
    }

    /**
     * @return the block's size in bytes.
     */
    public int capacity()
    {
        return closed ? 0 : buffer.capacity();
    }

    public boolean isClosed()
    {
        return closed;
    }

    /**
     * Releases the mapping; a block closed meanwhile unmaps now. Idempotent.
     *
     * @throws IllegalStateException when called on another thread than the one that opened the view.
     */
    @Override
    public void close()
    {
        if (Thread.currentThread() != opener)
        {
            throw new IllegalStateException(this + " was opened on " + opener.getName() +
                "; close it there, not on " + Thread.currentThread().getName());
        }
        if (closed)
        {
            return;
        }
        closed = true;
        buffer.wrap(NOTHING);
        file.exit();
    }

    @Override
    public String toString()
    {
        return "SharedMemoryView(" + file.path() + (closed ? ", closed)" : ")");
    }
}
