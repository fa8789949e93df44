package io.mmipc.bench.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Places a benchmark method in the side-by-side report: which suite it belongs to (results of one
 * suite are compared with each other), what it is called there, and its role.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Contender
{
    /** Benchmarks of one suite measure the same thing and are compared: "queue-throughput-64B". */
    String suite();

    /** The contender's name in the report: "mmipc Queue (zero-copy)"; unused when {@link #param()} is set. */
    String name() default "";

    Role role() default Role.PEER;

    /** True for the few headline results that the quick mode (about 30 seconds) runs. */
    boolean quick() default false;

    /**
     * The {@code @Param} whose value picks the contender, when one method measures several; each
     * value is described by one of {@link #variants()}.
     */
    String param() default "";

    Variant[] variants() default {};

    enum Role
    {
        /** mmipc itself. */
        MMIPC,
        /** The raw library mmipc builds on (Agrona's ring, Chronicle Queue): the ceiling its API should reach. */
        CEILING,
        /** An OS pipe carrying Java-serialized objects: what Python's multiprocessing.Queue does. */
        BASELINE,
        /** Another tool a user could pick instead (Aeron, TCP, Chronicle used directly). */
        PEER,
        /** The same thing inside one JVM (AtomicLong, ReentrantLock, ConcurrentHashMap, one thread). */
        REFERENCE
    }
}
