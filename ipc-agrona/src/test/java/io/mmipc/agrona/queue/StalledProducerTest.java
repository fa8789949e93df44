package io.mmipc.agrona.queue;

import io.mmipc.Idle;
import io.mmipc.IpcContext;
import io.mmipc.MessageQueue;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 14.2: a live producer stalled inside a claim (stopped with SIGSTOP) is never skipped, even
 * with a short dead-process timeout, so its late bytes never land in another message.
 */
class StalledProducerTest
{
    static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);
    static final Duration DEAD_PROCESS_TIMEOUT = Duration.ofMillis(50);

    @TempDir
    Path root;

    @Test
    @Timeout(180)
    void aStoppedProducersClaimHoldsConsumersUntilItResumesAndEveryMessageArrivesOnceIntact() throws Exception
    {
        final int sent = 200;
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<byte[]> queue = ctx.queue("work", Codecs.bytes(), QueueOptions.defaults()
                .capacity(1 << 16).deadProcessTimeout(DEAD_PROCESS_TIMEOUT).idle(Idle.backoff()));
            final Path release = root.resolve("release");
            try (ChildJvm stalled = Children.start(
                QueueChildren.StalledClaimer.class, Handles.encode(queue), "1", release.toString()))
            {
                Children.awaitLine(stalled, "CLAIMED", CHILD_TIMEOUT);
                signal("-STOP", stalled.pid());
                try
                {
                    final UnsafeBuffer message = new UnsafeBuffer(new byte[256]);
                    for (int seq = 0; seq < sent; seq++)
                    {
                        assertTrue(queue.offer(message, 0, Payloads.write(message, 0, seq)), "ring full at " + seq);
                    }
                    // The old rule skipped a claim open for ten timeouts (500 ms): wait forty.
                    assertNull(queue.poll(DEAD_PROCESS_TIMEOUT.toMillis() * 40, TimeUnit.MILLISECONDS),
                        "the stopped producer's open claim blocks the ring");
                    assertEquals(0, queue.skippedMessages(), "a live producer's claim was skipped");
                }
                finally
                {
                    signal("-CONT", stalled.pid());
                }
                Files.createFile(release);
                Children.awaitLine(stalled, "COMMITTED", CHILD_TIMEOUT);
                assertIntact(queue.poll(30, TimeUnit.SECONDS), 1, 0);
                for (int seq = 0; seq < sent; seq++)
                {
                    assertIntact(queue.poll(30, TimeUnit.SECONDS), 0, seq);
                }
                assertNull(queue.poll(10, TimeUnit.MILLISECONDS));
                assertEquals(0, queue.skippedMessages());
                Children.finish(stalled, CHILD_TIMEOUT);
            }
        }
    }

    private static void assertIntact(final byte[] message, final int producer, final int seq)
    {
        assertNotNull(message, "producer " + producer + " seq " + seq + " never arrived");
        final UnsafeBuffer buffer = new UnsafeBuffer(message);
        assertNull(Payloads.check(buffer, 0, message.length));
        assertEquals(producer, buffer.getInt(0), "producer");
        assertEquals(seq, buffer.getInt(4), "seq of producer " + producer);
    }

    private static void signal(final String signal, final long pid) throws Exception
    {
        final Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(30, TimeUnit.SECONDS), "kill " + signal + " " + pid);
        assertEquals(0, kill.exitValue(), "kill " + signal + " " + pid);
    }
}
