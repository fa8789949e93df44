package io.mmipc;

import java.util.function.IntUnaryOperator;

/**
 * A fixed-length array of 32-bit integers shared between processes: Python's
 * {@code multiprocessing.Array('i', n)} with {@link java.util.concurrent.atomic.AtomicIntegerArray}'s
 * vocabulary. Each element access is atomic across processes; a bulk copy is atomic element by
 * element, not as a whole (hold {@link #lock()} for that). An index outside {@code [0, length)}
 * is an {@link IndexOutOfBoundsException}, never an access outside the array.
 */
public interface SharedIntArray extends SharedResource
{
    int length();

    int get(int index);

    int getAcquire(int index);

    void set(int index, int value);

    void setRelease(int index, int value);

    int getAndSet(int index, int value);

    boolean compareAndSet(int index, int expected, int update);

    int getAndAdd(int index, int delta);

    int addAndGet(int index, int delta);

    int incrementAndGet(int index);

    int updateAndGet(int index, IntUnaryOperator function);

    /**
     * Copies {@code length} elements from {@code srcIndex} of this array into {@code dst} at {@code dstIndex}.
     */
    void copyTo(int srcIndex, int[] dst, int dstIndex, int length);

    /**
     * Copies {@code length} elements of {@code src} from {@code srcIndex} into this array at {@code dstIndex}.
     */
    void copyFrom(int[] src, int srcIndex, int dstIndex, int length);

    /**
     * @return a copy of the whole array.
     */
    int[] toArray();

    /**
     * Sets every element to {@code value}.
     */
    void fill(int value);

    /**
     * @return the reentrant lock that comes with this array, for compound updates.
     */
    SharedRLock lock();
}
