package io.mmipc.agrona.queue;

import org.agrona.concurrent.AtomicBuffer;

/**
 * Who produces and consumes a queue, as its file records them: the two roles of a one-to-one
 * queue ({@link OneToOneRoles}) or the process slots of a many-to-many one ({@link ProcessSlots}).
 * A queue object attaches on its first send or receive and leaves when it closes.
 */
interface QueueMembers
{
    /**
     * Attaches this object as a producer.
     *
     * @return the body index of the count of messages it commits.
     * @throws IllegalStateException when it may not produce (another live producer of a one-to-one queue).
     */
    int attachProducer();

    /**
     * Attaches this object as a consumer.
     *
     * @return true when it took the consumer role over from a dead holder (one-to-one).
     * @throws IllegalStateException when it may not consume (another live consumer of a one-to-one queue).
     */
    boolean attachConsumer();

    /**
     * Withdraws this object: its count goes to the retired count, its words are freed. Call
     * between the file's enter and exit.
     */
    void leave();

    /**
     * Moves what the slot at {@code slotOffset} counted into the queue's retired count, so that
     * the sum of all counts stays the number of messages ever committed. The slot is zeroed
     * first: a reader of both may count low for a moment, never twice.
     */
    static void retire(final AtomicBuffer body, final int slotOffset)
    {
        final long count = body.getAndSetLong(slotOffset + QueueDescriptor.SLOT_PRODUCED_OFFSET, 0);
        if (count != 0)
        {
            body.getAndAddLong(QueueDescriptor.RETIRED_COUNT_OFFSET, count);
        }
    }
}
