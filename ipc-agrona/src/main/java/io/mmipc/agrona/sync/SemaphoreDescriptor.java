package io.mmipc.agrona.sync;

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
 * </pre>
 * Acquire and release are CAS loops on the permits word.
 */
final class SemaphoreDescriptor
{
    static final int PERMITS_OFFSET = 0;
    static final int BODY_LENGTH = CACHE_LINE_LENGTH * 2;
    static final int PARAM_PERMITS = 0;
    static final String TYPE = "semaphore";
    static final String BOUNDED_TYPE = "bounded-semaphore";

    private SemaphoreDescriptor()
    {
    }
}
