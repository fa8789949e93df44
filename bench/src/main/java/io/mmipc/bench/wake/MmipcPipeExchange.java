package io.mmipc.bench.wake;

import io.mmipc.PipeEnd;
import io.mmipc.bench.support.Payload;

/**
 * One end of a duplex mmipc {@code Pipe<byte[]>} with default options, used with its blocking
 * {@code send} and {@code recv}.
 */
final class MmipcPipeExchange extends Exchange
{
    private final PipeEnd<byte[]> end;
    private final byte[] message;

    MmipcPipeExchange(final PipeEnd<byte[]> end, final int size)
    {
        super(size);
        this.end = end;
        this.message = Payload.create(size);
        end.open();
    }

    @Override
    void send() throws InterruptedException
    {
        end.send(message);
    }

    @Override
    void receive() throws InterruptedException
    {
        received.add(end.recv());
    }

    @Override
    public void close()
    {
        end.close();
    }
}
