package io.mmipc.bench.wake;

import io.mmipc.internal.wait.WakeWordDescriptor;

/**
 * Body of the mapped file that the two JVMs of a wake benchmark share. Every word has its own
 * 128-byte slot.
 * <pre>
 *   body offset   0: wake word "request"   (the peer sleeps on it)
 *               128: wake word "reply"     (the benchmark thread sleeps on it)
 *               256: request number (64)   written by the benchmark thread
 *               384: reply (64)            written by the peer: reply(request number)
 *               512: ping-pong long (64)   the busy-spin floor: odd from the benchmark, even from the peer
 * </pre>
 */
final class WakeFileDescriptor
{
    static final String NAME = "wake-bench";
    static final int REQUEST_WORD_OFFSET = 0;
    static final int REPLY_WORD_OFFSET = WakeWordDescriptor.SLOT_LENGTH;
    static final int REQUEST_OFFSET = 2 * WakeWordDescriptor.SLOT_LENGTH;
    static final int REPLY_OFFSET = 3 * WakeWordDescriptor.SLOT_LENGTH;
    static final int PING_PONG_OFFSET = 4 * WakeWordDescriptor.SLOT_LENGTH;
    static final int BODY_LENGTH = 5 * WakeWordDescriptor.SLOT_LENGTH;

    private WakeFileDescriptor()
    {
    }

    /**
     * @return the reply to request {@code round}: derived from it, so a stale read shows.
     */
    static long reply(final long round)
    {
        return round * 31 + 13;
    }
}
