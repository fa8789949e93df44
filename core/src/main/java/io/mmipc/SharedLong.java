package io.mmipc;

import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * A 64-bit integer shared between processes: Python's {@code multiprocessing.Value('q', 0)} with
 * {@link java.util.concurrent.atomic.AtomicLong}'s vocabulary. Every method is atomic across
 * processes; plain {@link #get()} and {@link #set} have volatile semantics, {@link #setRelease}
 * and {@link #getAcquire} the weaker pair. The value sits alone on its own 128-byte record.
 * <p>
 * For compound updates that one atomic cannot express, hold {@link #lock()}, the lock that comes
 * with the value (Python's {@code get_lock()}).
 * <pre>{@code
 * SharedLong hits = ctx.longValue("hits", 0);
 * hits.incrementAndGet();
 * }</pre>
 */
public interface SharedLong extends SharedResource
{
    long get();

    long getAcquire();

    void set(long value);

    void setRelease(long value);

    /**
     * The old name of {@link #setRelease}.
     */
    void lazySet(long value);

    long getAndSet(long value);

    boolean compareAndSet(long expected, long update);

    long getAndAdd(long delta);

    long addAndGet(long delta);

    long getAndIncrement();

    long incrementAndGet();

    long getAndDecrement();

    long decrementAndGet();

    /**
     * Applies {@code function} in a compare-and-set loop: it may run more than once, so it must be
     * free of side effects.
     */
    long getAndUpdate(LongUnaryOperator function);

    long updateAndGet(LongUnaryOperator function);

    long getAndAccumulate(long x, LongBinaryOperator function);

    long accumulateAndGet(long x, LongBinaryOperator function);

    /**
     * @return the reentrant lock that comes with this value, for compound updates. Every process
     *         that opens the value gets the same lock.
     */
    SharedRLock lock();
}
