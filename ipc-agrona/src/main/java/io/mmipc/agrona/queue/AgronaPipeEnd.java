package io.mmipc.agrona.queue;

import io.mmipc.codec.CodecRef;
import io.mmipc.EndOfStreamException;
import io.mmipc.MessageHandler;
import io.mmipc.Pipe;
import io.mmipc.PipeEnd;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFileDescriptor;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.concurrent.TimeUnit;

import static io.mmipc.agrona.queue.PipeDescriptor.*;

/**
 * One end of a pipe. It opens on first use (or {@link #open()}): maps the file in the calling
 * thread, takes its end slot (refused while another live object holds it; taken over, with the
 * rings repaired, from a dead one) and marks the end as ever opened. It receives on the channel
 * addressed to it and sends on the other one, both one-to-one rings.
 */
final class AgronaPipeEnd<T> extends RingEndpoint<T> implements PipeEnd<T>, Serializable
{
    private static final long serialVersionUID = 1L;

    private final transient AgronaPipe<T> pipe;
    private final transient int number;
    private final transient int peer;
    private transient volatile SharedFile file; // set last by open(): reading it first makes the rest visible
    private transient AtomicBuffer body;
    private transient RingReader in;
    private transient RingReader outReader;
    private transient OneToOneRingBuffer out;
    private transient SpillFiles spill;
    private transient long token;
    private transient boolean closed;
    private transient int emptyReads;
    private transient long nextLivenessCheck;
    private final transient ProcessToken.Watch peerWatch = new ProcessToken.Watch();

    AgronaPipeEnd(final AgronaPipe<T> pipe, final int number)
    {
        super(pipe.codec(), pipe.maxMessageLength(),
            ChannelDescriptor.maxInlineLength(pipe.capacity(), pipe.maxMessageLength()), pipe.options().idle());
        this.pipe = pipe;
        this.number = number;
        this.peer = 3 - number;
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
        if (file != null)
        {
            return;
        }
        final int capacity = pipe.capacity();
        final SharedFile mapped = pipe.context().openFile(pipe.name(),
            PipeDescriptor.spec(pipe.isDuplex(), capacity, pipe.maxMessageLength(), pipe.codec().id()));
        final long acquired = ProcessToken.acquire();
        try
        {
            final AtomicBuffer mappedBody = mapped.body();
            spill = new SpillFiles(mapped.path(), pipe.maxMessageLength());
            if (canReceive())
            {
                in = reader(mapped, capacity, number);
            }
            if (canSend())
            {
                outReader = reader(mapped, capacity, peer);
                out = new OneToOneRingBuffer(outReader.ring());
            }
            mapped.enter();
            try
            {
                final long previous = claimEnd(mappedBody, acquired);
                if (previous != 0)
                {
                    // The end's last holder died: finish what it left half done.
                    if (outReader != null)
                    {
                        outReader.padUncommitted();
                    }
                    if (in != null)
                    {
                        in.skipTaken();
                    }
                }
                mappedBody.putLongRelease(endSlotOffset(number) + END_EVER_OPENED_OFFSET, 1);
            }
            finally
            {
                mapped.exit();
            }
        }
        catch (final RuntimeException ex)
        {
            ProcessToken.release(acquired);
            mapped.close();
            throw ex;
        }
        token = acquired;
        body = mapped.body();
        file = mapped;
        pipe.context().track(this);
    }

    /**
     * @param end the end that receives on the channel.
     */
    private RingReader reader(final SharedFile mapped, final int capacity, final int end)
    {
        final int offset = channelOffset(capacity, end);
        return new RingReader(mapped.path(), new UnsafeBuffer(mapped.body(), offset, ChannelDescriptor.length(capacity)),
            SharedFileDescriptor.HEADER_LENGTH + offset, capacity, maxInlineLength, false, spill);
    }

    /**
     * @return 0 when the end was free, else the dead holder it took over from.
     */
    private long claimEnd(final AtomicBuffer mappedBody, final long mine)
    {
        final int index = endSlotOffset(number) + END_TOKEN_OFFSET;
        while (true)
        {
            final long current = mappedBody.getLongVolatile(index);
            if (current == 0)
            {
                if (mappedBody.compareAndSetLong(index, 0, mine))
                {
                    return 0;
                }
                continue;
            }
            if (ProcessToken.isAlive(current))
            {
                throw new IllegalStateException(describe() + " is open in " + ProcessToken.describe(current) +
                    "; an end is used by one process at a time: close it there first");
            }
            if (mappedBody.compareAndSetLong(index, current, mine))
            {
                return current;
            }
        }
    }

    private SharedFile opened()
    {
        final SharedFile mapped = file;
        if (mapped != null)
        {
            return mapped;
        }
        open();
        return file;
    }

