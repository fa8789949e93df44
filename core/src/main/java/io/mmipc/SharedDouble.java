package io.mmipc;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A 64-bit floating-point value shared between processes: Python's
 * {@code multiprocessing.Value('d', 0.0)}. Every method is atomic across processes.
 * {@link #compareAndSet} compares bit patterns ({@link Double#doubleToRawLongBits}), so it
 * tells {@code 0.0} from {@code -0.0} and matches a NaN only with the same NaN. The arithmetic
 * methods are compare-and-set loops.
 */
public interface SharedDouble extends SharedResource
{
    double get();

    double getAcquire();

    void set(double value);

    void setRelease(double value);

    /**
     * The old name of {@link #setRelease}.
     */
    void lazySet(double value);

    double getAndSet(double value);

    boolean compareAndSet(double expected, double update);

    double getAndAdd(double delta);

    double addAndGet(double delta);

    /**
     * Applies {@code function} in a compare-and-set loop: it may run more than once.
     */
    double getAndUpdate(DoubleUnaryOperator function);

    double updateAndGet(DoubleUnaryOperator function);

    double getAndAccumulate(double x, DoubleBinaryOperator function);

    double accumulateAndGet(double x, DoubleBinaryOperator function);

    /**
     * @return the reentrant lock that comes with this value, for compound updates.
     */
    SharedRLock lock();
}
