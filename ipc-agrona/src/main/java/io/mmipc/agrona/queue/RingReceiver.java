package io.mmipc.agrona.queue;

import io.mmipc.EndOfStreamException;
import io.mmipc.MessageHandler;
import io.mmipc.internal.counters.CounterSet;
import io.mmipc.internal.counters.Counters;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.wait.Waitable;
import io.mmipc.internal.wait.Waiter;
import io.mmipc.internal.wait.WakeWord;
import org.agrona.concurrent.IdleStrategy;

import java.util.function.Supplier;

/**
 * The receiving side of one channel, for one queue or pipe-end object: every message this object
 * receives comes through here, read and checked by its {@link RingReader}. Either the object
 * holds the consumer side for good (a one-to-one consumer, a pipe end), or it takes a
 * {@link ConsumerTurn} around each read (many-to-many). Blocking receives wait through the one
 * {@link Waiter} (one per thread), asleep in the kernel on the data-arrived word of
 * {@link ChannelWakes} once the wait is long; every check period a waiting receiver asks whether its sender
 * is gone ({@link PeerWatch}), and then, once nothing committed is left, raises
 * {@link EndOfStreamException}. A receiver that polls without waiting asks too, every 256 empty
 * polls at most every {@link PeerWatch#POLL_CHECK_NANOS}.
 * <p>
 * The first receive attaches the object as a consumer (its one-to-one role, its process slot);
 * after that a one-to-one message costs the reader's work and the mapping guard.
 */
final class RingReceiver
{
    private final SharedFile file;
    private final RingChannel channel;
    private final ChannelWakes wakes;
    private final RingReader reader;
    private final ConsumerTurn turn;
    private final PeerWatch sender;
    private final Runnable attach;
    private final ThreadLocal<Waiter> waiters;
    private final String what;
    private final Counters counters;
    private boolean attached;
    private int emptyReads;

    /**
     * @param turn   the turn consumers take around each read (many-to-many), or null when this
     *               object holds the consumer side for good.
     * @param sender who sends, when its death is end-of-stream, else null.
     * @param attach attaches the object as a consumer on its first receive, or null when it is attached.
     * @param what   the object, for messages.
     * @param counters the object's counters: end-of-stream is counted here (side B).
     */
    RingReceiver(
        final SharedFile file,
        final RingReader reader,
        final ConsumerTurn turn,
        final PeerWatch sender,
        final Runnable attach,
        final Supplier<IdleStrategy> idle,
        final String what,
        final Counters counters)
    {
        this.file = file;
        this.channel = reader.channel();
        this.wakes = channel.wakes();
        this.reader = reader;
        this.turn = turn;
        this.sender = sender;
        this.attach = attach;
        this.attached = attach == null;
        this.waiters = Waiter.perThread(idle);
        this.what = what;
        this.counters = counters;
    }

    RingChannel channel()
    {
        return channel;
    }

