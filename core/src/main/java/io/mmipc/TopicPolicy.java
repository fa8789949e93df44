package io.mmipc;

/**
 * What a {@link Topic} does with a subscriber that falls a whole ring behind, chosen when the
 * topic is created and stored in its file.
 */
public enum TopicPolicy
{
    /**
     * Publishers wait for the slowest live subscriber (as Aeron IPC does): nobody misses a
     * message, and a stalled subscriber stalls the publishers. A subscriber whose process died
     * stops governing once the dead-process check has found it dead.
     */
    BLOCK,

    /**
     * Publishers never wait (as Agrona's broadcast buffer does): a subscriber that falls a ring
     * behind is lapped, skips to the oldest message still in the ring, and counts what it missed
     * ({@link Topic.Subscription#missed()}).
     */
    LAP
}
