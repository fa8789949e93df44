package io.mmipc.internal.wait;

import io.mmipc.Idle;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.mmipc.test.Children.await;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The waiter's kernel path with threads of one JVM (the cross-process behaviour is in
 * {@link WakeAcrossProcessesTest}). Waiters here sleep in slices of a minute with no liveness
 * checks unless a test says otherwise, so a lost wake-up is a timed-out wait, not a late one.
 */
class WaiterTest
{
    static final long LONG_SLICE = TimeUnit.SECONDS.toNanos(60);
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    Path dir;

    private WakeFile file;

    @BeforeAll
    static void futex()
    {
        assumeTrue(Futex.loadNow(), Futex.status());
    }

    @BeforeEach
    void open() throws Exception
    {
        file = WakeFile.createOrOpen(dir);
    }

    @AfterEach
    void close()
    {
        file.close();
    }

    static Waiter kernelFirst()
    {
        return new Waiter(Idle.backoff().get(), 0, 0, LONG_SLICE);
    }

    @Test
    @Timeout(120)
    void twoThreadsPingPongWithoutALostWakeUp() throws Exception
    {
        final int rounds = 20_000;
        final AtomicReference<String> failure = new AtomicReference<>();
        final Thread ponger = new Thread(() -> failure.compareAndSet(null, PingPong.pong(file, kernelFirst(), rounds)));
        ponger.start();
        final String pinged = PingPong.ping(file, kernelFirst(), rounds);
        ponger.join(TimeUnit.SECONDS.toMillis(60));
        assertNull(pinged);
        assertNull(failure.get());
        assertTrue(file.ping.sleepCount() > 0 && file.pong.sleepCount() > 0, file.ping + " " + file.pong);
        assertTrue(file.ping.wakeCount() > 0 && file.pong.wakeCount() > 0, file.ping + " " + file.pong);
        System.out.println(rounds + " round trips: ping " + file.ping + ", pong " + file.pong);
    }

    /**
     * The publisher gets in at each point of a wait, driven step by step in one thread. A waiter
     * that slept without re-checking after it registered would sleep through the minute-long
     * slice and fail the timeout.
     */
    @Test
    @Timeout(30)
    void aPublicationBeforeTheWaiterRegistersIsSeenByTheRecheck()
    {
        final Waiter waiter = kernelFirst().begin(LONG_SLICE, false, PingPong.NO_CHECKS, file.ping);
        assertEquals(0, file.pingData());               // the caller's attempt fails
        file.putPingData(1);                            // a publisher gets in before the waiter registers:
        file.ping.signal();                             // nobody asleep, no wake
        assertEquals(Waiter.AGAIN, waiter.idle());      // registers and returns for the re-check
        assertEquals(1, file.pingData());               // the re-check sees the data
        waiter.end();
        assertEquals(0, file.ping.sleepCount());
        assertEquals(0, file.ping.wakeCount());
    }

    @Test
    @Timeout(30)
    void aPublicationBetweenRegisteringAndTheRecheckCostsOneSpareWake()
    {
        final Waiter waiter = kernelFirst().begin(LONG_SLICE, false, PingPong.NO_CHECKS, file.ping);
        assertEquals(0, file.pingData());
        assertEquals(Waiter.AGAIN, waiter.idle());      // registers
        file.putPingData(1);
        file.ping.signal();                             // sees the flag: wakes (nobody is in the kernel yet)
        assertEquals(1, file.pingData());               // the re-check sees the data
        waiter.end();
        assertEquals(0, file.ping.sleepCount());
        assertEquals(1, file.ping.wakeCount());
        file.ping.signal();
        assertEquals(1, file.ping.wakeCount(), "the flag was cleared by that wake");
    }

    @Test
    @Timeout(30)
    void aPublicationBetweenTheRecheckAndTheSleepEndsTheSleepAtOnce()
    {
        final Waiter waiter = kernelFirst().begin(LONG_SLICE, false, PingPong.NO_CHECKS, file.ping);
        assertEquals(0, file.pingData());
        assertEquals(Waiter.AGAIN, waiter.idle());      // registers
        assertEquals(0, file.pingData());               // the re-check fails
        file.putPingData(1);
        file.ping.signal();
        assertEquals(Waiter.AGAIN, waiter.idle());      // FUTEX_WAIT finds the word moved: no sleep
        assertEquals(1, file.pingData());
        waiter.end();
        assertEquals(1, file.ping.sleepCount());
    }

    /**
     * Spaced events (here: waits that time out after sleeping 2 ms) shrink the spin budget to
     * nothing, so a waiter for a request now and then stops spinning; quick ones (the condition
     * there once the waiter registers) grow it back to the full spin phase.
     */
    @Test
    @Timeout(30)
    void theSpinBudgetShrinksForSpacedEventsAndGrowsBackForQuickOnes()
    {
        final Waiter waiter = new Waiter(Idle.backoff().get(), 10, 2, LONG_SLICE);
        assertEquals(12, waiter.spinBudget(), "a new waiter spins the full phase");
        for (int wait = 0; wait < 5; wait++)
        {
            waiter.begin(TimeUnit.MILLISECONDS.toNanos(2), true, PingPong.NO_CHECKS, file.ping);
            int status;
            do
            {
                status = waiter.idle();
            }
            while (status == Waiter.AGAIN);
            waiter.end();
            assertEquals(Waiter.TIMED_OUT, status);
        }
        assertEquals(0, waiter.spinBudget(), "five sleeps longer than a spin phase: 12, 6, 3, 1, 0");
        assertTrue(file.ping.sleepCount() >= 5, file.ping.toString());

        for (int wait = 0; wait < 4; wait++)
        {
            waiter.begin(LONG_SLICE, true, PingPong.NO_CHECKS, file.ping);
            for (int step = 0; step <= waiter.spinBudget(); step++)
            {
                assertEquals(Waiter.AGAIN, waiter.idle()); // spins, then registers: no sleep yet
            }
            waiter.end();                                  // the caller's re-check found its condition
        }
        assertEquals(12, waiter.spinBudget(), "four quick waits: 1, 3, 7, 12");
    }

