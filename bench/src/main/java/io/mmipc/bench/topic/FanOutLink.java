package io.mmipc.bench.topic;

import io.mmipc.bench.support.Payload;
import io.mmipc.bench.support.PeerJvm;
import io.mmipc.bench.support.Tally;

import java.util.List;

/**
 * One side of a fan-out contender: the benchmark side publishes requests to every subscriber and
 * receives their replies; a peer's side receives the requests and publishes replies. Every message
 * is the {@link Payload} of its size and every message received is checksummed by the
 * {@link Tally}, byte for byte, as in the queue suites.
 */
abstract class FanOutLink implements AutoCloseable
{
    /** How often a busy-spinning send or receive asks whether the peers still live: every 2^20 spins. */
    private static final long PEER_CHECK_MASK = (1 << 20) - 1;

    protected final int size;
    protected final Tally received;
    protected final byte[] payload;
    private List<PeerJvm> peers = List.of();

    protected FanOutLink(final int size)
    {
        this.size = size;
        this.received = new Tally(size);
        this.payload = Payload.create(size);
    }

    /**
     * Publishes one message without waiting.
     *
     * @return false when the transport holds the publisher back.
     */
    abstract boolean offer();

    /**
     * Receives up to {@code limit} messages without waiting.
     *
     * @return how many arrived.
     */
    abstract int poll(int limit);

    /**
     * @return how many messages this side was lapped by (the contenders that let subscribers be lapped), else 0.
     */
    long lapped()
    {
        return 0;
    }

    @Override
    public abstract void close();

    final void watch(final List<PeerJvm> peers)
    {
        this.peers = peers;
    }

    /**
     * Publishes one message, busy-spinning while held back.
     */
    final void send()
    {
        long spins = 0;
        while (!offer())
        {
            spun(++spins);
        }
    }

    /**
     * Busy-spins until {@code count} more messages have arrived.
     *
     * @return the sum of the checksums of everything received so far.
     */
    final long receive(final int count)
    {
        final long target = received.messages() + count;
        long spins = 0;
        while (received.messages() < target)
        {
            if (poll(count) == 0)
            {
                spun(++spins);
            }
        }
        return received.sum();
    }

    private void spun(final long spins)
    {
        if ((spins & PEER_CHECK_MASK) == 0)
        {
            peers.forEach(PeerJvm::checkAlive);
        }
        Thread.onSpinWait();
    }

    final Tally received()
    {
        return received;
    }
}
