package io.mmipc;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A flag that processes wait for: Python's {@code multiprocessing.Event}. {@link #set()} wakes
 * every waiter, in every process; a waiter that was waiting when the flag was set returns true
 * even when the flag was cleared again before it looked.
 */
public interface SharedEvent extends SharedResource
{
    /**
     * Sets the flag and wakes every waiter.
     */
    void set();

    /**
     * Clears the flag: later waits block until the next {@link #set()}.
     */
    void clear();

    boolean isSet();

    /**
     * Waits until the flag is set.
     */
    void await() throws InterruptedException;

    /**
     * Waits until the flag is set or {@code timeout} passes.
     *
     * @return true when the flag was set (Python's {@code wait(timeout)}), false on timeout.
     */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * Sets how this process's threads wait (default {@link Idle#backoff()}).
     *
     * @return this event.
     */
    SharedEvent idle(Supplier<IdleStrategy> idle);
}
