package io.mmipc;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How a process waits for another. A blocking call spins briefly ({@link #SPINS}), yields
 * ({@link #YIELDS}), and then, with the default {@link #backoff()} on Linux (x86-64, aarch64),
 * sleeps in the kernel on a futex in the shared file until the publisher wakes it: a waiting
 * process uses no CPU beyond one wake-up per slice ({@code Waiter.SLICE_NANOS}, 10 ms), which
 * bounds how late it sees a Java interrupt or a dead peer; deadlines are kept exactly. The
 * publisher makes a system call only when someone sleeps. Queues, pipes, locks and the other
 * synchronisation objects, the dict's writers, the durable log's blocked reads (a wake word in the
 * log directory that every append signals) and the Pool's dispatcher all wait this way.
 * <p>
 * Where the futex cannot be had, or with {@code -Dmmipc.wait.futex=false}, the backoff parks with
 * sleeps that grow up to {@link #MAX_PARK_NANOS} (or the bound given to {@link #backoff(Duration)})
 * instead. Busy-spinning never sleeps in the kernel: it is for benchmarks and latency-critical
 * users who ask for it; on this kind of machine two spinning processes fill two cores.
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
     * @return the default: spin, yield, then sleep in the kernel until woken (or, without a
     *         futex, park up to {@link #MAX_PARK_NANOS}).
     */
    public static Supplier<IdleStrategy> backoff()
    {
        return () -> new BackoffIdleStrategy(SPINS, YIELDS, MIN_PARK_NANOS, MAX_PARK_NANOS);
    }

    /**
     * @return a backoff whose parks grow up to {@code maxPark} where it parks (without a futex,
     *         or for a wait that has no wake word); with a futex it sleeps until woken.
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
