package io.mmipc.agrona.sync;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The kinds of {@link io.mmipc.internal.spi.Handle} that {@link AgronaSyncProvider} re-opens; the
 * values' and arrays' kinds ("int", "int-array", ...) are generated into {@link AgronaValueProvider}.
 * The handle's {@code param} is the array length, the permits or the parties where the kind has
 * one; its {@code related} is a condition's lock or the value or array whose lock it is.
 */
final class SyncKinds
{
    static final String LOCK = "lock";
    static final String RLOCK = "rlock";
    static final String SEMAPHORE = "semaphore";
    static final String BOUNDED_SEMAPHORE = "bounded-semaphore";
    static final String EVENT = "event";
    /** {@code related}: the handle of its lock. */
    static final String CONDITION = "condition";
    static final String BARRIER = "barrier";
    /** The lock of a value or array; {@code related}: the handle of that value or array. */
    static final String LOCK_OF = "lock-of";

    /** Every kind: these and the values' and arrays' ({@link AgronaValueProvider#KINDS}). */
    static final Set<String> ALL = Stream.concat(AgronaValueProvider.KINDS.stream(), Stream.of(LOCK, RLOCK,
        SEMAPHORE, BOUNDED_SEMAPHORE, EVENT, CONDITION, BARRIER, LOCK_OF)).collect(Collectors.toUnmodifiableSet());

    private SyncKinds()
    {
    }
}
