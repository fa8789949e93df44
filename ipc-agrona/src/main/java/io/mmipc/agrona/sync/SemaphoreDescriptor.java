package io.mmipc.agrona.sync;

import io.mmipc.internal.wait.WakeWordDescriptor;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;

/**
 * Layout of a semaphore's file (kind {@code SYNC}, type {@code semaphore} or
 * {@code bounded-semaphore}; parameter {@code permits}: the initial permits, also the bound).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |         Available permits (64), in [0, Integer.MAX_VALUE]     |  0
 *  +---------------------------------------------------------------+
 *  |                     Padding to 128 bytes                     ...
 *  +---------------------------------------------------------------+
 *  |  Wake word slot (WakeWordDescriptor, 128 bytes):              | 128
 *  |  release signals it, acquirers sleep on it                   ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Acquire and release are CAS loops on the permits word.
 */
public final class SemaphoreDescriptor
{
    public static final int PERMITS_OFFSET = 0;
    public static final int WAKE_OFFSET = CACHE_LINE_LENGTH * 2;
    public static final int BODY_LENGTH = WAKE_OFFSET + WakeWordDescriptor.SLOT_LENGTH;
    public static final int PARAM_PERMITS = 0;
    public static final String TYPE = "semaphore";
    public static final String BOUNDED_TYPE = "bounded-semaphore";

    private SemaphoreDescriptor()
    {
    }
}
