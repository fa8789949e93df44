package io.mmipc.bench.support;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One value of a benchmark's contender parameter ({@code @Param transport}): the contender it
 * stands for in the report. See {@link Contender#param()}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Variant
{
    /** The parameter's value, as JMH writes it ("MMIPC_ZERO_COPY"). */
    String value();

    String name();

    Contender.Role role() default Contender.Role.PEER;

    /** True for the values the quick mode runs. */
    boolean quick() default false;
}
