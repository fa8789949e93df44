package io.mmipc;

/**
 * A flag shared between processes: {@link java.util.concurrent.atomic.AtomicBoolean}'s vocabulary
 * (Python's {@code Value('b', False)}). Every method is atomic across processes.
 */
public interface SharedBoolean extends SharedResource
{
    boolean get();

    boolean getAcquire();

    void set(boolean value);

    void setRelease(boolean value);

    /**
     * The old name of {@link #setRelease}.
     */
    void lazySet(boolean value);

    boolean getAndSet(boolean value);

    boolean compareAndSet(boolean expected, boolean update);

    /**
     * @return the reentrant lock that comes with this value, for compound updates.
     */
    SharedRLock lock();
}
