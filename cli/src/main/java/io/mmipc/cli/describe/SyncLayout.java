package io.mmipc.cli.describe;

/**
 * The offsets the tool reads in the files of ipc-agrona's values, arrays, locks, semaphores,
 * events, conditions and barriers. Those {@code *Descriptor} classes are package-private
 * in {@code io.mmipc.agrona.sync}, so their constants are
 * repeated here, and only those: when a layout changes, change it here too (the tests read real
 * files made by ipc-agrona, so a mismatch fails them). Offsets are from the start of the body.
 * <pre>
 *   LockDescriptor        owner word 0, hold count 8 (rlock), record 128
 *   ValueDescriptor       value 0, the value's lock record 128, body 256
 *   ArrayDescriptor       the array's lock record 0, elements 256; params length 0, element size 1
 *   value and array type tags and element sizes: the generated ValueTypes
 *   SemaphoreDescriptor   permits 0; param permits 0; type tags semaphore, bounded-semaphore
 *   EventDescriptor       word 0 = set count (63) | flag (1); type tag event
 *   ConditionDescriptor   word 0 = 0 | waits (21) | wake-ups (21) | woken (21); param lock 0
 *   BarrierDescriptor     state 0 = generation (31) | broken (1) | arrived (32); arrivals at 768,
 *                         one word per party; param parties 0
 * </pre>
 * The dict's, list's and namespace's regions are not repeated: {@link MapDescribers} reads them
 * through ipc-agrona's public {@code MapDescriptor}, {@code MapLayout}, {@code ListDescriptor} and
 * {@code ListLayout}.
 */
final class SyncLayout
{
    static final int RECORD_LENGTH = 128;
    /** A lock record: owner word, hold count, then a wake word slot (layout version 2). */
    static final int LOCK_RECORD_LENGTH = 256;

    static final int LOCK_OWNER_OFFSET = 0;
    static final int LOCK_HOLD_COUNT_OFFSET = 8;

    static final int VALUE_OFFSET = 0;
    static final int VALUE_LOCK_OFFSET = RECORD_LENGTH;
    static final int VALUE_BODY_LENGTH = RECORD_LENGTH + LOCK_RECORD_LENGTH;

    static final int ARRAY_LOCK_OFFSET = 0;
    static final int ARRAY_ELEMENTS_OFFSET = LOCK_RECORD_LENGTH;
    static final int ARRAY_PARAM_LENGTH = 0;
    static final int ARRAY_PARAM_ELEMENT_SIZE = 1;

    static final int SEMAPHORE_PERMITS_OFFSET = 0;
    static final int SEMAPHORE_PARAM_PERMITS = 0;
    /** The semaphore's wake word slot ({@code WakeWordDescriptor}), after the permits' 128 bytes. */
    static final int SEMAPHORE_WAKE_OFFSET = RECORD_LENGTH;

    static final int EVENT_WORD_OFFSET = 0;
    static final long EVENT_FLAG = 1L;

    static final int CONDITION_WORD_OFFSET = 0;
    static final int CONDITION_PARAM_LOCK = 0;
    static final int CONDITION_COUNTER_BITS = 21;

    static final int BARRIER_STATE_OFFSET = 0;
    static final int BARRIER_ARRIVALS_OFFSET = 768;
    static final int BARRIER_PARAM_PARTIES = 0;
    static final long BARRIER_ARRIVED_MASK = 0xFFFF_FFFFL;
    static final long BARRIER_BROKEN = 1L << 32;
    static final int BARRIER_GENERATION_SHIFT = 33;

    static final String LOCK = "lock";
    static final String RLOCK = "rlock";
    static final String SEMAPHORE = "semaphore";
    static final String BOUNDED_SEMAPHORE = "bounded-semaphore";
    static final String EVENT = "event";
    static final String CONDITION = "condition";
    static final String BARRIER = "barrier";

    private SyncLayout()
    {
    }
}
