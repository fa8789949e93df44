package io.mmipc.bench.queue;

/**
 * One direction of messages between a benchmark JVM and its peer, over some transport. A link
 * sends its own pre-built message of a fixed size and receives into a checksum (each received
 * message is read, as a real consumer would), so every transport does the same work around the
 * transfer. A new transport (Aeron, TCP ...) is a new {@link Transport} constant and a subclass.
 */
public abstract class Link implements AutoCloseable
{
    protected final int size;
    protected long checksum;

    protected Link(final int size)
    {
        this.size = size;
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
     * @return a value derived from every message received (keeps the reads alive).
     */
    public final long checksum()
    {
        return checksum;
    }

    @Override
    public abstract void close();
}
