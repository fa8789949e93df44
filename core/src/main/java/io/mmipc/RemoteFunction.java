package io.mmipc;

import java.io.Serializable;

/**
 * A function a {@link Pool} runs in its worker JVMs: serializable, so a lambda of this type
 * crosses into the workers with what it captures.
 */
@FunctionalInterface
public interface RemoteFunction<T, R> extends Serializable
{
    R apply(T value) throws Exception;
}
