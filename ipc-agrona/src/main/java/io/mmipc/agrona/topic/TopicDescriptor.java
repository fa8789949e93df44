package io.mmipc.agrona.topic;

import io.mmipc.TopicPolicy;
import io.mmipc.agrona.queue.ChannelWakes;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.internal.file.SharedFileSpec;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;
import static org.agrona.BitUtil.align;

/**
 * Layout of a topic file's body (after the 256-byte file header). Parameters in the header:
 * capacity (messages), largest message, publisher slots, subscriber slots, policy, layout
 * version; the type tag holds the codec id.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  Tail: the next sequence to claim (64), CAS (BLOCK) or        |  0
 *  |  add (LAP) by publishers; 128-byte slot                      ...
 *  +---------------------------------------------------------------+
 *  |  Wakes (ChannelWakes): data-arrived word (subscribers sleep,  | 128
 *  |  publishers signal), room-freed word (BLOCK publishers sleep, |
 *  |  subscribers signal), may-sleep flags; 384 bytes             ...
 *  +---------------------------------------------------------------+
 *  |  Publisher slots: maxPublishers x 128 bytes                  ...  512
 *  +---------------------------------------------------------------+
 *  |  Subscriber slots: maxSubscribers x 128 bytes                ...
 *  +---------------------------------------------------------------+
 *  |  Message slots: capacity x slotLength bytes                  ...
 *  +---------------------------------------------------------------+
 *
 *  Publisher slot (written by its holder only, but for a take-over):
 *  +---------------------------------------------------------------+
 *  |  Holder (owner word), 0 when free                             |  0
 *  +---------------------------------------------------------------+
 *  |  Claims begun (64): stored before each claim's CAS            |  8
 *  +---------------------------------------------------------------+
 *  |  Claims done (64): stored after each commit (or set to begun  | 16
 *  |  when a claim found no room, or by a holder taking over)      |
 *  +---------------------------------------------------------------+
 *  |  Messages published (64)                                      | 24
 *  +---------------------------------------------------------------+
 *
 *  Subscriber slot (written by its holder only, but for a take-over):
 *  +---------------------------------------------------------------+
 *  |  Holder (owner word), 0 when free; BLOCK publishers free a   |  0
 *  |  dead holder's slot after the dead-process timeout            |
 *  +---------------------------------------------------------------+
 *  |  Position: the next sequence it reads (64); BLOCK publishers  |  8
 *  |  never claim sequence s while s - capacity &gt;= a position    |
 *  +---------------------------------------------------------------+
 *  |  Messages received (64)                                       | 16
 *  +---------------------------------------------------------------+
 *  |  Messages missed (64): lapped, or dead publishers' claims     | 24
 *  +---------------------------------------------------------------+
 *
 *  Message slot of sequence s, at (s &amp; (capacity - 1)) x slotLength:
 *  +---------------------------------------------------------------+
 *  |  Commit tag (64): s + 1, stored last with release; 0 never    |  0
 *  |  written; an older lap's value while s is not committed       |
 *  +-------------------------------+-------------------------------+
 *  |  Length of the message (32)   |  Check (32): see check()      |  8
 *  +-------------------------------+-------------------------------+
 *  |  Message bytes                                               ... 16
 *  +---------------------------------------------------------------+
 * </pre>
 * A slot is a multiple of 64 bytes, so two publishers writing neighbouring slots share no cache
 * line. Fixed slots (the Disruptor's shape rather than Agrona's byte ring) make a sequence a
 * message count: a lapped subscriber knows exactly how many it missed and where the oldest
 * message still in the ring starts, and a dead publisher's claim is exactly one slot to skip.
 */
public final class TopicDescriptor
{
    /** Bump when any offset or meaning below changes. */
    public static final int LAYOUT_VERSION = 1;

    public static final int PARAM_CAPACITY = 0;
    public static final int PARAM_MAX_MESSAGE_LENGTH = 1;
    public static final int PARAM_PUBLISHERS = 2;
    public static final int PARAM_SUBSCRIBERS = 3;
    public static final int PARAM_POLICY = 4;
    public static final int PARAM_LAYOUT = 5;

