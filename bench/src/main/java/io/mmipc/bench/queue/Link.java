package io.mmipc.bench.queue;

import io.mmipc.bench.support.Payload;
import io.mmipc.bench.support.PeerJvm;
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
    /** How often a busy-spinning send or receive asks whether the peer still lives: every 2^20 spins. */
    private static final long PEER_CHECK_MASK = (1 << 20) - 1;

    protected final int size;
    protected final Tally received;
    private PeerJvm peer;

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
     * Makes {@link #send()} and {@link #receive()} fail, rather than spin forever, once the peer
     * at the other end has died (a peer exits when it receives a corrupted message).
     */
    public final void watch(final PeerJvm peer)
    {
        this.peer = peer;
    }

    /**
     * Sends one message, busy-spinning while the transport is full.
     */
    public final void send()
    {
        long spins = 0;
        while (!offer())
        {
            spun(++spins);
        }
    }

    /**
     * Receives one message, busy-spinning until it arrives.
     */
    public final void receive()
    {
        long spins = 0;
        while (poll(1) == 0)
        {
            spun(++spins);
        }
    }

    private void spun(final long spins)
    {
        if ((spins & PEER_CHECK_MASK) == 0 && peer != null)
        {
            peer.checkAlive();
        }
        Thread.onSpinWait();
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
