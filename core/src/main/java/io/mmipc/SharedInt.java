package io.mmipc;

import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * A 32-bit integer shared between processes: Python's {@code multiprocessing.Value('i', 0)} with
 * {@link java.util.concurrent.atomic.AtomicInteger}'s vocabulary. Every method is atomic across
 * processes; plain {@link #get()} and {@link #set} have volatile semantics, {@link #setRelease}
 * and {@link #getAcquire} the weaker pair. The value sits alone on its own 128-byte record.
 * <p>
 * For compound updates that one atomic cannot express, hold {@link #lock()}, the lock that comes
 * with the value (Python's {@code get_lock()}).
 * <pre>{@code
 * SharedInt hits = ctx.intValue("hits", 0);
 * hits.incrementAndGet();
 * }</pre>
 */
public interface SharedInt extends SharedResource
{
    int get();

    int getAcquire();

    void set(int value);

    void setRelease(int value);

    /**
     * The old name of {@link #setRelease}.
     */
    void lazySet(int value);

    int getAndSet(int value);

    boolean compareAndSet(int expected, int update);

    int getAndAdd(int delta);

    int addAndGet(int delta);

    int getAndIncrement();

    int incrementAndGet();

    int getAndDecrement();

    int decrementAndGet();

    /**
     * Applies {@code function} in a compare-and-set loop: it may run more than once, so it must be
     * free of side effects.
     */
    int getAndUpdate(IntUnaryOperator function);

    int updateAndGet(IntUnaryOperator function);

    int getAndAccumulate(int x, IntBinaryOperator function);

    int accumulateAndGet(int x, IntBinaryOperator function);

    /**
     * @return the reentrant lock that comes with this value, for compound updates. Every process
     *         that opens the value gets the same lock.
     */
    SharedRLock lock();
}
