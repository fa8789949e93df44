package io.mmipc;

import org.agrona.DirectBuffer;

/**
 * Receives one message without copying it: the bytes stay where the sender wrote them (in the
 * shared ring, or in a spill file for a large message) and are valid only during the call.
 * Copy what must outlive it.
 */
@FunctionalInterface
public interface MessageHandler
{
    /**
     * @param buffer the buffer that holds the message; do not keep it, nor write to it.
     * @param offset where the message starts in {@code buffer}.
     * @param length how many bytes it has.
     */
    void onMessage(DirectBuffer buffer, int offset, int length);
}
