package io.mmipc.cli.describe;

import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The offsets the tool reads in ipc-agrona's queue and pipe files. {@code QueueDescriptor},
 * {@code ChannelDescriptor}, {@code PipeDescriptor} and {@code SpillFiles} are package-private
 * in {@code io.mmipc.agrona.queue}, so their constants are repeated here, and only those: when a
 * layout changes, change it here too (the tests read real queues and pipes made by ipc-agrona,
 * so a mismatch fails them). Offsets are from the start of the body.
 * <pre>
 *   QueueDescriptor    consumer word 0, retired count 128, channel 256;
 *                      params capacity 0, maxMessageLength 1, slots 2; slots of 128 after the channel
 *                      (holder word 0, roles 8: producer 1, consumer 2; produced count 16)
 *   PipeDescriptor     end slots of 128 at 0 and 128 (token 0, ever-opened 8), channels at 256
 *                      (to end 1, then to end 2 when duplex); params capacity 0,
 *                      maxMessageLength 1, duplex 2
 *   ChannelDescriptor  consumer slot 0 (taken position 0, consumed 8, skipped 16), ring at 128
 *                      (capacity bytes of Agrona records, then Agrona's trailer), then 384 bytes
 *                      of wake words and may-sleep flags (layout version 3); record kinds
 *                      data 1 and spill 2 in the type word's low byte (mask 0xFF)
 *   SpillFiles         a spill record's payload: 24 bytes, message length at 16
 * </pre>
 */
final class QueueLayout
{
    static final int RECORD_LENGTH = 128;

    static final int QUEUE_CONSUMER_WORD_OFFSET = 0;
    static final int QUEUE_RETIRED_COUNT_OFFSET = RECORD_LENGTH;
    static final int QUEUE_CHANNEL_OFFSET = 2 * RECORD_LENGTH;
    static final int QUEUE_SLOT_LENGTH = RECORD_LENGTH;
    static final int QUEUE_PARAM_CAPACITY = 0;
    static final int QUEUE_PARAM_MAX_MESSAGE_LENGTH = 1;
    static final int QUEUE_PARAM_SLOTS = 2;
    static final int QUEUE_SLOT_HOLDER_OFFSET = 0;
    static final int QUEUE_SLOT_ROLES_OFFSET = 8;
    static final int QUEUE_SLOT_PRODUCED_OFFSET = 16;
    static final long QUEUE_ROLE_PRODUCER = 1;
    static final long QUEUE_ROLE_CONSUMER = 2;

    static final int PIPE_END_SLOT_LENGTH = RECORD_LENGTH;
    static final int PIPE_END_TOKEN_OFFSET = 0;
    static final int PIPE_END_EVER_OPENED_OFFSET = 8;
    static final int PIPE_CHANNELS_OFFSET = 2 * RECORD_LENGTH;
    static final int PIPE_PARAM_CAPACITY = 0;
    static final int PIPE_PARAM_MAX_MESSAGE_LENGTH = 1;
    static final int PIPE_PARAM_DUPLEX = 2;

    static final int CHANNEL_TAKEN_POSITION_OFFSET = 0;
    static final int CHANNEL_CONSUMED_COUNT_OFFSET = 8;
    static final int CHANNEL_SKIPPED_COUNT_OFFSET = 16;
    static final int CHANNEL_RING_OFFSET = RECORD_LENGTH;
    /** Two wake word slots and the may-sleep flags after Agrona's trailer. */
    static final int CHANNEL_WAKES_LENGTH = 3 * RECORD_LENGTH;
    static final int DATA_MSG_TYPE_ID = 1;
    static final int SPILL_MSG_TYPE_ID = 2;
    static final int KIND_MASK = 0xFF;

    static final int SPILL_REF_LENGTH = 24;
    static final int SPILL_REF_LENGTH_OFFSET = 16;

    private QueueLayout()
    {
    }

    /**
     * @return the bytes of a channel whose ring holds {@code capacity} bytes of records.
     */
    static long channelLength(final long capacity)
    {
        return CHANNEL_RING_OFFSET + capacity + RingBufferDescriptor.TRAILER_LENGTH + CHANNEL_WAKES_LENGTH;
    }

    static long queueBodyLength(final long capacity, final long slots)
    {
        return QUEUE_CHANNEL_OFFSET + channelLength(capacity) + slots * QUEUE_SLOT_LENGTH;
    }

    static long queueSlotsOffset(final long capacity)
    {
        return QUEUE_CHANNEL_OFFSET + channelLength(capacity);
    }

    static long pipeBodyLength(final long capacity, final boolean duplex)
    {
        return PIPE_CHANNELS_OFFSET + (duplex ? 2 : 1) * channelLength(capacity);
    }

    /**
     * @param receivingEnd 1 or 2.
     */
    static long pipeChannelOffset(final long capacity, final int receivingEnd)
    {
        return PIPE_CHANNELS_OFFSET + (receivingEnd - 1) * channelLength(capacity);
    }
}
