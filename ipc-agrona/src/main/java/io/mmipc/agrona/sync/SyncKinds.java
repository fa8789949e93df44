package io.mmipc.agrona.sync;

import java.util.Set;

/**
 * The kinds of {@link io.mmipc.internal.spi.Handle} that {@link AgronaSyncProvider} re-opens.
 * The handle's {@code param} is the array length, the permits or the parties where the kind has
 * one; its {@code related} is a condition's lock or the value or array whose lock it is.
 */
final class SyncKinds
{
    static final String INT = "int";
    static final String LONG = "long";
    static final String DOUBLE = "double";
    static final String BOOLEAN = "boolean";
    static final String INT_ARRAY = "int-array";
    static final String LONG_ARRAY = "long-array";
    static final String DOUBLE_ARRAY = "double-array";
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

    static final Set<String> ALL = Set.of(INT, LONG, DOUBLE, BOOLEAN, INT_ARRAY, LONG_ARRAY, DOUBLE_ARRAY, LOCK,
        RLOCK, SEMAPHORE, BOUNDED_SEMAPHORE, EVENT, CONDITION, BARRIER, LOCK_OF);

    private SyncKinds()
    {
    }
}
