package io.mmipc.agrona.queue;

import io.mmipc.internal.owner.OwnerWord;
import org.agrona.concurrent.AtomicBuffer;

import static io.mmipc.internal.owner.OwnerWordDescriptor.FREE;

/**
 * Whether the other side of a channel is gone, read from the owner word that names it: the
 * producer of a one-to-one queue (gone when the word names a dead process; a free word is a
 * producer that closed, which is no end), or the other end of a pipe (gone once it has been
 * opened and its word is free or names a dead process). Liveness is the ownership core's
 * ({@link OwnerWord#isAlive}, which reads {@code /proc}: a zombie is dead).
 * <p>
 * A word found dead stays dead (its participant token never names another process), so it is
 * not asked again; a caller that polls without waiting asks about a live one at most every
 * {@link #POLL_CHECK_NANOS}. Shared by the threads of one object in a benign race. Use between
 * the file's enter and exit.
 */
final class PeerWatch
{
    /** How often a receiver that polls without waiting asks whether the peer lives. */
    static final long POLL_CHECK_NANOS = 100_000_000L;
    private static final int NEVER = -1;

    private final OwnerWord word;
    private final AtomicBuffer body;
    private final int everOpenedIndex;
    private final String peer;
    private final String goneText;
    private volatile long knownDead = FREE;
    private volatile long nextPollCheck;

    /**
     * A one-to-one queue's producer: a free word means no producer, not a gone one.
     */
    static PeerWatch producer(final OwnerWord word, final String peer)
    {
        return new PeerWatch(word, null, NEVER, peer,
            " died, and everything it committed has been received; a new producer may attach and go on");
    }

    /**
     * A pipe's other end: gone once {@code everOpenedIndex} of {@code body} is set and the word is
     * free or dead.
     */
    static PeerWatch end(final OwnerWord word, final AtomicBuffer body, final int everOpenedIndex, final String peer)
    {
        return new PeerWatch(word, body, everOpenedIndex, peer,
            " was closed or its process died, and everything it sent has been received");
    }

    private PeerWatch(
        final OwnerWord word, final AtomicBuffer body, final int everOpenedIndex, final String peer, final String goneText)
    {
        this.goneText = goneText;
        this.word = word;
        this.body = body;
        this.everOpenedIndex = everOpenedIndex;
        this.peer = peer;
    }

    /**
     * @param waiting true when called from a wait's periodic check (ask now); false from a poll
     *                (ask about a live-looking holder at most every {@link #POLL_CHECK_NANOS}).
     * @return true when the peer is gone.
     */
    boolean gone(final boolean waiting)
    {
        if (everOpenedIndex != NEVER && body.getLongVolatile(everOpenedIndex) == 0)
        {
            return false;
        }
        final long holder = word.getVolatile();
        if (holder == FREE)
        {
            return everOpenedIndex != NEVER;
        }
        if (holder == knownDead)
        {
            return true;
        }
        if (!waiting)
        {
            final long now = System.nanoTime();
            if (now - nextPollCheck < 0)
            {
                return false;
            }
            nextPollCheck = now + POLL_CHECK_NANOS;
        }
        word.checkWellFormed(holder);
        if (word.isAlive(holder))
        {
            return false;
        }
        knownDead = holder;
        return true;
    }

    /**
     * @return the peer and who holds it now, for messages: "end 2 (held by pid 4711 (local holder 3))".
     */
    String describe()
    {
        final long holder = word.getVolatile();
        return holder == FREE ? peer : peer + " (held by " + word.describe(holder) + ")";
    }

    /**
     * @return why a receiver is at end-of-stream, for its exception.
     */
    String endOfStream()
    {
        return describe() + goneText;
    }
}
