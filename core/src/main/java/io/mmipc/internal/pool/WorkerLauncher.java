package io.mmipc.internal.pool;

/**
 * Starts pool workers: the seam between the {@link Dispatcher} and where its workers run. A
 * pool has one for its local workers ({@link LocalWorkers}) and one per agent it uses
 * ({@link io.mmipc.internal.spi.PoolAgentProvider}, from a network transport).
 */
public interface WorkerLauncher extends AutoCloseable
{
    /**
     * Starts a worker that serves end 2 of {@code request.pipe()}; a remote start may still be
     * under way when this returns (the worker's {@link WorkerProcess#pid()} is -1 until it is known).
     *
     * @throws RuntimeException when it cannot even be asked for (the caller may try another launcher).
     */
    WorkerProcess start(WorkerRequest request);

    /**
     * @return false once this launcher gave up (an agent that stopped answering): the pool starts
     *         further workers elsewhere.
     */
    default boolean isUsable()
    {
        return true;
    }

    /**
     * Lets go of what the launcher holds (not its workers: the pool stops those first).
     */
    @Override
    default void close()
    {
    }
}
