package io.mmipc.bench.wake;

import io.mmipc.bench.queue.Link;
import io.mmipc.bench.support.Tally;

/**
 * Java-serialized {@code byte[]} over two OS pipes (named FIFOs), one each way, with blocking
 * reads and writes: what CPython's {@code multiprocessing.Pipe} does (pickle, write, blocking
 * read). It reuses the queue suites' pipe links ({@code Transport.OS_PIPE}), whose send and receive
 * block in the kernel: a write never finds the pipe full here, and a read of the first message
 * sleeps in {@code read(2)} until the peer writes.
 */
final class SerializedPipeExchange extends Exchange
{
    private final Link out;
    private final Link in;

    SerializedPipeExchange(final Link out, final Link in, final int size)
    {
        super(size);
        this.out = out;
        this.in = in;
    }

    @Override
    void send()
    {
        out.send();
    }

    @Override
    void receive()
    {
        in.receive();
    }

    @Override
    Tally received()
    {
        return in.received();
    }

    @Override
    public void close()
    {
        out.close();
        in.close();
    }
}
