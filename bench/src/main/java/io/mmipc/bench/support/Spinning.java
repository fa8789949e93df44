package io.mmipc.bench.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many threads busy-spin while a benchmark runs (the benchmark's own and its peers'). On a
 * machine with two cores, a result measured with three spinners is not comparable with one
 * measured with two; the report prints this beside every figure.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Spinning
{
    int threads();

    /** Who spins: "benchmark thread + peer consumer". */
    String note() default "";
}
