package io.mmipc;

import org.agrona.DirectBuffer;

/**
 * Receives one message of a {@link DurableLog}, zero-copy: {@code buffer} is a view of the log's
 * mapped file, valid only during the call. Copy out what must outlive it.
 */
@FunctionalInterface
public interface LogHandler
{
    /**
     * @param buffer the message bytes, at {@code offset} for {@code length} bytes.
     * @param index  the message's index in the log (what {@link LogAppender#append} returned).
     */
    void onMessage(DirectBuffer buffer, int offset, int length, long index);
}
