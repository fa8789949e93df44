package io.mmipc.bench.queue;

import io.mmipc.bench.support.Payload;
import io.mmipc.bench.support.Tally;

/**
 * One direction of messages between a benchmark JVM and its peer, over some transport. A link
 * sends its own pre-built {@link Payload} of a fixed size, and hands every message it receives to
 * its {@link Tally}, which checksums every byte (as a consumer that uses the data would read it),
 * so every transport does the same work around the transfer. A new transport (Aeron, TCP ...) is a
 * new {@link Transport} constant and a subclass.
 */
public abstract class Link implements AutoCloseable
{
    protected final int size;
    protected final Tally received;

    protected Link(final int size)
    {
        this.size = size;
        this.received = new Tally(size);
    }

    /**
     * Sends one message of {@link #size()} bytes without waiting.
     *
     * @return false when the transport is full.
     */
    public abstract boolean offer();

    /**
     * Receives up to {@code limit} messages without waiting.
     *
     * @return how many arrived.
     */
    public abstract int poll(int limit);

    /**
     * Sends one message, busy-spinning while the transport is full.
     */
    public final void send()
    {
        while (!offer())
        {
            Thread.onSpinWait();
        }
    }

    /**
     * Receives one message, busy-spinning until it arrives.
     */
    public final void receive()
    {
        while (poll(1) == 0)
        {
            Thread.onSpinWait();
        }
    }

    public final int size()
    {
        return size;
    }

    /**
     * @return the sum of the checksums of every message received (keeps the reads alive).
     */
    public final long checksum()
    {
        return received.sum();
    }

    /**
     * @return what this link received: checksums, and how many messages were not the payload sent.
     */
    public final Tally received()
    {
        return received;
    }

    @Override
    public abstract void close();
}
