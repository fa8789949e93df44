package io.mmipc.internal.pool;

import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFileSpec;
import io.mmipc.internal.wait.WakeWordDescriptor;

/**
 * Layout of a pool's wake file, {@code <pool name>}{@value #SUFFIX} in the pool's context
 * directory (kind {@code POOL}, type {@value #TYPE}): the word on which the dispatcher sleeps
 * when a round found nothing to do. Its workers signal it after each reply, submitting threads
 * after each call, {@code close()} and {@code terminate()} after changing the pool's state.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  Wake word slot (WakeWordDescriptor, 128 bytes): the          |  0
 *  |  dispatcher sleeps on it, replies and calls signal it        ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Parameter 0 holds {@link #LAYOUT_VERSION}.
 */
public final class PoolWakeDescriptor
{
    public static final String SUFFIX = "-wake";
    public static final String TYPE = "pool-wake";
    /** Bumped when this layout changes. */
    public static final int LAYOUT_VERSION = 1;
    public static final int WAKE_OFFSET = 0;
    public static final int BODY_LENGTH = WAKE_OFFSET + WakeWordDescriptor.SLOT_LENGTH;

    private PoolWakeDescriptor()
    {
    }

    static SharedFileSpec spec()
    {
        return SharedFileSpec.builder(ObjectKind.POOL, BODY_LENGTH)
            .param(0, "poolWakeLayout", LAYOUT_VERSION)
            .typeTag(TYPE)
            .build();
    }
}
