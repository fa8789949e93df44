package io.mmipc.bench.log;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One transport in the durable-log comparison, seen from one process: it appends to one channel
 * and/or reads another. Implementations are looked up by name in {@link LogContenders}; adding a
 * contender is one class and one name there (and in the benchmarks' {@code @Param} lists).
 */
interface LogContender extends AutoCloseable
{
    /**
     * Appends the {@link LogContenders#MESSAGE_LENGTH} bytes of {@code message}.
     */
    void append(UnsafeBuffer message);

    /**
     * @return the first 8 bytes of the next message as a long, or -1 when there is none yet.
     */
    long poll();

    @Override
    void close();
}