    @Test
    @Timeout(30)
    void aTimeoutEndsAKernelSleepAtTheDeadlineNotAtTheSlice()
    {
        final Waiter waiter =
            kernelFirst().begin(TimeUnit.MILLISECONDS.toNanos(50), true, PingPong.NO_CHECKS, file.ping);
        final long start = System.nanoTime();
        int status;
        do
        {
            status = waiter.idle();
        }
        while (status == Waiter.AGAIN);
        waiter.end();
        assertEquals(Waiter.TIMED_OUT, status);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50), "never early");
        assertTrue(waiter.remainingNanos() <= 0);
        assertTrue(file.ping.sleepCount() >= 1, "it slept in the kernel: " + file.ping);
    }

    @Test
    @Timeout(30)
    void sleepsEndAtTheCheckPeriod()
    {
        final Waiter waiter = kernelFirst().begin(Waiter.FOREVER, true, TimeUnit.MILLISECONDS.toNanos(20), file.ping);
        int checks = 0;
        while (checks < 3)
        {
            assertEquals(Waiter.AGAIN, waiter.idle());
            if (waiter.checkDue())
            {
                checks++;
            }
        }
        waiter.end();
        assertTrue(file.ping.sleepCount() >= 3, file.ping.toString());
    }

    @Test
    @Timeout(60)
    void anInterruptEndsAnInterruptibleWaitWithinASlice() throws Exception
    {
        final Waiter waiter = new Waiter(Idle.backoff().get()); // the real slice: a minute-long one would fail this
        final AtomicInteger status = new AtomicInteger(-1);
        final Thread thread = new Thread(() ->
        {
            waiter.begin(Waiter.FOREVER, true, file.ping);
            int s;
            do
            {
                s = file.pingData() != 0 ? -2 : waiter.idle();
            }
            while (s == Waiter.AGAIN);
            waiter.end();
            status.set(s);
        });
        thread.start();
        await("the waiter asleep in the kernel", Duration.ofSeconds(30), () -> file.ping.sleepCount() >= 1);
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(20));
        assertFalse(thread.isAlive());
        assertEquals(Waiter.INTERRUPTED, status.get());
    }

    @Test
    @Timeout(60)
    void anUninterruptibleWaitSleepsOnAndRestoresTheInterrupt() throws Exception
    {
        final AtomicReference<String> outcome = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            // The real slice: the interrupt is seen (and swallowed) when a slice ends.
            final Waiter waiter =
                new Waiter(Idle.backoff().get()).begin(WAIT_NANOS, false, PingPong.NO_CHECKS, file.ping);
            int s = Waiter.AGAIN;
            while (file.pingData() == 0 && s == Waiter.AGAIN)
            {
                s = waiter.idle();
            }
            waiter.end();
            outcome.set("status=" + s + " data=" + file.pingData() + " interrupted=" +
                Thread.currentThread().isInterrupted());
        });
        thread.start();
        await("the waiter asleep", Duration.ofSeconds(30), () -> file.ping.sleepCount() >= 1);
        final long sleepsBefore = file.ping.sleepCount();
        thread.interrupt();
        await("the interrupt swallowed and the waiter asleep again", Duration.ofSeconds(30),
            () -> file.ping.sleepCount() >= sleepsBefore + 2 || !thread.isAlive());
        assertTrue(thread.isAlive(), "an interrupt does not end it: " + outcome.get());
        file.putPingData(1);
        file.ping.signal();
        thread.join(TimeUnit.SECONDS.toMillis(20));
        assertEquals("status=0 data=1 interrupted=true", outcome.get());
    }

    @Test
    @Timeout(30)
    void busySpinNeverSleepsInTheKernel()
    {
        final int before = file.ping.wordVolatile();
        final Waiter waiter = new Waiter(new BusySpinIdleStrategy(), 0, 0, LONG_SLICE)
            .begin(TimeUnit.MILLISECONDS.toNanos(20), true, file.ping);
        int status;
        do
        {
            status = waiter.idle();
        }
        while (status == Waiter.AGAIN);
        waiter.end();
        assertEquals(Waiter.TIMED_OUT, status);
        assertEquals(before, file.ping.wordVolatile(), "never registered as a sleeper");
        assertEquals(0, file.ping.sleepCount());
    }

    @Test
    @Timeout(30)
    void withoutAWordItBacksOffAsBefore()
    {
        final Waiter waiter = kernelFirst().begin(TimeUnit.MILLISECONDS.toNanos(20), true);
        int status;
        do
        {
            status = waiter.idle();
        }
        while (status == Waiter.AGAIN);
        waiter.end();
        assertEquals(Waiter.TIMED_OUT, status);
        assertEquals(0, file.ping.sleepCount());
    }

    @Test
    void onlyStrategiesThatParkSleepInTheKernel()
    {
        assertTrue(Waiter.parks(Idle.backoff().get()));
        assertTrue(Waiter.parks(Idle.backoff(Duration.ofMillis(5)).get()));
        assertFalse(Waiter.parks(Idle.busySpin().get()));
        assertFalse(Waiter.parks(new org.agrona.concurrent.YieldingIdleStrategy()));
    }
}
