package io.mmipc;

import java.io.Serializable;

/**
 * A two-argument function for {@link Pool#starmap}: Python's {@code starmap(f, [(a, b), ...])}.
 */
@FunctionalInterface
public interface RemoteBiFunction<A, B, R> extends Serializable
{
    R apply(A first, B second) throws Exception;
}
