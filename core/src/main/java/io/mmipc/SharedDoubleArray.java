package io.mmipc;

import java.util.function.DoubleUnaryOperator;

/**
 * A fixed-length array of 64-bit floating-point values shared between processes: Python's
 * {@code multiprocessing.Array('d', n)}. Each element access is atomic across processes;
 * {@link #compareAndSet} compares bit patterns, and the arithmetic methods are compare-and-set
 * loops. A bulk copy is atomic element by element, not as a whole (hold {@link #lock()} for
 * that). An index outside {@code [0, length)} is an {@link IndexOutOfBoundsException}.
 */
public interface SharedDoubleArray extends SharedResource
{
    int length();

    double get(int index);

    double getAcquire(int index);

    void set(int index, double value);

    void setRelease(int index, double value);

    double getAndSet(int index, double value);

    boolean compareAndSet(int index, double expected, double update);

    double getAndAdd(int index, double delta);

    double addAndGet(int index, double delta);

    double updateAndGet(int index, DoubleUnaryOperator function);

    /**
     * Copies {@code length} elements from {@code srcIndex} of this array into {@code dst} at {@code dstIndex}.
     */
    void copyTo(int srcIndex, double[] dst, int dstIndex, int length);

    /**
     * Copies {@code length} elements of {@code src} from {@code srcIndex} into this array at {@code dstIndex}.
     */
    void copyFrom(double[] src, int srcIndex, int dstIndex, int length);

    /**
     * @return a copy of the whole array.
     */
    double[] toArray();

    /**
     * Sets every element to {@code value}.
     */
    void fill(double value);

    /**
     * @return the reentrant lock that comes with this array, for compound updates.
     */
    SharedRLock lock();
}
