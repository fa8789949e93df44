package io.mmipc.agrona.queue;

import io.mmipc.MessageHandler;
import io.mmipc.Pipe;
import io.mmipc.PipeEnd;
import io.mmipc.internal.counters.CounterSet;
import io.mmipc.internal.counters.Counters;
import io.mmipc.internal.counters.ProcessCounters;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.internal.spi.Handle;
import io.mmipc.internal.wait.Waitable;
import io.mmipc.internal.wait.Waiter;
import io.mmipc.internal.wait.WakeWord;
import org.agrona.DirectBuffer;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.concurrent.TimeUnit;

import static io.mmipc.agrona.queue.PipeDescriptor.*;

/**
 * One end of a pipe: a {@link RingReceiver} on the channel addressed to it and a
 * {@link RingSender} on the other one (one of them only, in a one-way pipe), both one-to-one.
 * It opens on first use (or {@link #open()}): maps the file in the calling thread, claims its end
 * slot as a {@link Role} (refused while another live object holds it; taken over, with both
 * rings repaired, from a dead one) and marks the end as ever opened. The other end's slot is the
 * {@link PeerWatch} of both directions: end-of-stream for the receiver, "nobody will read" for a
 * sender waiting for room.
 */
final class AgronaPipeEnd<T> implements PipeEnd<T>, Waitable, Serializable
{
    /** The kind of an end's {@link Handle}; its parameter is the end's number. */
    static final String HANDLE_KIND = "pipe-end";
    private static final long serialVersionUID = 1L;

    private final transient AgronaPipe<T> pipe;
    private final transient int number;
    private final transient int peer;
    private final transient ObjectCodec<T> objects;
    private transient volatile Opened opened; // set once by open(): its fields are then visible
    private transient boolean closed; // guarded by this

    /**
     * What an open end holds.
     */
    private static final class Opened
    {
        final SharedFile file;
        final Participant participant;
        final Role role;
        final RingSender sender;
        final RingReceiver receiver;
        final Counters counters;

        Opened(final SharedFile file, final Participant participant, final Role role, final RingSender sender,
            final RingReceiver receiver, final Counters counters)
        {
            this.counters = counters;
            this.file = file;
            this.participant = participant;
            this.role = role;
            this.sender = sender;
            this.receiver = receiver;
        }
    }

    AgronaPipeEnd(final AgronaPipe<T> pipe, final int number)
    {
        this.pipe = pipe;
        this.number = number;
        this.peer = 3 - number;
        this.objects = new ObjectCodec<>(pipe.codec());
    }

    @Override
    public int number()
    {
        return number;
    }

    @Override
    public Pipe<T> pipe()
    {
        return pipe;
    }

    @Override
    public boolean canSend()
    {
        return pipe.isDuplex() || number == 2;
    }

    @Override
    public boolean canReceive()
    {
        return pipe.isDuplex() || number == 1;
    }

    @Override
    public synchronized void open()
    {
        if (closed)
        {
            throw new IllegalStateException(describe() + " is closed");
        }
        if (opened != null)
        {
            return;
        }
        final int capacity = pipe.capacity();
        final SharedFile file = pipe.context().openFile(pipe.name(),
            PipeDescriptor.spec(pipe.isDuplex(), capacity, pipe.maxMessageLength(), pipe.codec().id()));
        Participant participant = null;
        try
        {
            participant = Participant.join(pipe.context());
            final Opened end = open(file, participant, capacity);
            opened = end;
        }
        catch (final RuntimeException ex)
        {
            if (participant != null)
            {
                participant.leave();
            }
            file.close();
            throw ex;
        }
        pipe.context().track(this);
    }

