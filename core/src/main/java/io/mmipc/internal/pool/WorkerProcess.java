package io.mmipc.internal.pool;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * A pool worker's JVM as the {@link Dispatcher} sees it, wherever it runs: a child of this JVM
 * ({@link LocalWorkers}) or a JVM that an agent on another node started for the pool. Every
 * method returns within its bound: a worker whose host is gone is dead, never a hang.
 */
public interface WorkerProcess
{
    /**
     * @return the worker's name ("PoolWorker-3").
     */
    String name();

    /**
     * @return its process id on its host, or -1 while it is not known (a remote start under way).
     */
    long pid();

    /**
     * @return false once it has ended, or once its host can no longer tell (its agent is gone).
     */
    boolean isAlive();

    /**
     * @return true once it is known to be dead without asking its host (a remote worker whose agent
     *         was found gone through another of its workers): it gets no batch. Cheap: asked before
     *         each batch it could take.
     */
    default boolean knownDead()
    {
        return false;
    }

    /**
     * Ends it forcibly (kill -9), without waiting.
     */
    void kill();

    /**
     * @return true when it ended within {@code timeout}.
     */
    boolean join(Duration timeout) throws InterruptedException;

    /**
     * @return its exit code once known.
     */
    OptionalInt exitCode();

    /**
     * @return where it runs, for messages: empty for this host, " on node HOST:PORT (agent NAME)" for another.
     */
    default String where()
    {
        return "";
    }
}
