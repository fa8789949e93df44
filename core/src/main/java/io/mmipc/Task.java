package io.mmipc;

import java.io.Serializable;

/**
 * Work for another JVM: Python's {@code Process(target=...)}. A lambda whose target type is
 * {@code Task} is serializable, so it can cross into the child JVM with what it captures; shared
 * objects it captures (queues, values, locks ...) travel as small handles and re-open there.
 * <pre>{@code
 * ctx.process(() -> worker(lock, counter, id)).start();
 * }</pre>
 * A lambda must not capture a non-serializable {@code this}: call a static method, or capture only
 * the values it needs.
 */
@FunctionalInterface
public interface Task extends Serializable
{
    void run() throws Exception;
}
