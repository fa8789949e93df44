package io.mmipc.agrona.queue;

import io.mmipc.internal.wait.WakeWordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

/**
 * Layout of one direction of messages: a consumer slot, then an Agrona ring buffer (records of
 * {@link org.agrona.concurrent.ringbuffer.RecordDescriptor}, then Agrona's trailer with the
 * producer's tail and the consumer's head, each on its own 128-byte slot).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |        Taken position: end of the last record handed out      |  0
 *  |        (stored before the handler runs: at-most-once)         |
 *  +---------------------------------------------------------------+
 *  |                   Messages consumed (64)                      |  8
 *  +---------------------------------------------------------------+
 *  |       Messages skipped: claims of dead producers (64)         | 16
 *  +---------------------------------------------------------------+
 *  |            Padding to 128 bytes (written by the consumer)    ...
 *  +---------------------------------------------------------------+
 *  |                Ring: capacity bytes of records               ...  128
 *  +---------------------------------------------------------------+
 *  |     Agrona trailer (tail, head cache, head, ...): 768 bytes  ...  128 + capacity
 *  +---------------------------------------------------------------+
 *  |     Data-arrived wake word (WakeWordDescriptor): receivers   ...  896 + capacity
 *  |     sleep on it, producers signal it                          |
 *  +---------------------------------------------------------------+
 *  |     Room-freed wake word (WakeWordDescriptor): full senders  ...  1024 + capacity
 *  |     sleep on it, consumers signal it                          |
 *  +---------------------------------------------------------------+
 *  |     Receivers may sleep (32): set once, read per message by  |  1152 + capacity
 *  |     a one-to-one producer; padding to 64                     ...
 *  +---------------------------------------------------------------+
 *  |     Senders may sleep (32): set once, read per batch by the  |  1216 + capacity
 *  |     consumer; padding to 128                                 ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Only the consumer (the holder of the consumer side) writes the consumer slot, except that a
 * one-to-one producer taking over from a dead one adds what it padded to the skipped count. The
 * wake words and their flags are written on the sleeping paths only ({@link ChannelWakes}).
 * <p>
 * Record type word (data and spill records; Agrona's padding is -1):
 * <pre>
 *   | 0 | check of the record's length word (23) | kind: 1 data, 2 spill (8) |
 * </pre>
 */
public final class ChannelDescriptor
{
    /** Where the consumer records the end of the last record it handed out. */
    public static final int TAKEN_POSITION_OFFSET = 0;
    public static final int CONSUMED_COUNT_OFFSET = 8;
    public static final int SKIPPED_COUNT_OFFSET = 16;
    static final int CONSUMER_SLOT_LENGTH = CACHE_LINE_LENGTH * 2;
    /** Offset of the ring (records, then Agrona's trailer) in the channel. */
    public static final int RING_OFFSET = CONSUMER_SLOT_LENGTH;

    /** Bytes after the ring's trailer: two wake word slots and the slot of the may-sleep flags. */
    static final int WAKES_LENGTH = WakeWordDescriptor.SLOT_LENGTH * 2 + CACHE_LINE_LENGTH * 2;
    /** In the wakes region: the slot receivers sleep on while the channel is empty. */
    static final int DATA_WAKE_OFFSET = 0;
    /** In the wakes region: the slot senders sleep on while the channel is full. */
    static final int ROOM_WAKE_OFFSET = WakeWordDescriptor.SLOT_LENGTH;
    /** In the wakes region: 1 once a receiver of the channel may sleep in the kernel. */
    static final int RECEIVERS_MAY_SLEEP_OFFSET = WakeWordDescriptor.SLOT_LENGTH * 2;
    /** In the wakes region: 1 once a sender of the channel may sleep in the kernel. */
    static final int SENDERS_MAY_SLEEP_OFFSET = RECEIVERS_MAY_SLEEP_OFFSET + CACHE_LINE_LENGTH;

    /** Kind of a record that holds a message. */
    public static final int DATA_MSG_TYPE_ID = 1;
    /** Kind of a record that names a spill file holding a large message. */
    public static final int SPILL_MSG_TYPE_ID = 2;
    /** The kind is the low byte of a record's type word; the check of its length is above it. */
    public static final int KIND_MASK = 0xFF;

    private ChannelDescriptor()
    {
    }

    /**
     * The type word of a data or spill record: the kind in the low byte, and above it 23 bits
     * derived from the record's length word, so a reader detects a corrupted length (or type)
     * without reading the producer's position, which would cost the producer a cache miss per
     * message. Agrona's padding records keep type -1.
     * <pre>
     *   | 0 | check of the record length (23) | kind (8) |
     * </pre>
     *
     * @param recordLength the length word: message length plus the 8-byte header.
     */
    static int typeId(final int kind, final int recordLength)
    {
        return kind | (((recordLength * 0x9E3779B1) >>> 9) << 8);
    }

    /**
     * @return the bytes a channel with a ring of {@code capacity} takes.
     */
    static int length(final int capacity)
    {
        return wakesOffset(capacity) + WAKES_LENGTH;
    }

    /**
     * @return where the wake words and may-sleep flags start in the channel: after Agrona's trailer.
     */
    static int wakesOffset(final int capacity)
    {
        return RING_OFFSET + ringLength(capacity);
    }

    /**
     * @return the bytes of the ring region handed to Agrona: records plus trailer.
     */
    static int ringLength(final int capacity)
    {
        return capacity + RingBufferDescriptor.TRAILER_LENGTH;
    }

    /**
     * @return the largest message written inline: Agrona's limit (an eighth of the ring), capped
     *         by the largest message the channel takes at all.
     */
    static int maxInlineLength(final int capacity, final int maxMessageLength)
    {
        return Math.min(capacity >> 3, maxMessageLength);
    }
}