    @Override
    boolean tryWrite(final DirectBuffer buffer, final int offset, final int length, final int kind)
    {
        final SharedFile file = opened();
        if (out == null)
        {
            throw new IllegalStateException(describe() + " only receives (one-way pipe)");
        }
        file.enter();
        try
        {
            return out.write(ChannelDescriptor.typeId(kind, length + RecordDescriptor.HEADER_LENGTH), buffer, offset,
                length);
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

    @Override
    int tryRead(final MessageHandler handler, final int limit)
    {
        final SharedFile file = opened();
        if (in == null)
        {
            throw new IllegalStateException(describe() + " only sends (one-way pipe)");
        }
        file.enter();
        try
        {
            final int read = in.read(handler, limit);
            if (read == 0 && (++emptyReads & 0xFF) == 0)
            {
                checkPeer(false);
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

    @Override
    void checkEndOfStream()
    {
        final SharedFile file = this.file;
        file.enter();
        try
        {
            checkPeer(true);
        }
        finally
        {
            file.exit();
        }
    }

    /**
     * @throws EndOfStreamException when the other end was opened, is now closed or dead, and
     *                              nothing committed is left.
     */
    private void checkPeer(final boolean waiting)
    {
        if (peerGone(waiting) && (in.isEmpty() || in.isBlocked()))
        {
            throw new EndOfStreamException(describe() + ": end " + peer + " was closed or its process died, " +
                "and everything it sent has been received");
        }
    }

    @Override
    void checkReceiverGone()
    {
        final SharedFile file = this.file;
        file.enter();
        try
        {
            if (peerGone(true))
            {
                throw new EndOfStreamException(describe() + ": the pipe is full and end " + peer +
                    " was closed or its process died: nobody will read");
            }
        }
        finally
        {
            file.exit();
        }
    }

    private boolean peerGone(final boolean waiting)
    {
        final int slot = endSlotOffset(peer);
        final long holder = body.getLongVolatile(slot + END_TOKEN_OFFSET);
        if (body.getLongVolatile(slot + END_EVER_OPENED_OFFSET) == 0)
        {
            return false;
        }
        if (holder == 0 || peerWatch.knownDead(holder))
        {
            return true;
        }
        final long now = System.nanoTime();
        if (!waiting && now - nextLivenessCheck < 0)
        {
            return false;
        }
        nextLivenessCheck = now + (waiting ? LIVENESS_CHECK_NANOS : POLL_LIVENESS_CHECK_NANOS);
        return !peerWatch.isAlive(holder);
    }

    @Override
    public void send(final T value) throws InterruptedException
    {
        sendObject(value, FOREVER);
    }

    @Override
    public boolean send(final T value, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return sendObject(value, Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public void send(final DirectBuffer buffer, final int offset, final int length) throws InterruptedException
    {
        send(buffer, offset, length, FOREVER);
    }

    @Override
    public T recv() throws InterruptedException
    {
        return receiveObject(FOREVER);
    }

    @Override
    public T recv(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return receiveObject(Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public void recv(final MessageHandler handler) throws InterruptedException
    {
        receive(handler, FOREVER);
    }

    @Override
    public boolean poll()
    {
        final SharedFile file = opened();
        if (in == null)
        {
            throw new IllegalStateException(describe() + " only sends (one-way pipe)");
        }
        file.enter();
        try
        {
            return !in.isEmpty() && !in.isBlocked() || peerGone(false);
        }
        finally
        {
            file.exit();
        }
    }

    @Override
    public boolean poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        final long start = System.nanoTime();
        final long timeoutNanos = Math.max(0, unit.toNanos(timeout));
        final org.agrona.concurrent.IdleStrategy idler = pipe.options().idle().get();
        while (!poll())
        {
            if (System.nanoTime() - start >= timeoutNanos)
            {
                return false;
            }
            if (Thread.interrupted())
            {
                throw new InterruptedException(describe() + ": interrupted in poll");
            }
            idler.idle();
        }
        return true;
    }

    @Override
    public synchronized boolean isOpen()
    {
        return file != null && !closed;
    }

    @Override
    public void close()
    {
        final SharedFile mapped;
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            mapped = file;
        }
        if (mapped == null)
        {
            return;
        }
        try
        {
            mapped.enter();
            try
            {
                body.compareAndSetLong(endSlotOffset(number) + END_TOKEN_OFFSET, token, 0);
            }
            finally
            {
                mapped.exit();
            }
        }
        catch (final IllegalStateException closedMeanwhile)
        {
            // the context closed the file first
        }
        finally
        {
            ProcessToken.release(token);
            mapped.close();
        }
    }

    @Override
    SpillFiles spill()
    {
        opened();
        return spill;
    }

    @Override
    long token()
    {
        opened();
        return token;
    }

    @Override
    String describe()
    {
        return "end " + number + " of " + pipe;
    }

    Object writeReplace() throws ObjectStreamException
    {
        return new PipeHandle(pipe.context().directory(), pipe.name(), CodecRef.of(pipe.codec(), describe()), number);
    }

    @Override
    public String toString()
    {
        return describe() + (isOpen() ? " (open)" : "");
    }
}