    public static final int TAIL_OFFSET = 0;
    public static final int WAKES_OFFSET = CACHE_LINE_LENGTH * 2;
    public static final int PUBLISHERS_OFFSET = WAKES_OFFSET + ChannelWakes.REGION_LENGTH;
    public static final int MEMBER_SLOT_LENGTH = CACHE_LINE_LENGTH * 2;

    public static final int HOLDER_OFFSET = 0;
    public static final int BEGUN_OFFSET = 8;
    public static final int DONE_OFFSET = 16;
    public static final int PUBLISHED_OFFSET = 24;

    public static final int POSITION_OFFSET = 8;
    public static final int RECEIVED_OFFSET = 16;
    public static final int MISSED_OFFSET = 24;

    static final int TAG_OFFSET = 0;
    static final int LENGTH_OFFSET = 8;
    static final int CHECK_OFFSET = 12;
    static final int MESSAGE_HEADER_LENGTH = 16;
    static final int SLOT_ALIGNMENT = 64;

    /** Kind of a slot that holds a message. */
    static final int DATA = 1;
    /** Kind of a slot whose claim was given up ({@code abort}): subscribers skip it. */
    static final int ABORTED = 2;
    static final int KIND_MASK = 0xFF;

    private TopicDescriptor()
    {
    }

    /**
     * The check word of the message slot of {@code sequence}: the kind in the low byte, and above
     * it 24 bits derived from the length and the sequence, so a reader detects a length or kind
     * that was overwritten (or a header left from another lap) without trusting either.
     */
    static int check(final int kind, final int length, final long sequence)
    {
        final int mix = length * 0x9E3779B1 ^ (int)(sequence ^ sequence >>> 32) * 0x85EBCA6B;
        return kind | (mix >>> 8) << 8;
    }

    static int slotLength(final int maxMessageLength)
    {
        return align(MESSAGE_HEADER_LENGTH + maxMessageLength, SLOT_ALIGNMENT);
    }

    public static int subscribersOffset(final int publishers)
    {
        return PUBLISHERS_OFFSET + publishers * MEMBER_SLOT_LENGTH;
    }

    static int messagesOffset(final int publishers, final int subscribers)
    {
        return align(subscribersOffset(publishers) + subscribers * MEMBER_SLOT_LENGTH, SLOT_ALIGNMENT);
    }

    public static long bodyLength(final int capacity, final int maxMessageLength, final int publishers, final int subscribers)
    {
        return messagesOffset(publishers, subscribers) + (long)capacity * slotLength(maxMessageLength);
    }

    /**
     * @throws IllegalArgumentException naming the numbers when the file would be too large to map.
     */
    static void checkSize(final int capacity, final int maxMessageLength, final int publishers, final int subscribers)
    {
        final long total = SharedFileDescriptor.HEADER_LENGTH +
            bodyLength(capacity, maxMessageLength, publishers, subscribers);
        if (total > SharedFileDescriptor.MAX_TOTAL_LENGTH)
        {
            throw new IllegalArgumentException("topic of capacity " + capacity + " x slot " +
                slotLength(maxMessageLength) + " bytes needs a file of " + total + " bytes, more than " +
                SharedFileDescriptor.MAX_TOTAL_LENGTH);
        }
    }

    /**
     * The spec to create a topic with, or to open one that must have these parameters.
     */
    static SharedFileSpec spec(final int capacity, final int maxMessageLength, final int publishers,
        final int subscribers, final TopicPolicy policy, final String codecId)
    {
        return SharedFileSpec.builder(ObjectKind.TOPIC, bodyLength(capacity, maxMessageLength, publishers, subscribers))
            .param(PARAM_CAPACITY, "capacity", capacity)
            .param(PARAM_MAX_MESSAGE_LENGTH, "maxMessageLength", maxMessageLength)
            .param(PARAM_PUBLISHERS, "maxPublishers", publishers)
            .param(PARAM_SUBSCRIBERS, "maxSubscribers", subscribers)
            .param(PARAM_POLICY, "policy (0 BLOCK, 1 LAP)", policy.ordinal())
            .param(PARAM_LAYOUT, "topic layout version", LAYOUT_VERSION)
            .typeTag(codecId)
            .build();
    }
}