    /**
     * Hands up to {@code limit} messages to {@code handler} without waiting.
     *
     * @return how many it handed over.
     * @throws EndOfStreamException when the sender is gone and nothing committed is left.
     */
    int poll(final MessageHandler handler, final int limit)
    {
        if (!attached)
        {
            attachOnce();
        }
        file.enter();
        try
        {
            if (turn != null)
            {
                return turn.read(reader, handler, limit);
            }
            final int read = reader.read(handler, limit);
            if (read == 0 && sender != null && (++emptyReads & 0xFF) == 0)
            {
                checkEndOfStream(false);
            }
            return read;
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * Hands one message to {@code handler}, waiting up to {@code timeoutNanos} ({@link Waiter#FOREVER}, or 0).
     *
     * @return false when none arrived in time.
     * @throws EndOfStreamException when the sender is gone and nothing committed is left.
     */
    boolean receive(final MessageHandler handler, final long timeoutNanos) throws InterruptedException
    {
        if (poll(handler, 1) > 0)
        {
            return true;
        }
        if (timeoutNanos == 0)
        {
            return false;
        }
        final Waiter waiter = beginWait(timeoutNanos);
        try
        {
            while (true)
            {
                final int state = waiter.idle();
                if (state == Waiter.TIMED_OUT)
                {
                    return false;
                }
                if (state == Waiter.INTERRUPTED)
                {
                    throw new InterruptedException(what + ": interrupted while waiting for a message");
                }
                if (poll(handler, 1) > 0)
                {
                    return true;
                }
                stayAwakeWhileClaimed(waiter);
                if (sender != null && waiter.checkDue())
                {
                    checkEndOfStreamEntered();
                }
            }
        }
        finally
        {
            waiter.end();
        }
    }

    /**
     * @param waiting true from a wait's periodic check: ask about the sender now.
     * @return true when a receive would not wait: a committed message is at the head, or the stream ended.
     */
    boolean ready(final boolean waiting)
    {
        file.enter();
        try
        {
            return !channel.isEmpty() && !channel.isBlocked() || sender != null && sender.gone(waiting);
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * Waits up to {@code timeoutNanos} until a receive would not wait.
     */
    boolean awaitReady(final long timeoutNanos) throws InterruptedException
    {
        if (ready(false))
        {
            return true;
        }
        final Waiter waiter = beginWait(timeoutNanos);
        try
        {
            while (true)
            {
                final int state = waiter.idle();
                if (state == Waiter.TIMED_OUT)
                {
                    return false;
                }
                if (state == Waiter.INTERRUPTED)
                {
                    throw new InterruptedException(what + ": interrupted in poll");
                }
                if (ready(waiter.checkDue()))
                {
                    return true;
                }
                stayAwakeWhileClaimed(waiter);
            }
        }
        finally
        {
            waiter.end();
        }
    }

    /**
     * A wait on several objects ({@link Waitable}) begins: the file stays mapped until
     * {@link #exitWait()}; one-to-one producers learn that this receiver may sleep.
     *
     * @return the data-arrived word.
     */
    WakeWord enterWait(final boolean maySleep)
    {
        file.enter();
        if (maySleep)
        {
            wakes.receiverMaySleep();
        }
        return wakes.dataArrived();
    }

    void exitWait()
    {
        file.exit();
    }

    /**
     * For a wait on several objects: {@link #ready}, and whether a claimed record may come
     * without a signal ({@link #stayAwakeWhileClaimed}).
     *
     * @return {@link Waitable#READY}, {@link Waitable#IDLE} or {@link Waitable#BUSY}.
     */
    int readiness(final boolean check)
    {
        file.enter();
        try
        {
            if (!channel.isEmpty() && !channel.isBlocked() || sender != null && sender.gone(check))
            {
                return Waitable.READY;
            }
            return channel.manyProducers() && wakes.mayNeedWake(channel) ? Waitable.BUSY : Waitable.IDLE;
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * Begins a wait on the data-arrived word, first telling one-to-one producers that this
     * receiver may sleep ({@link ChannelWakes#receiverMaySleep}) when it may.
     */
    private Waiter beginWait(final long timeoutNanos)
    {
        final Waiter waiter = waiters.get().begin(timeoutNanos, true, wakes.dataArrived());
        if (waiter.sleepsOnWord())
        {
            file.enter();
            try
            {
                wakes.receiverMaySleep();
            }
            finally
            {
                file.exit();
            }
        }
        return waiter;
    }

    /**
     * Many-to-one rings: after a failed re-check, a record claimed but not committed may belong
     * to a producer that read the sleepers flag before this receiver set it, so this receiver
     * must not sleep on its registration ({@link ChannelWakes}).
     */
    private void stayAwakeWhileClaimed(final Waiter waiter)
    {
        if (!channel.manyProducers())
        {
            return;
        }
        file.enter();
        try
        {
            if (wakes.mayNeedWake(channel))
            {
                waiter.stayAwake();
            }
        }
        finally
        {
            file.exit();
        }
    }

    private void checkEndOfStreamEntered()
    {
        file.enter();
        try
        {
            checkEndOfStream(true);
        }
        finally
        {
            file.exit();
        }
    }

    private void checkEndOfStream(final boolean waiting)
    {
        if (sender.gone(waiting) && (channel.isEmpty() || channel.isBlocked()))
        {
            counters.getAndAdd(CounterSet.END_OF_STREAM, 1);
            throw new EndOfStreamException(what + ": " + sender.endOfStream());
        }
    }

    /**
     * Adds what the reader counted in fields to the counters: on close ({@link RingReader#publishCounts}).
     */
    void publishCounts()
    {
        reader.publishCounts();
    }

    private synchronized void attachOnce()
    {
        if (!attached)
        {
            attach.run();
            attached = true;
        }
    }
}
