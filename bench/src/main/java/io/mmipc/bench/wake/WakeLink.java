package io.mmipc.bench.wake;

/**
 * One JVM's side of a request/response channel of the wake benchmarks. The benchmark thread
 * calls {@link #request}; the peer calls {@link #serve} with the same round numbers, 1, 2, 3...
 */
abstract class WakeLink implements AutoCloseable
{
    /**
     * Sends request {@code round} and waits for its reply.
     *
     * @return something derived from the reply (for a checksum).
     * @throws IllegalStateException when the reply is not the one expected, or does not come.
     */
    abstract long request(long round);

    /**
     * Waits for request {@code round} and replies to it.
     */
    abstract void serve(long round);

    @Override
    public abstract void close();
}
