package io.mmipc.internal.wait;

import io.mmipc.Idle;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.mmipc.test.Children.await;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A wait on two words of a mapped file ({@link Waiter#beginAny}) woken by another JVM's
 * {@code FUTEX_WAKE} on the second word: the kernel keys the shared words by file and offset,
 * for {@code futex_waitv} as for {@code FUTEX_WAIT}. The waiter sleeps in slices of a minute
 * and its deadline is 60 s, so only the other JVM's wake ends the sleep before the test's timeout.
 */
class WakeAnyAcrossProcessesTest
{
    private static final Duration CHILD_TIME = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @BeforeAll
    static void futex()
    {
        assumeTrue(Futex.loadNow() && FutexVector.available(), "no futex_waitv here: " + Futex.status());
    }

    @Test
    @Timeout(50)
    void anotherJvmsSignalOfEitherWordWakesTheOneSleep() throws Exception
    {
        try (WakeFile file = WakeFile.createOrOpen(dir))
        {
            final WakeWord[] words = {file.ping, file.pong};
            final CompletableFuture<Integer> woken = CompletableFuture.supplyAsync(() ->
            {
                final Waiter waiter = new Waiter(Idle.backoff().get(), 0, 0, TimeUnit.SECONDS.toNanos(60));
                waiter.beginAny(TimeUnit.SECONDS.toNanos(60), true, TimeUnit.SECONDS.toNanos(60), words, 2);
                try
                {
                    while (file.pongData() == 0)
                    {
                        final int state = waiter.idle();
                        if (state != Waiter.AGAIN)
                        {
                            return state;
                        }
                    }
                    return Waiter.AGAIN;
                }
                finally
                {
                    waiter.end();
                }
            });
            await("the waiter asleep on both words", CHILD_TIME,
                () -> file.ping.sleepCount() >= 1 && file.pong.sleepCount() >= 1);
            try (ChildJvm child = Children.start(SignalPongMain.class, dir.toString()))
            {
                Children.finish(child, CHILD_TIME);
            }
            assertEquals(Waiter.AGAIN, woken.get(40, TimeUnit.SECONDS), "woken by the other JVM, not timed out");
            assertEquals(1, file.pong.wakeCount(), file.pong.toString());
            assertEquals(0, file.ping.wakeCount(), file.ping.toString());
        }
    }

    /**
     * Publishes pong data 1 and signals the pong word. Args: the directory of the wake file.
     */
    public static final class SignalPongMain
    {
        public static void main(final String[] args) throws Exception
        {
            Futex.loadNow();
            try (WakeFile file = WakeFile.createOrOpen(Paths.get(args[0])))
            {
                file.putPongData(1);
                file.pong.signal();
            }
        }
    }
}
