package io.mmipc.bench.support;

import org.agrona.DirectBuffer;

/**
 * What one consumer received: the sum of its messages' {@link Payload} checksums (returned to JMH
 * or kept in a field, so the JIT cannot drop the reads) and how many messages did not match the
 * payload the producer sent. Comparing each checksum with the expected one both keeps it alive in
 * peer JVMs, which have no Blackhole, and catches a transport that delivers wrong bytes.
 */
public final class Tally
{
    private final int size;
    private final long expected;
    private long sum;
    private long messages;
    private long corrupted;

    /**
     * @param size the size of the {@link Payload} every message should carry.
     */
    public Tally(final int size)
    {
        this.size = size;
        this.expected = Payload.checksum(Payload.create(size));
    }

    public void add(final DirectBuffer buffer, final int offset, final int length)
    {
        add(Payload.checksum(buffer, offset, length), length);
    }

    public void add(final byte[] message)
    {
        add(Payload.checksum(message), message.length);
    }

    private void add(final long checksum, final int length)
    {
        sum += checksum;
        messages++;
        if (checksum != expected || length != size)
        {
            corrupted++;
        }
    }

    /**
     * @return the sum of the checksums of every message received.
     */
    public long sum()
    {
        return sum;
    }

    public long messages()
    {
        return messages;
    }

    public long corrupted()
    {
        return corrupted;
    }

    /**
     * @throws IllegalStateException when a message did not carry the payload that was sent.
     */
    public void checkIntact(final String consumer)
    {
        if (corrupted != 0)
        {
            throw new IllegalStateException(problem(consumer));
        }
    }

    /**
     * For a peer JVM's loop: ends the JVM (exit code 3, a line on stderr) when a message was wrong,
     * so that the benchmark's {@code checkAlive()} reports it instead of measuring a broken transport.
     */
    public void exitIfCorrupted(final String consumer)
    {
        if (corrupted != 0)
        {
            System.err.println(problem(consumer));
            System.err.flush();
            System.exit(3);
        }
    }

    private String problem(final String consumer)
    {
        return consumer + ": " + corrupted + " of " + messages + " messages received did not match the " + size +
            "-byte payload sent";
    }
}
