package io.mmipc;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How a process waits for another. Java 17 has no futex, so a cross-process wait is polling:
 * spin briefly, then yield, then park with sleeps that grow up to a bound (about a millisecond by
 * default), so a waiter never burns a core for long and still wakes promptly. Busy-spinning is for
 * benchmarks and latency-critical users who ask for it: on this kind of machine two spinning
 * processes fill two cores.
 * <p>
 * Idle strategies keep state, so each waiting thread needs its own: these are factories.
 */
public final class Idle
{
    /** Spins before the first yield. */
    public static final long SPINS = 100;
    /** Yields before the first park. */
    public static final long YIELDS = 20;
    /** The first park, in nanoseconds. */
    public static final long MIN_PARK_NANOS = 1_000;
    /** The longest park of the default backoff, in nanoseconds. */
    public static final long MAX_PARK_NANOS = 1_000_000;

    private Idle()
    {
    }

    /**
     * @return the default: spin, yield, then park up to {@link #MAX_PARK_NANOS}.
     */
    public static Supplier<IdleStrategy> backoff()
    {
        return () -> new BackoffIdleStrategy(SPINS, YIELDS, MIN_PARK_NANOS, MAX_PARK_NANOS);
    }

    /**
     * @return a backoff whose parks grow up to {@code maxPark}.
     */
    public static Supplier<IdleStrategy> backoff(final Duration maxPark)
    {
        final long max = maxPark.toNanos();
        if (max < MIN_PARK_NANOS)
        {
            throw new IllegalArgumentException("maxPark " + maxPark + " is shorter than the first park of " +
                MIN_PARK_NANOS + " ns");
        }
        return () -> new BackoffIdleStrategy(SPINS, YIELDS, MIN_PARK_NANOS, max);
    }

    /**
     * @return busy-spinning: the lowest latency, one core per waiter.
     */
    public static Supplier<IdleStrategy> busySpin()
    {
        return BusySpinIdleStrategy::new;
    }
}
