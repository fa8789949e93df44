package io.mmipc.agrona.queue;

import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFileSpec;
import io.mmipc.internal.wait.WakeWordDescriptor;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

/**
 * Layout of a joinable queue's task file, {@code <queue name>}{@value #SUFFIX}, beside the queue
 * file it counts for (after the 256-byte file header). Parameters in the header: holder slots,
 * layout version.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  Unfinished tasks (64): puts - taskDone() calls - settled;    |  0
 *  |  never below 0; 128-byte slot                                ...
 *  +---------------------------------------------------------------+
 *  |  All-done wake word (WakeWordDescriptor): joiners sleep on    | 128
 *  |  it, whoever brings the count to 0 signals it                ...
 *  +---------------------------------------------------------------+
 *  |  Lost tasks (64): settled because their holder died; 128     | 256
 *  |  bytes                                                       ...
 *  +---------------------------------------------------------------+
 *  |  Holder slots: one 128-byte slot per queue object that has   ... 384
 *  |  put or taken a task                                          |
 *  +---------------------------------------------------------------+
 *
 *  Holder slot:
 *  +---------------------------------------------------------------+
 *  |  Holder (owner word), 0 when free                             |  0
 *  +---------------------------------------------------------------+
 *  |  Held tasks (64): puts begun and not yet published, plus      |  8
 *  |  tasks taken and not yet marked done                          |
 *  +---------------------------------------------------------------+
 * </pre>
 * Owner words are {@link io.mmipc.internal.owner.OwnerWordDescriptor}'s. The unfinished count is
 * raised before a task becomes visible and lowered after a holder's count is, so a holder that
 * dies between the two steps leaves its slot counting one task too many, never one too few: its
 * settlement then lowers the unfinished count by one too many (a join returns early) rather than
 * leaving a task nobody holds (a join that never returns). See {@link TaskCounts}.
 */
public final class JoinableDescriptor
{
    /** Version 1: the first. */
    public static final int LAYOUT_VERSION = 1;
    /** The task file's name is the queue's plus this. */
    public static final String SUFFIX = ".joinable";

    public static final int UNFINISHED_OFFSET = 0;
    public static final int ALL_DONE_WAKE_OFFSET = CACHE_LINE_LENGTH * 2;
    public static final int LOST_OFFSET = ALL_DONE_WAKE_OFFSET + WakeWordDescriptor.SLOT_LENGTH;
    public static final int SLOTS_OFFSET = LOST_OFFSET + CACHE_LINE_LENGTH * 2;

    public static final int SLOT_LENGTH = CACHE_LINE_LENGTH * 2;
    public static final int SLOT_HOLDER_OFFSET = 0;
    public static final int SLOT_HELD_OFFSET = 8;

    public static final int PARAM_SLOTS = 0;
    public static final int PARAM_LAYOUT = 1;

    private JoinableDescriptor()
    {
    }

    public static int slotOffset(final int slot)
    {
        return SLOTS_OFFSET + slot * SLOT_LENGTH;
    }

    public static int bodyLength(final int slots)
    {
        return SLOTS_OFFSET + slots * SLOT_LENGTH;
    }

    /**
     * The spec to create a task file with, or to open one that must have these parameters.
     */
    static SharedFileSpec spec(final int slots)
    {
        return SharedFileSpec.builder(ObjectKind.JOINABLE, bodyLength(slots))
            .param(PARAM_SLOTS, "maxProcesses", slots)
            .param(PARAM_LAYOUT, "joinable layout version", LAYOUT_VERSION)
            .build();
    }
}
