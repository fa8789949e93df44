package io.mmipc.internal.spi;

import io.mmipc.SharedBarrier;
import io.mmipc.SharedCondition;
import io.mmipc.SharedEvent;
import io.mmipc.SharedLock;
import io.mmipc.SharedRLock;
import io.mmipc.SharedSemaphore;
import io.mmipc.Task;

import java.time.Duration;

/**
 * Implements shared values, arrays and synchronisation objects; {@code IpcContext}'s factory
 * methods delegate here (module {@code mmipc-ipc-agrona}). Every method creates the object
 * {@code name} in {@code ctx}, or opens it when it exists after checking its type and
 * parameters; the object closes with the context. The values and arrays, one pair per primitive
 * type, are the generated {@link ValueProvider}.
 */
public interface SyncProvider extends ObjectProvider, ValueProvider
{
    SharedLock lock(TransportContext ctx, String name);

    SharedRLock rlock(TransportContext ctx, String name);

    SharedSemaphore semaphore(TransportContext ctx, String name, int permits, boolean bounded);

    SharedEvent event(TransportContext ctx, String name);

    /**
     * @param lock a lock of this provider's making.
     */
    SharedCondition condition(TransportContext ctx, String name, SharedLock lock);

    SharedBarrier barrier(TransportContext ctx, String name, int parties);

    /**
     * @param action  run by the party whose object trips the barrier, before any party is released; null for none.
     * @param timeout the default timeout of {@code await()}; null for none.
     */
    SharedBarrier barrier(TransportContext ctx, String name, int parties, Task action, Duration timeout);
}