    private Opened open(final SharedFile file, final Participant participant, final int capacity)
    {
        final SpillFiles spill = new SpillFiles(file.path(), pipe.maxMessageLength());
        final Role role = new Role(participant.word(file, endSlotOffset(number) + END_HOLDER_OFFSET, describe()),
            participant.id(), describe() + " is open in ", "; an end is used by one process at a time: close it there first");
        final PeerWatch peerWatch = PeerWatch.end(participant.word(file, endSlotOffset(peer) + END_HOLDER_OFFSET,
            "end " + peer + " of " + pipe), file.body(), endSlotOffset(peer) + END_EVER_OPENED_OFFSET, "end " + peer);
        final RingChannel in = canReceive() ? channel(file, number) : null;
        final RingChannel out = canSend() ? channel(file, peer) : null;
        file.enter();
        try
        {
            if (role.claim())
            {
                // The end's last holder died: finish what it left half done.
                if (out != null)
                {
                    RingRepair.padUncommitted(out);
                }
                if (in != null)
                {
                    RingRepair.skipTaken(in, role.word());
                }
            }
            file.body().putLongRelease(endSlotOffset(number) + END_EVER_OPENED_OFFSET, 1);
        }
        finally
        {
            file.exit();
        }
        final Counters counters = ProcessCounters.open(pipe.context().directory(), pipe.context().filePermissions(),
            CounterSet.pipeEnd(number), pipe.name());
        // Pipes carry requests and replies: every message is published, so live counts are exact
        // (a store beside a wake-up costs nothing measurable), and close has nothing left to publish.
        final RingSender sender = out == null ? null : new RingSender(file, out, spill, participant.id(),
            pipe.maxMessageLength(), peerWatch, null, pipe.options().idle(), describe(), counters, 1);
        final RingReceiver receiver = in == null ? null : new RingReceiver(file,
            new RingReader(in, spill, counters, 1), null, peerWatch, null, pipe.options().idle(), describe(), counters);
        return new Opened(file, participant, role, sender, receiver, counters);
    }

    /**
     * @param receivingEnd the end that receives on the channel.
     */
    private RingChannel channel(final SharedFile file, final int receivingEnd)
    {
        return RingChannel.inBody(file.path(), file.body(), channelOffset(pipe.capacity(), receivingEnd),
            SharedFileDescriptor.HEADER_LENGTH, pipe.capacity(), pipe.maxMessageLength(), false);
    }

    /**
     * @param receivingEnd 1 or 2: the channel to that end.
     * @return the wake words of that channel, for tests and tools that read their counters.
     */
    ChannelWakes wakesTo(final int receivingEnd)
    {
        return channel(opened().file, receivingEnd).wakes();
    }

    private Opened opened()
    {
        final Opened end = opened;
        if (end != null)
        {
            return end;
        }
        open();
        return opened;
    }

    private RingSender out()
    {
        if (!canSend())
        {
            throw new IllegalStateException(describe() + " only receives (one-way pipe)");
        }
        return opened().sender;
    }

    private RingReceiver in()
    {
        if (!canReceive())
        {
            throw new IllegalStateException(describe() + " only sends (one-way pipe)");
        }
        return opened().receiver;
    }

    @Override
    public void send(final T value) throws InterruptedException
    {
        objects.send(out(), value, Waiter.FOREVER);
    }

    @Override
    public boolean send(final T value, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return objects.send(out(), value, Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public void send(final DirectBuffer buffer, final int offset, final int length) throws InterruptedException
    {
        out().send(buffer, offset, length, Waiter.FOREVER);
    }

    @Override
    public T recv() throws InterruptedException
    {
        return objects.receive(in(), Waiter.FOREVER);
    }

    @Override
    public T recv(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return objects.receive(in(), Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public void recv(final MessageHandler handler) throws InterruptedException
    {
        in().receive(handler, Waiter.FOREVER);
    }

    @Override
    public boolean poll()
    {
        return in().ready(false);
    }

    @Override
    public boolean poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return in().awaitReady(Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public synchronized boolean isOpen()
    {
        return opened != null && !closed;
    }

    @Override
    public void close()
    {
        final Opened end;
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            end = opened;
        }
        if (end == null)
        {
            return;
        }
        try
        {
            end.file.enter();
            try
            {
                end.role.release();
            }
            finally
            {
                end.file.exit();
            }
        }
        catch (final IllegalStateException closedMeanwhile)
        {
            // the context closed the file first: the slot names this process until it ends
        }
        finally
        {
            end.counters.release();
            end.participant.leave();
            end.file.close();
        }
    }

    private String describe()
    {
        return "end " + number + " of " + pipe;
    }

    /**
     * Serialized as a small handle: the pipe's, with the end's kind and number.
     */
    Object writeReplace() throws ObjectStreamException
    {
        final Handle handle = pipe.handle();
        return new Handle(handle.transport(), handle.directory(), handle.name(), HANDLE_KIND, number, handle.codec(),
            null);
    }


    // ---- waits on several objects (Connection.wait)

    @Override
    public WakeWord enterWait(final boolean maySleep)
    {
        return in().enterWait(maySleep);
    }

    @Override
    public int readiness(final boolean check)
    {
        return in().readiness(check);
    }

    @Override
    public void exitWait()
    {
        in().exitWait();
    }

    @Override
    public String toString()
    {
        return describe() + (isOpen() ? " (open)" : "");
    }
}
