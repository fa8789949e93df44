package io.mmipc.aeron;

import io.mmipc.MessageHandler;
import io.mmipc.Pipe;
import io.mmipc.PipeEnd;
import io.mmipc.internal.spi.ArrivalSignal;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.concurrent.TimeUnit;

/**
 * One end of an {@link AeronPipe}. End 1 is the home's acceptor; end 2 opens a session with it
 * on first use (waiting up to twice the peer timeout for the home's answer).
 */
final class AeronPipeEnd<T> implements PipeEnd<T>, ArrivalSignal, Serializable
{
    private static final long serialVersionUID = 1L;
    private static final long FOREVER = Long.MAX_VALUE / 4;

    private final transient AeronPipe<T> pipe;
    private final int number;
    private final transient ExpandableArrayBuffer encoded = new ExpandableArrayBuffer(256);
    private transient NetChannel channel;
    private transient boolean closed;
    private transient T received;

    AeronPipeEnd(final AeronPipe<T> pipe, final int number)
    {
        this.pipe = pipe;
        this.number = number;
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
            throw new IllegalStateException("end " + number + " of " + pipe + " is closed");
        }
        if (channel == null)
        {
            final NetChannel opened = new NetChannel(pipe.endpointFor(number), true);
            try
            {
                opened.open(pipe.options().idle().get());
            }
            catch (final InterruptedException ex)
            {
                opened.close();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while opening end " + number + " of " + pipe, ex);
            }
            catch (final RuntimeException ex)
            {
                opened.close();
                throw ex;
            }
            channel = opened;
        }
    }

    NetChannel channel()
    {
        open();
        return channel;
    }

    @Override
    public void onArrival(final Runnable signal)
    {
        channel().endpoint().arrival(signal);
    }

    private IdleStrategy idle()
    {
        return pipe.options().idle().get();
    }

    @Override
    public void send(final T value) throws InterruptedException
    {
        send(value, FOREVER, TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean send(final T value, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        checkSend();
        final int length = pipe.codec().encode(value, encoded, 0);
        return channel().send(encoded, 0, length, deadline(timeout, unit), idle());
    }

    @Override
    public void send(final DirectBuffer buffer, final int offset, final int length) throws InterruptedException
    {
        checkSend();
        channel().send(buffer, offset, length, deadline(FOREVER, TimeUnit.NANOSECONDS), idle());
    }

    @Override
    public T recv() throws InterruptedException
    {
        final T value = recv(FOREVER, TimeUnit.NANOSECONDS);
        if (value == null)
        {
            throw new IllegalStateException("end " + number + " of " + pipe + " waited forever");
        }
        return value;
    }

    @Override
    public T recv(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        checkReceive();
        received = null;
        if (!channel().await(this::decode, deadline(timeout, unit), idle()))
        {
            return null;
        }
        final T value = received;
        received = null;
        return value;
    }

    private void decode(final DirectBuffer buffer, final int offset, final int length)
    {
        received = pipe.codec().decode(buffer, offset, length);
    }

    @Override
    public void recv(final MessageHandler handler) throws InterruptedException
    {
        checkReceive();
        channel().await(handler, deadline(FOREVER, TimeUnit.NANOSECONDS), idle());
    }

    @Override
    public boolean poll()
    {
        checkReceive();
        return channel().peek();
    }

    @Override
    public boolean poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        checkReceive();
        final long deadline = deadline(timeout, unit);
        final IdleStrategy idle = idle();
        while (!channel().peek())
        {
            if (System.nanoTime() - deadline >= 0)
            {
                return false;
            }
            if (Thread.interrupted())
            {
                throw new InterruptedException();
            }
            idle.idle();
        }
        return true;
    }

    @Override
    public synchronized boolean isOpen()
    {
        return channel != null && !closed;
    }

    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (channel != null)
        {
            channel.close();
        }
        else if (number == 1)
        {
            pipe.closeHome();
        }
        if (number == 1)
        {
            pipe.node().forget(AeronMessaging.PIPE_KIND, pipe.name(), pipe);
        }
    }

    private void checkSend()
    {
        if (!canSend())
        {
            throw new IllegalStateException("end " + number + " of one-way " + pipe + " only receives");
        }
    }

    private void checkReceive()
    {
        if (!canReceive())
        {
            throw new IllegalStateException("end " + number + " of one-way " + pipe + " only sends");
        }
    }

    private static long deadline(final long timeout, final TimeUnit unit)
    {
        final long nanos = Math.min(unit.toNanos(timeout), FOREVER);
        return System.nanoTime() + Math.max(0, nanos);
    }

    Object writeReplace() throws ObjectStreamException
    {
        return pipe.handle(AeronMessaging.PIPE_END_KIND, number);
    }

    @Override
    public String toString()
    {
        return "end " + number + " of " + pipe;
    }
}
