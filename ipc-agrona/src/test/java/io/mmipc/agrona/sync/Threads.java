package io.mmipc.agrona.sync;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Small waits for thread-based tests (the child-JVM helpers are {@code io.mmipc.test.Children}).
 */
final class Threads
{
    private Threads()
    {
    }

    /**
     * Waits until {@code thread} is parked or blocked in {@code state}: it has reached its wait.
     */
    static void awaitState(final Thread thread, final Thread.State state) throws InterruptedException
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (thread.getState() != state)
        {
            if (System.nanoTime() > deadline || !thread.isAlive())
            {
                fail(thread + " did not reach " + state + " (it is " + thread.getState() + ")");
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }
}
