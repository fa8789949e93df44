package io.mmipc;

import org.agrona.concurrent.IdleStrategy;

import java.util.function.Supplier;

/**
 * A reentrant lock across processes: Python's {@code multiprocessing.RLock}, the shared twin of
 * {@link java.util.concurrent.locks.ReentrantLock}. The holding thread may lock it again; each
 * {@link #lock()} needs its {@link #unlock()}. Robust like {@link SharedLock}: when the holding
 * process dies, all its holds go at once and the next holder starts with a hold count of one and
 * {@link #previousOwnerDied()} true.
 */
public interface SharedRLock extends SharedLock
{
    /**
     * @return how many times the current thread holds the lock (0 when it does not).
     */
    int getHoldCount();

    @Override
    SharedRLock idle(Supplier<IdleStrategy> idle);
}
