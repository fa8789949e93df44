package io.mmipc;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A cyclic barrier across processes: Python's {@code multiprocessing.Barrier(parties)} with
 * {@link java.util.concurrent.CyclicBarrier}'s vocabulary. It trips when {@link #parties()} calls
 * of {@link #await()} (from any threads of any processes) have arrived, then starts the next round.
 * <p>
 * <b>Broken.</b> As in Java and Python, the barrier breaks when a waiter times out or is
 * interrupted, or on {@link #abort()}; a broken barrier fails every waiter and every later
 * {@link #await()} with {@link BrokenBarrierException} until {@link #reset()}. It also breaks
 * when a process dies while it waits at the barrier (found by polling, within about ten
 * milliseconds). A party that dies <em>before</em> it arrives cannot be told from a slow one: the
 * others wait until their timeout breaks the barrier, so give {@link #await(long, TimeUnit)} a
 * timeout where parties may crash (or give the barrier a default timeout at creation).
 * <p>
 * <b>Action and default timeout.</b> Made with {@code IpcContext.barrier(name, parties, action,
 * timeout)} (Python's {@code Barrier(parties, action, timeout)}), this object runs {@code action}
 * when it is the party that trips the barrier, once per round, before any party is released; an
 * action that throws breaks the barrier. Both belong to this object and travel with it into child
 * JVMs; a process that opened the barrier by name alone trips it without an action.
 */
public interface SharedBarrier extends SharedResource
{
    int parties();

    /**
     * Waits until every party has arrived; with a default timeout (see above) at most that long,
     * after which the barrier is broken and this throws {@link BrokenBarrierException}.
     *
     * @return the arrival index: {@code parties() - 1} for the first to arrive, 0 for the last.
     */
    int await() throws InterruptedException, BrokenBarrierException;

    /**
     * @return the arrival index.
     * @throws TimeoutException when {@code timeout} passed first; the barrier is then broken.
     */
    int await(long timeout, TimeUnit unit) throws InterruptedException, BrokenBarrierException, TimeoutException;

    /**
     * @return how many parties wait at the barrier now.
     */
    int getNumberWaiting();

    boolean isBroken();

    /**
     * Breaks the barrier: waiters and later arrivals get {@link BrokenBarrierException}.
     */
    void abort();

    /**
     * Breaks the current round (its waiters get {@link BrokenBarrierException}) and starts a fresh one.
     */
    void reset();

    /**
     * Sets how this process's threads wait (default {@link Idle#backoff()}).
     *
     * @return this barrier.
     */
    SharedBarrier idle(Supplier<IdleStrategy> idle);
}
