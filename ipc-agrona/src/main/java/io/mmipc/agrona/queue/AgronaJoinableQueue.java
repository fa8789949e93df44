package io.mmipc.agrona.queue;

import io.mmipc.JoinableQueue;
import io.mmipc.MessageHandler;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codec;
import io.mmipc.codec.CodecRef;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.wait.Waitable;
import io.mmipc.internal.wait.Waiter;
import io.mmipc.internal.wait.WakeWord;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * A joinable queue: an {@link AgronaQueue} (the messages) and its {@link TaskCounts} (the tasks,
 * in the task file beside it). Every send goes through {@link TaskCounts#beforePut} and
 * {@link TaskCounts#afterPut}; every receive is one non-blocking read between
 * {@link TaskCounts#reserve} and, when it took nothing, {@link TaskCounts#unreserve}; a blocking
 * receive waits for the queue to become readable ({@link AgronaQueue#awaitReadable}) between
 * reads, holding no reservation. A message that fails to decode, or whose handler throws, counts
 * as done: nobody could call {@code taskDone()} for it.
 */
final class AgronaJoinableQueue<T> implements JoinableQueue<T>, Waitable, Serializable
{
    /** The kind of a joinable queue's {@link Handle}; its parameter is the dead-process timeout in ms. */
    static final String HANDLE_KIND = "joinable-queue";
    private static final long serialVersionUID = 1L;

    private final transient TransportContext ctx;
    private final transient AgronaQueue<T> queue;
    private final transient SharedFile tasksFile;
    private final transient Participant participant;
    private final transient TaskCounts tasks;
    private final transient Codec<T> codec;
    private final transient Duration deadProcessTimeout;
    private final transient ThreadLocal<Taker> takers;
    private transient boolean closed;

    AgronaJoinableQueue(final TransportContext ctx, final AgronaQueue<T> queue, final SharedFile tasksFile,
        final Participant participant, final int slots, final Codec<T> codec, final QueueOptions options)
    {
        this.ctx = ctx;
        this.queue = queue;
        this.tasksFile = tasksFile;
        this.participant = participant;
        this.codec = codec;
        this.deadProcessTimeout = options.deadProcessTimeout();
        this.tasks = new TaskCounts(tasksFile, participant, slots, options.idle(), "joinable queue " + queue.path());
        this.takers = ThreadLocal.withInitial(Taker::new);
    }

    /**
     * Counts a message taken, then decodes it (or hands it to the caller's handler).
     */
    private final class Taker implements MessageHandler
    {
        private MessageHandler target;
        private T value;

        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length)
        {
            try
            {
                if (target != null)
                {
                    target.onMessage(buffer, offset, length);
                }
                else
                {
                    value = codec.decode(buffer, offset, length);
                }
            }
            catch (final RuntimeException | Error ex)
            {
                try
                {
                    tasks.taskDone();
                }
                catch (final RuntimeException settled)
                {
                    ex.addSuppressed(settled); // a dead holder's settlement took it already
                }
                throw ex;
            }
        }

        MessageHandler objects()
        {
            target = null;
            value = null;
            return this;
        }

        MessageHandler wrap(final MessageHandler handler)
        {
            target = handler;
            return this;
        }

        T take()
        {
            final T result = value;
            value = null;
            return result;
        }
    }

    // ---- tasks

    @Override
    public void taskDone()
    {
        tasks.taskDone();
    }

    @Override
    public void join() throws InterruptedException
    {
        tasks.join(Waiter.FOREVER);
    }

    @Override
    public boolean join(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return tasks.join(Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public long unfinishedTasks()
    {
        return tasks.unfinished();
    }

    @Override
    public long lostTasks()
    {
        return tasks.lost();
    }

    // ---- sending: each counted before it can be seen

    @Override
    public void put(final T value) throws InterruptedException
    {
        tasks.beforePut();
        boolean sent = false;
        try
        {
            queue.put(value);
            sent = true;
        }
        finally
        {
            tasks.afterPut(sent);
        }
    }

    @Override
    public boolean offer(final T value)
    {
        tasks.beforePut();
        boolean sent = false;
        try
        {
            sent = queue.offer(value);
            return sent;
        }
        finally
        {
            tasks.afterPut(sent);
        }
    }

    @Override
    public boolean offer(final T value, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        tasks.beforePut();
        boolean sent = false;
        try
        {
            sent = queue.offer(value, timeout, unit);
            return sent;
        }
        finally
        {
            tasks.afterPut(sent);
        }
    }

    @Override
    public void put(final DirectBuffer buffer, final int offset, final int length) throws InterruptedException
    {
        tasks.beforePut();
        boolean sent = false;
        try
        {
            queue.put(buffer, offset, length);
            sent = true;
        }
        finally
        {
            tasks.afterPut(sent);
        }
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        tasks.beforePut();
        boolean sent = false;
        try
        {
            sent = queue.offer(buffer, offset, length);
            return sent;
        }
        finally
        {
            tasks.afterPut(sent);
        }
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length, final long timeout,
        final TimeUnit unit) throws InterruptedException
    {
        tasks.beforePut();
        boolean sent = false;
        try
        {
            sent = queue.offer(buffer, offset, length, timeout, unit);
            return sent;
        }
        finally
        {
            tasks.afterPut(sent);
        }
    }

    /**
     * Counts the task as held and unfinished from the claim on; {@link #commit} keeps it
     * unfinished, {@link #abort} withdraws it.
     */
    @Override
    public int tryClaim(final int length)
    {
        tasks.beforePut();
        boolean claimed = false;
        try
        {
            final int offset = queue.tryClaim(length);
            claimed = offset >= 0;
            return offset;
        }
        finally
        {
            if (!claimed)
            {
                tasks.afterPut(false);
            }
        }
    }

    @Override
    public MutableDirectBuffer claimBuffer()
    {
        return queue.claimBuffer();
    }

    @Override
    public void commit(final int offset)
    {
        queue.commit(offset);
        tasks.afterPut(true);
    }

    @Override
    public void abort(final int offset)
    {
        queue.abort(offset);
        tasks.afterPut(false);
    }

    // ---- receiving: each read reserved, waits between reads unreserved

    /**
     * One non-blocking read of one message, reserved.
     *
     * @return true when {@code handler} got a message.
     */
    private boolean pollOne(final MessageHandler handler)
    {
        tasks.reserve();
        boolean took = false;
        try
        {
            took = queue.poll(handler);
            return took;
        }
        finally
        {
            if (!took)
            {
                tasks.unreserve();
            }
        }
    }

    /**
     * Reads one message, waiting up to {@code timeoutNanos} ({@link Waiter#FOREVER}, or 0) for
     * the queue to become readable between reads (another consumer may win the message).
     *
     * @return false when none came in time.
     */
    private boolean receive(final MessageHandler handler, final long timeoutNanos) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (!pollOne(handler))
        {
            final long left = timeoutNanos == Waiter.FOREVER ? Waiter.FOREVER : deadline - System.nanoTime();
            if (left != Waiter.FOREVER && left <= 0 || !queue.awaitReadable(left))
            {
                return false;
            }
        }
        return true;
    }

    private static long nanos(final long timeout, final TimeUnit unit)
    {
        return Math.max(0, unit.toNanos(timeout));
    }

    @Override
    public T take() throws InterruptedException
    {
        final Taker taker = takers.get();
        receive(taker.objects(), Waiter.FOREVER);
        return taker.take();
    }

    @Override
    public T poll()
    {
        final Taker taker = takers.get();
        return pollOne(taker.objects()) ? taker.take() : null;
    }

    @Override
    public T poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        final Taker taker = takers.get();
        return receive(taker.objects(), nanos(timeout, unit)) ? taker.take() : null;
    }

    @Override
    public int drainTo(final Collection<? super T> target, final int maxElements)
    {
        if (target == null)
        {
            throw new NullPointerException("target");
        }
        return drain((buffer, offset, length) -> target.add(codec.decode(buffer, offset, length)), maxElements);
    }

    @Override
    public void take(final MessageHandler handler) throws InterruptedException
    {
        receive(takers.get().wrap(handler), Waiter.FOREVER);
    }

    @Override
    public boolean poll(final MessageHandler handler)
    {
        return pollOne(takers.get().wrap(handler));
    }

    @Override
    public boolean poll(final MessageHandler handler, final long timeout, final TimeUnit unit)
        throws InterruptedException
    {
        return receive(takers.get().wrap(handler), nanos(timeout, unit));
    }

    /**
     * One message per reserved read, so that no more than one reservation is ever in flight per thread.
     */
    @Override
    public int drain(final MessageHandler handler, final int limit)
    {
        final MessageHandler taker = takers.get().wrap(handler);
        int drained = 0;
        while (drained < limit && pollOne(taker))
        {
            drained++;
        }
        return drained;
    }

    // ---- the queue's own

    @Override
    public String name()
    {
        return queue.name();
    }

    @Override
    public Path path()
    {
        return queue.path();
    }

    @Override
    public boolean isOneToOne()
    {
        return queue.isOneToOne();
    }

    @Override
    public int capacity()
    {
        return queue.capacity();
    }

    @Override
    public int maxMessageLength()
    {
        return queue.maxMessageLength();
    }

    @Override
    public int maxInlineLength()
    {
        return queue.maxInlineLength();
    }

    @Override
    public int size()
    {
        return queue.size();
    }

    @Override
    public boolean isEmpty()
    {
        return queue.isEmpty();
    }

    @Override
    public int remainingCapacity()
    {
        return queue.remainingCapacity();
    }

    @Override
    public long skippedMessages()
    {
        return queue.skippedMessages();
    }

    @Override
    public WakeWord enterWait(final boolean maySleep)
    {
        return queue.enterWait(maySleep);
    }

    @Override
    public int readiness(final boolean check)
    {
        return queue.readiness(check);
    }

    @Override
    public void exitWait()
    {
        queue.exitWait();
    }

    @Override
    public synchronized boolean isClosed()
    {
        return closed || queue.isClosed() || tasksFile.isClosed();
    }

    /**
     * Closes the queue and the task file in this object; what it still holds stays unfinished.
     */
    @Override
    public void close()
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
        }
        try
        {
            tasksFile.enter();
            try
            {
                tasks.leave();
            }
            finally
            {
                tasksFile.exit();
            }
        }
        catch (final IllegalStateException closedMeanwhile)
        {
            // the context closed the file first: the slot names this process until it ends
        }
        finally
        {
            participant.leave();
            tasksFile.close();
            queue.close();
        }
    }

    /**
     * Serialized as a small handle that re-opens the joinable queue in the receiving JVM.
     */
    Object writeReplace() throws ObjectStreamException
    {
        return new Handle(ctx.transport(), ctx.directory().toString(), name(), HANDLE_KIND,
            deadProcessTimeout.toMillis(), CodecRef.of(codec, this), null);
    }

    @Override
    public String toString()
    {
        return "joinable " + queue;
    }
}
