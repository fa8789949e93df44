package io.mmipc;

import java.io.Serializable;

/**
 * A {@link Runnable} that can cross into a worker JVM: a lambda whose target type is
 * {@code RemoteRunnable} is serializable, with what it captures. {@link PoolExecutor}'s
 * {@code submit} and {@code execute} take it, so {@code executor.submit(() -> work(i))} compiles to one.
 */
@FunctionalInterface
public interface RemoteRunnable extends Runnable, Serializable
{
}
