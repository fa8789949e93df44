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
     * A wait that sleeps in the kernel on a futex is RUNNABLE (in native code) to the JVM, so
     * for a waiting state a thread inside {@code Futex.await} counts as well.
     */
    static void awaitState(final Thread thread, final Thread.State state) throws InterruptedException
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (thread.getState() != state && !(waitingState(state) && inFutexSleep(thread)))
        {
            if (System.nanoTime() > deadline || !thread.isAlive())
            {
                fail(thread + " did not reach " + state + " (it is " + thread.getState() + ")");
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    private static boolean waitingState(final Thread.State state)
    {
        return state == Thread.State.TIMED_WAITING || state == Thread.State.WAITING;
    }

    /**
     * @return true while {@code thread} sleeps in {@code FUTEX_WAIT} (mmipc's kernel sleep).
     */
    static boolean inFutexSleep(final Thread thread)
    {
        for (final StackTraceElement frame : thread.getStackTrace())
        {
            if ("io.mmipc.internal.wait.Futex".equals(frame.getClassName()) && "await".equals(frame.getMethodName()))
            {
                return thread.getState() == Thread.State.RUNNABLE;
            }
        }
        return false;
    }
}
