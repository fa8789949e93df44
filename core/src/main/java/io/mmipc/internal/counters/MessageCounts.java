package io.mmipc.internal.counters;

/**
 * Messages and their bytes, counted for one side of a channel in plain fields of the counting
 * object and added to its {@link Counters} record only every {@code publishEvery} messages and
 * whenever the owner calls {@link #publish()}: when its side goes idle (a receive that found
 * nothing, a send that found the ring full or begins to wait) and when it closes. On a stream a
 * message then costs an increment and an add in registers or L1, no store to the counters file
 * and no ordering barrier; a reader ({@code mmipc stat}) sees the counts move in steps of at most
 * {@code publishEvery} messages, and exact ones once the side idles or closes. A process killed
 * meanwhile loses what it had not published (fewer than {@code publishEvery} messages): counts
 * never go back.
 * <p>
 * One thread at a time, like {@link Counters#addRelease}: the caller drives the side alone (a
 * one-to-one sender, a receiver under its consumer side or turn). With {@code
 * -Dmmipc.counters=false} nothing is counted ({@link Counters#ENABLED} folds the adds away).
 */
public final class MessageCounts
{
    /** How many messages a queue's side counts before it publishes, between idle moments. */
    public static final int QUEUE_PUBLISH_EVERY = 64;

    private final Counters counters;
    private final int messagesCounter;
    private final int bytesCounter;
    private final int publishEvery;
    private long messages;
    private long bytes;

    /**
     * @param messagesCounter the {@link CounterSet} index of the message count.
     * @param bytesCounter    the index of the byte count.
     * @param publishEvery    1 publishes every message (counts always exact); more batches.
     */
    public MessageCounts(final Counters counters, final int messagesCounter, final int bytesCounter,
        final int publishEvery)
    {
        this.counters = counters;
        this.messagesCounter = messagesCounter;
        this.bytesCounter = bytesCounter;
        this.publishEvery = checkPublishEvery(publishEvery);
    }

    /**
     * @return {@code publishEvery}, for a side that counts in fields of its own (a one-to-one sender).
     * @throws IllegalArgumentException when it is below 1.
     */
    public static int checkPublishEvery(final int publishEvery)
    {
        if (publishEvery < 1)
        {
            throw new IllegalArgumentException("publishEvery must be at least 1: " + publishEvery);
        }
        return publishEvery;
    }

    /**
     * Counts {@code count} messages of {@code byteCount} payload bytes in all.
     */
    public void add(final int count, final long byteCount)
    {
        if (Counters.ENABLED)
        {
            bytes += byteCount;
            if ((messages += count) >= publishEvery)
            {
                publish();
            }
        }
    }

    /**
     * Counts payload bytes that belong to messages already counted (a spilled message's body).
     */
    public void addBytes(final long byteCount)
    {
        if (Counters.ENABLED)
        {
            bytes += byteCount;
        }
    }

    /**
     * Adds what was counted since the last publication to the record (a plain load and a release
     * store per counter); nothing when nothing was.
     */
    public void publish()
    {
        if (Counters.ENABLED && (messages | bytes) != 0)
        {
            counters.addRelease(messagesCounter, messages);
            counters.addRelease(bytesCounter, bytes);
            messages = 0;
            bytes = 0;
        }
    }

    /**
     * @return messages counted but not yet published (tests).
     */
    public long pendingMessages()
    {
        return messages;
    }
}
