package io.mmipc.agrona.queue;

import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFileSpec;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

/**
 * Layout of a queue file's body (after the 256-byte file header). Parameters in the header:
 * capacity, largest message, process slots, layout version; the type tag holds the codec id.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  Consumer word (owner word): the consumer's turn              |  0
 *  |  (many-to-many) or role (one-to-one); 0 when free; 128 bytes ...
 *  +---------------------------------------------------------------+
 *  |  Retired count: messages of producers that closed or were     | 128
 *  |  reaped (64), added to by any process; 128-byte slot         ...
 *  +---------------------------------------------------------------+
 *  |  Channel: consumer slot, ring, Agrona trailer                ...  256
 *  |  (ChannelDescriptor)                                          |
 *  +---------------------------------------------------------------+
 *  |  Process slots: one 128-byte slot per registered object      ...  256 + channel
 *  |  (one-to-one: one slot, the producer's)                       |
 *  +---------------------------------------------------------------+
 *
 *  Process slot:
 *  +---------------------------------------------------------------+
 *  |  Holder (owner word), 0 when free                             |  0
 *  +---------------------------------------------------------------+
 *  |  Roles: 1 producer, 2 consumer (many-to-many)                 |  8
 *  +---------------------------------------------------------------+
 *  |  Messages this holder committed                               | 16
 *  +---------------------------------------------------------------+
 *  |  Claims this holder began (many-to-many): incremented before  | 24
 *  |  each claim, decremented when one fails or is aborted         |
 *  +---------------------------------------------------------------+
 * </pre>
 * Claims begun minus messages committed is how many claims the holder has open: a consumer
 * never skips a claim while a live holder has one open ({@link ProcessSlots#liveClaimOpen}).
 * Owner words are {@link io.mmipc.internal.owner.OwnerWordDescriptor}'s: a participant token of
 * the directory's registry and an object number.
 */
public final class QueueDescriptor
{
    /**
     * Version 4: each process slot counts the claims its holder began; a consumer of version 3
     * would skip a live producer's claim. Version 3: each channel ends in two wake words and the may-sleep flags (kernel wake-ups).
     * Version 2: owner words of the ownership core. Version 1 (stored as 0: files made before the
     * parameter existed) held process tokens of its own in the same words; a process of one
     * version would misjudge the other's holders, so they do not open each other's files.
     */
    public static final int LAYOUT_VERSION = 4;

    public static final int CONSUMER_WORD_OFFSET = 0;
    public static final int RETIRED_COUNT_OFFSET = CACHE_LINE_LENGTH * 2;
    public static final int CHANNEL_OFFSET = CACHE_LINE_LENGTH * 4;

    public static final int SLOT_LENGTH = CACHE_LINE_LENGTH * 2;
    public static final int SLOT_HOLDER_OFFSET = 0;
    public static final int SLOT_ROLES_OFFSET = 8;
    static final int SLOT_PRODUCED_OFFSET = 16;
    static final int SLOT_CLAIMS_BEGUN_OFFSET = 24;
    public static final long ROLE_PRODUCER = 1;
    public static final long ROLE_CONSUMER = 2;

    public static final int PARAM_CAPACITY = 0;
    public static final int PARAM_MAX_MESSAGE_LENGTH = 1;
    public static final int PARAM_SLOTS = 2;
    public static final int PARAM_LAYOUT = 3;

    private QueueDescriptor()
    {
    }

    public static int slotsOffset(final int capacity)
    {
        return CHANNEL_OFFSET + ChannelDescriptor.length(capacity);
    }

    static int slotOffset(final int capacity, final int slot)
    {
        return slotsOffset(capacity) + slot * SLOT_LENGTH;
    }

    public static int bodyLength(final int capacity, final int slots)
    {
        return slotsOffset(capacity) + slots * SLOT_LENGTH;
    }

    /**
     * The spec to create a queue with, or to open one that must have these parameters.
     */
    static SharedFileSpec spec(
        final boolean oneToOne, final int capacity, final int maxMessageLength, final int slots, final String codecId)
    {
        return SharedFileSpec.builder(kind(oneToOne), bodyLength(capacity, slots))
            .param(PARAM_CAPACITY, "capacity", capacity)
            .param(PARAM_MAX_MESSAGE_LENGTH, "maxMessageLength", maxMessageLength)
            .param(PARAM_SLOTS, oneToOne ? "producer slots" : "maxProcesses", slots)
            .param(PARAM_LAYOUT, "queue layout version", LAYOUT_VERSION)
            .typeTag(codecId)
            .build();
    }

    static ObjectKind kind(final boolean oneToOne)
    {
        return oneToOne ? ObjectKind.QUEUE_ONE_TO_ONE : ObjectKind.QUEUE_MANY_TO_MANY;
    }
}
