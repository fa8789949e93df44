package io.mmipc.bench.wake;

import io.mmipc.bench.support.Tally;

/**
 * One JVM's side of a duplex message channel whose waits block the way the transport blocks by
 * default (mmipc's waiter, a blocking read in the kernel, or busy-spinning when the options ask for
 * it): unlike {@code io.mmipc.bench.queue.Link}, which always busy-spins. Each side sends its own
 * fixed {@code io.mmipc.bench.support.Payload} and checksums every byte it receives in a {@link Tally}.
 */
abstract class Exchange implements AutoCloseable
{
    protected final Tally received;

    protected Exchange(final int size)
    {
        this.received = new Tally(size);
    }

    /**
     * Sends one message, waiting while the channel is full.
     */
    abstract void send() throws Exception;

    /**
     * Waits for one message and checksums it.
     */
    abstract void receive() throws Exception;

    /**
     * @return what this side received.
     */
    Tally received()
    {
        return received;
    }

    @Override
    public abstract void close();
}
