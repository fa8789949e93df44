package io.mmipc;

import java.util.function.LongUnaryOperator;

/**
 * A fixed-length array of 64-bit integers shared between processes: Python's
 * {@code multiprocessing.Array('q', n)} with {@link java.util.concurrent.atomic.AtomicLongArray}'s
 * vocabulary. Each element access is atomic across processes; a bulk copy is atomic element by
 * element, not as a whole (hold {@link #lock()} for that). An index outside {@code [0, length)}
 * is an {@link IndexOutOfBoundsException}, never an access outside the array.
 */
public interface SharedLongArray extends SharedResource
{
    int length();

    long get(int index);

    long getAcquire(int index);

    void set(int index, long value);

    void setRelease(int index, long value);

    long getAndSet(int index, long value);

    boolean compareAndSet(int index, long expected, long update);

    long getAndAdd(int index, long delta);

    long addAndGet(int index, long delta);

    long incrementAndGet(int index);

    long updateAndGet(int index, LongUnaryOperator function);

    /**
     * Copies {@code length} elements from {@code srcIndex} of this array into {@code dst} at {@code dstIndex}.
     */
    void copyTo(int srcIndex, long[] dst, int dstIndex, int length);

    /**
     * Copies {@code length} elements of {@code src} from {@code srcIndex} into this array at {@code dstIndex}.
     */
    void copyFrom(long[] src, int srcIndex, int dstIndex, int length);

    /**
     * @return a copy of the whole array.
     */
    long[] toArray();

    /**
     * Sets every element to {@code value}.
     */
    void fill(long value);

    /**
     * @return the reentrant lock that comes with this array, for compound updates.
     */
    SharedRLock lock();
}
