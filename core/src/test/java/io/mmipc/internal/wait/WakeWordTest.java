package io.mmipc.internal.wait;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.mmipc.test.Children.await;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The wake protocol on a mapped file, with threads: the fast path makes no system call, a
 * registered sleeper costs exactly one wake, and a signal between the re-check and the sleep is
 * not lost.
 */
class WakeWordTest
{
    private static final long LONG_NANOS = TimeUnit.SECONDS.toNanos(120);

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

    @Test
    void aSignalWithNobodyAsleepMakesNoSystemCall()
    {
        final WakeWord word = file.ping;
        final int before = word.wordVolatile();
        for (int i = 0; i < 10_000; i++)
        {
            word.signal();
        }
        assertEquals(0, word.wakeCount(), word.toString());
        assertEquals(WakeWordDescriptor.sequence(before) + 10_000, WakeWordDescriptor.sequence(word.wordVolatile()));
        assertEquals(0, word.wordVolatile() & WakeWordDescriptor.SLEEPERS);
    }

    @Test
    void aRegisteredSleeperCostsOneWakeAndNoMore()
    {
        final WakeWord word = file.ping;
        final int armed = word.arm(); // a waiter that then left: found its data, timed out, or died
        assertNotEquals(WakeWord.NOT_ARMED, armed);
        assertEquals(WakeWordDescriptor.SLEEPERS, armed & WakeWordDescriptor.SLEEPERS);
        assertEquals(armed, word.arm(), "a second waiter sleeps on the same value");
        for (int i = 0; i < 1_000; i++)
        {
            word.signal();
        }
        assertEquals(1, word.wakeCount(), word.toString());
    }

    @Test
    void anyValueIsSafeToFindAndTheSequenceWraps()
    {
        final WakeWord word = file.ping;
        file.file.body().putIntVolatile(WakeFile.PING_WORD, -1); // garbage: flag set, sequence at its end
        word.signal();
        assertEquals(1, word.wakeCount(), "one spare wake for the flag");
        assertEquals(0, word.wordVolatile(), "the sequence wrapped to 0, the flag is clear");
        word.signal();
        assertEquals(1, word.wakeCount());
        assertEquals(1, WakeWordDescriptor.sequence(word.wordVolatile()));
    }

    @Test
    @Timeout(30)
    void aSignalBetweenTheRecheckAndTheSleepIsNotLost()
    {
        final WakeWord word = file.ping;
        final int armed = word.arm();       // W1: registered
        assertEquals(0, file.pingData());   // W2: the re-check finds nothing
        file.putPingData(1);                // P1: the publisher gets in between
        word.signal();                      // P2, P3
        // W3: the kernel sees the word moved and does not sleep (a lost wake-up would sleep 120 s).
        assertEquals(Futex.VALUE_CHANGED, word.sleep(armed, LONG_NANOS, new Futex.Timespec()));
        assertEquals(1, word.sleepCount());
        assertEquals(1, word.wakeCount(), "the publisher saw the sleepers flag");
    }

    @Test
    @Timeout(60)
    void aSleeperIsWokenBySignal() throws Exception
    {
        final WakeWord word = file.ping;
        final AtomicInteger result = new AtomicInteger(-1);
        final Thread sleeper = new Thread(() ->
        {
            final int armed = word.arm();
            if (file.pingData() == 0)
            {
                result.set(word.sleep(armed, LONG_NANOS, new Futex.Timespec()));
            }
        });
        sleeper.start();
        await("the sleeper in FUTEX_WAIT", Duration.ofSeconds(30), () -> word.sleepCount() == 1);
        file.putPingData(1);
        word.signal();
        sleeper.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(sleeper.isAlive());
        final int got = result.get();
        assertTrue(got == Futex.WOKEN || got == Futex.VALUE_CHANGED, "result " + got);
        assertEquals(1, word.wakeCount());
    }

    @Test
    void slotsMustBeOffHeapInsideTheBufferAndAligned()
    {
        final IllegalArgumentException heap = assertThrows(IllegalArgumentException.class,
            () -> WakeWord.of(new UnsafeBuffer(new byte[256]), 0));
        assertTrue(heap.getMessage().contains("256-byte heap array"), heap.getMessage());

        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
        final IllegalArgumentException past = assertThrows(IllegalArgumentException.class,
            () -> WakeWord.of(direct, 192));
        assertTrue(past.getMessage().contains("offset 192") && past.getMessage().contains("capacity 256"),
            past.getMessage());
        final IllegalArgumentException unaligned = assertThrows(IllegalArgumentException.class,
            () -> WakeWord.of(direct, 4));
        assertTrue(unaligned.getMessage().contains("8-byte aligned"), unaligned.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WakeWord.of(direct, -8));
        WakeWord.of(direct, 128);
    }
}
