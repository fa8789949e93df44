package io.mmipc.internal.wait;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.mmipc.test.Children.await;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A wait on several words ({@link Waiter#beginAny}) with threads of one JVM: a signal of any word
 * wakes it from its one kernel sleep ({@link FutexVector}); slices of a minute turn a lost
 * wake-up into a failed test, not a late wake.
 */
@Timeout(60)
class WaiterAnyTest
{
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);

    @BeforeAll
    static void futex()
    {
        assumeTrue(Futex.loadNow(), Futex.status());
    }

    private static WakeWord[] words(final int count)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            count * WakeWordDescriptor.SLOT_LENGTH, WakeWordDescriptor.SLOT_LENGTH));
        final WakeWord[] words = new WakeWord[count];
        for (int i = 0; i < count; i++)
        {
            words[i] = WakeWord.of(buffer, i * WakeWordDescriptor.SLOT_LENGTH);
        }
        return words;
    }

    @Test
    void aSignalOfTheLastWordWakesTheOneSleepOnAll() throws Exception
    {
        assumeTrue(FutexVector.available(), "no futex_waitv in this kernel");
        final WakeWord[] words = words(3);
        final AtomicBoolean published = new AtomicBoolean();
        final CompletableFuture<Integer> result = CompletableFuture.supplyAsync(() ->
        {
            final Waiter waiter = new Waiter(io.mmipc.Idle.backoff().get(), 0, 0, TimeUnit.SECONDS.toNanos(60));
            waiter.beginAny(WAIT_NANOS, true, TimeUnit.SECONDS.toNanos(60), words, 3);
            try
            {
                int idles = 0;
                while (!published.get())
                {
                    if (waiter.idle() != Waiter.AGAIN)
                    {
                        return -1;
                    }
                    idles++;
                }
                return idles;
            }
            finally
            {
                waiter.end();
            }
        });
        await("the waiter asleep on all three words", java.time.Duration.ofSeconds(20),
            () -> words[0].sleepCount() == 1 && words[1].sleepCount() == 1 && words[2].sleepCount() == 1);
        published.set(true);
        words[2].signal();
        assertTrue(result.get(20, TimeUnit.SECONDS) > 0, "the wait timed out: the signal did not wake it");
        assertEquals(1, words[2].wakeCount(), words[2].toString());
        assertEquals(0, words[0].wakeCount(), "nobody signalled word 0");
    }

    @Test
    void aSleepOnWordsThatMovedReturnsAtOnceAndADeadlineEndsASleep()
    {
        assumeTrue(FutexVector.available(), "no futex_waitv in this kernel");
        final WakeWord[] words = words(2);
        final FutexVector vector = new FutexVector();
        final int[] values = {words[0].wordVolatile() + 2, words[1].wordVolatile()};
        assertEquals(Futex.VALUE_CHANGED, vector.await(words, values, 2, TimeUnit.SECONDS.toNanos(20)));
        values[0] = words[0].wordVolatile();
        assertEquals(Futex.TIMED_OUT, vector.await(words, values, 2, TimeUnit.MILLISECONDS.toNanos(20)));
    }

    @Test
    void refusesAnEmptySet()
    {
        final Waiter waiter = new Waiter(io.mmipc.Idle.backoff().get());
        assertThrows(IllegalArgumentException.class, () -> waiter.beginAny(0, true, 1, words(1), 0));
        assertThrows(IllegalArgumentException.class, () -> waiter.beginAny(0, true, 1, words(1), 2));
    }
}
