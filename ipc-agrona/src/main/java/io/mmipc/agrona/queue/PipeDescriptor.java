package io.mmipc.agrona.queue;

import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFileSpec;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

/**
 * Layout of a pipe file's body (after the 256-byte file header). Parameters in the header:
 * capacity of each direction, largest message, duplex (1) or one-way (0), layout version; the
 * type tag holds the codec id.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  End 1 slot: holder (owner word), ever-opened flag           ...  0
 *  +---------------------------------------------------------------+
 *  |  End 2 slot: holder (owner word), ever-opened flag           ...  128
 *  +---------------------------------------------------------------+
 *  |  Channel to end 1: end 2 sends, end 1 receives              ...  256
 *  |  (ChannelDescriptor)                                          |
 *  +---------------------------------------------------------------+
 *  |  Channel to end 2: end 1 sends, end 2 receives (duplex only) ...  256 + channel
 *  +---------------------------------------------------------------+
 *
 *  End slot:
 *  +---------------------------------------------------------------+
 *  |  Owner word of the object that holds the end open, 0 if none  |  0
 *  +---------------------------------------------------------------+
 *  |  1 once any process has opened the end                        |  8
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class PipeDescriptor
{
    /**
     * Version 3: channels with wake words (see {@link QueueDescriptor#LAYOUT_VERSION}); the queue's
     * version 4 changed only its process slots, which pipes do not have.
     */
    public static final int LAYOUT_VERSION = 3;

    public static final int END_SLOT_LENGTH = CACHE_LINE_LENGTH * 2;
    public static final int END_HOLDER_OFFSET = 0;
    public static final int END_EVER_OPENED_OFFSET = 8;
    static final int CHANNELS_OFFSET = END_SLOT_LENGTH * 2;

    public static final int PARAM_CAPACITY = 0;
    public static final int PARAM_MAX_MESSAGE_LENGTH = 1;
    public static final int PARAM_DUPLEX = 2;
    public static final int PARAM_LAYOUT = 3;

    private PipeDescriptor()
    {
    }

    /**
     * @param end 1 or 2.
     */
    public static int endSlotOffset(final int end)
    {
        return (end - 1) * END_SLOT_LENGTH;
    }

    /**
     * @param receivingEnd the end that receives on the channel: 1 or 2.
     */
    public static int channelOffset(final int capacity, final int receivingEnd)
    {
        return CHANNELS_OFFSET + (receivingEnd - 1) * ChannelDescriptor.length(capacity);
    }

    public static int bodyLength(final int capacity, final boolean duplex)
    {
        return CHANNELS_OFFSET + (duplex ? 2 : 1) * ChannelDescriptor.length(capacity);
    }

    static SharedFileSpec spec(
        final boolean duplex, final int capacity, final int maxMessageLength, final String codecId)
    {
        return SharedFileSpec.builder(ObjectKind.PIPE, bodyLength(capacity, duplex))
            .param(PARAM_CAPACITY, "capacity", capacity)
            .param(PARAM_MAX_MESSAGE_LENGTH, "maxMessageLength", maxMessageLength)
            .param(PARAM_DUPLEX, "duplex", duplex ? 1 : 0)
            .param(PARAM_LAYOUT, "pipe layout version", LAYOUT_VERSION)
            .typeTag(codecId)
            .build();
    }
}
