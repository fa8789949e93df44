package io.mmipc;

import io.mmipc.internal.wait.ProcessExits;
import io.mmipc.internal.wait.WaitAny;
import io.mmipc.internal.wait.Waitable;
import io.mmipc.internal.wait.Waiter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Python's {@code multiprocessing.connection} module, for what it offers beside the
 * {@link PipeEnd} (Python's {@code Connection} object): {@link #wait(Collection, Duration)}.
 * <pre>{@code
 * // Python: for r in wait(readers + [p.sentinel], timeout=1.0): ...
 * for (Object ready : Connection.wait(List.of(end1, end2, tasks, worker), Duration.ofSeconds(1))) { ... }
 * }</pre>
 */
public final class Connection
{
    private Connection()
    {
    }

    /**
     * Waits until at least one of {@code objects} is ready, as long as it takes.
     *
     * @see #wait(Collection, Duration)
     */
    public static <T> List<T> wait(final Collection<? extends T> objects) throws InterruptedException
    {
        return await(objects, Waiter.FOREVER);
    }

    /**
     * Python's {@code multiprocessing.connection.wait(object_list, timeout)}: waits until at least
     * one of {@code objects} is ready, or {@code timeout} passes, and returns the ready ones.
     * <ul>
     *   <li>a {@link PipeEnd} that receives: ready when a message waits or the stream ended (the
     *   other end was closed or its process died, and everything it sent was received), so that
     *   {@code recv()} would not block; an end not open yet is opened, as {@code recv()} would;</li>
     *   <li>a {@link MessageQueue} (a {@link JoinableQueue} too): ready when a message waits (on a
     *   one-to-one queue also once its producer died). A queue has competing consumers: another
     *   may take the message first, so follow with {@code poll()}, not {@code take()};</li>
     *   <li>a {@link JvmProcess} (started), a {@link Process} or a {@link ProcessHandle}: ready
     *   once it has exited and been reaped (Python's {@code Process.sentinel}).</li>
     * </ul>
     * The wait sleeps in the kernel on the wake words of all the objects at once (Linux
     * {@code futex_waitv}), so a message, or an exit, wakes it at once; the death of a pipe's
     * peer, which nobody signals, is seen within {@link Waiter#DEFAULT_CHECK_NANOS} (10 ms).
     * Interrupts are seen within {@link Waiter#SLICE_NANOS}.
     *
     * @param objects what to wait for; an object given twice is returned once. With none, the
     *                call just sleeps for {@code timeout}, as Python's does.
     * @param timeout the longest wait; zero looks once without waiting.
     * @return the ready objects, in the order given; empty when none was ready within {@code timeout}.
     * @throws InterruptedException     when the thread is interrupted while it waits.
     * @throws IllegalArgumentException for an object of another type, a pipe end that only
     *                                  sends, or a negative timeout.
     * @throws IllegalStateException    when an object is closed, or a process was not started.
     */
    public static <T> List<T> wait(final Collection<? extends T> objects, final Duration timeout)
        throws InterruptedException
    {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative())
        {
            throw new IllegalArgumentException("timeout " + timeout + " is negative");
        }
        return await(objects, timeout.compareTo(Duration.ofDays(365 * 100)) >= 0 ? Waiter.FOREVER : timeout.toNanos());
    }

    private static <T> List<T> await(final Collection<? extends T> objects, final long timeoutNanos)
        throws InterruptedException
    {
        Objects.requireNonNull(objects, "objects");
        final Map<T, Boolean> distinct = new IdentityHashMap<>();
        final List<T> given = new ArrayList<>();
        final List<Waitable> waitables = new ArrayList<>();
        for (final T object : objects)
        {
            if (distinct.put(Objects.requireNonNull(object, "an object to wait for is null"), Boolean.TRUE) == null)
            {
                given.add(object);
                waitables.add(waitable(object));
            }
        }
        final List<Integer> ready = WaitAny.await(waitables, timeoutNanos);
        final List<T> result = new ArrayList<>(ready.size());
        for (final int index : ready)
        {
            result.add(given.get(index));
        }
        return result;
    }

    private static Waitable waitable(final Object object)
    {
        if (object instanceof PipeEnd<?> end && !end.canReceive())
        {
            throw new IllegalArgumentException(end + " only sends: nothing to wait for");
        }
        if (object instanceof Waitable waitable)
        {
            return waitable;
        }
        if (object instanceof JvmProcess process)
        {
            final Process child = process.childProcess();
            return ProcessExits.of(process, child::onExit);
        }
        if (object instanceof Process process)
        {
            return ProcessExits.of(process, process::onExit);
        }
        if (object instanceof ProcessHandle handle)
        {
            return ProcessExits.of(handle, handle::onExit);
        }
        throw new IllegalArgumentException("cannot wait for a " + object.getClass().getName() + " (" + object +
            "): pipe ends, queues and processes only");
    }
}
