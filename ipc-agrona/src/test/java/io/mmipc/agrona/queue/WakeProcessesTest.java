package io.mmipc.agrona.queue;

import io.mmipc.IpcContext;
import io.mmipc.MessageQueue;
import io.mmipc.Pipe;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.internal.wait.Futex;
import io.mmipc.internal.wait.WakeWord;
import io.mmipc.test.Children;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Kernel wake-ups of queues and pipes across real JVMs, with default options (issue 13): many
 * short request/response rounds, each reply derived from its request's sequence number and each
 * wait bounded, so a lost wake-up or a wrong message fails the round; the wake words' counters
 * show that both sides slept in the kernel and were woken there.
 */
@Timeout(180)
class WakeProcessesTest
{
    static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);
    static final int ROUNDS = 2_000;
    /** Every this many rounds the requester pauses, so the echo server goes to sleep for sure. */
    static final int PAUSE_EVERY = 25;

    @TempDir
    Path root;

    @Test
    void requestsAndRepliesThroughDefaultManyToManyQueuesWakeSleepers() throws Exception
    {
        assumeTrue(Futex.loadNow() && Futex.sleepsAllowed(), "kernel sleeps are off in this JVM: " + Futex.status());
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<byte[]> requests = ctx.queue("requests", Codecs.bytes());
            final MessageQueue<byte[]> replies = ctx.queue("replies", Codecs.bytes());
            try (ChildJvm echo = Children.start(WakeChildren.QueueEcho.class, Handles.encode(requests),
                Handles.encode(replies)))
            {
                Children.awaitLine(echo, "READY", CHILD_TIMEOUT);
                final UnsafeBuffer request = new UnsafeBuffer(new byte[8]);
                for (long seq = 0; seq < ROUNDS; seq++)
                {
                    pauseNow(seq);
                    request.putLong(0, seq);
                    requests.put(request, 0, 8);
                    final byte[] reply = replies.poll(10, TimeUnit.SECONDS);
                    assertNotNull(reply, "no reply to request " + seq + " within 10 s");
                    assertEquals(WakeChildren.reply(seq), new UnsafeBuffer(reply).getLong(0), "reply to " + seq);
                }
                request.putLong(0, -1);
                requests.put(request, 0, 8);
                assertNotNull(replies.poll(10, TimeUnit.SECONDS));
                assertTrue(Children.finish(echo, CHILD_TIMEOUT).contains("DONE"));
            }
            assertSleptAndWoken("requests", ((AgronaQueue<?>)requests).wakes().dataArrived());
            assertSleptAndWoken("replies", ((AgronaQueue<?>)replies).wakes().dataArrived());
            assertEquals(0, requests.skippedMessages());
            assertTrue(requests.isEmpty() && replies.isEmpty());
        }
    }

    @Test
    void requestsAndRepliesThroughADefaultPipeWakeSleepers() throws Exception
    {
        assumeTrue(Futex.loadNow() && Futex.sleepsAllowed(), "kernel sleeps are off in this JVM: " + Futex.status());
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Pipe<Long> pipe = ctx.pipe("echo", Codecs.int64());
            try (ChildJvm echo = Children.start(WakeChildren.PipeEcho.class, Handles.encode(pipe.end2())))
            {
                Children.awaitLine(echo, "READY", CHILD_TIMEOUT);
                for (long seq = 0; seq < ROUNDS; seq++)
                {
                    pauseNow(seq);
                    pipe.end1().send(seq);
                    final Long reply = pipe.end1().recv(10, TimeUnit.SECONDS);
                    assertNotNull(reply, "no reply to request " + seq + " within 10 s");
                    assertEquals(WakeChildren.reply(seq), reply, "reply to " + seq);
                }
                pipe.end1().send(-1L);
                assertNotNull(pipe.end1().recv(10, TimeUnit.SECONDS));
                assertTrue(Children.finish(echo, CHILD_TIMEOUT).contains("DONE"));
            }
            final AgronaPipeEnd<Long> end1 = (AgronaPipeEnd<Long>)pipe.end1();
            assertSleptAndWoken("requests to end 2", end1.wakesTo(2).dataArrived());
            assertSleptAndWoken("replies to end 1", end1.wakesTo(1).dataArrived());
        }
    }

    /**
     * A consumer killed with SIGKILL while it sleeps in the kernel leaves its sleepers flag set:
     * the next producer makes one spare wake, and the other consumer gets every message.
     */
    @Test
    void aSleepingConsumerKilledWithSigkillLeavesTheOthersWorking() throws Exception
    {
        assumeTrue(Futex.loadNow() && Futex.sleepsAllowed(), "kernel sleeps are off in this JVM: " + Futex.status());
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<byte[]> jobs = ctx.queue("jobs", Codecs.bytes());
            final WakeWord dataArrived = ((AgronaQueue<?>)jobs).wakes().dataArrived();
            try (ChildJvm victim = Children.start(WakeChildren.Counter.class, Handles.encode(jobs));
                 ChildJvm survivor = Children.start(WakeChildren.Counter.class, Handles.encode(jobs)))
            {
                Children.awaitLine(victim, "READY", CHILD_TIMEOUT);
                Children.awaitLine(survivor, "READY", CHILD_TIMEOUT);
                Children.await("both consumers asleep", CHILD_TIMEOUT, () -> dataArrived.sleepCount() >= 2);
                victim.process().destroyForcibly();
                assertTrue(victim.waitFor(CHILD_TIMEOUT));
                final int count = 1_000;
                for (int i = 0; i < count; i++)
                {
                    assertTrue(jobs.offer(new byte[]{(byte)i}, 10, TimeUnit.SECONDS), "message " + i);
                }
                assertTrue(jobs.offer(new byte[0], 10, TimeUnit.SECONDS));
                assertTrue(Children.finish(survivor, CHILD_TIMEOUT).contains("RECEIVED " + count));
            }
            assertTrue(dataArrived.wakeCount() >= 1, dataArrived.toString());
            assertTrue(jobs.isEmpty());
            assertEquals(0, jobs.skippedMessages());
        }
    }

    private static void pauseNow(final long seq)
    {
        if (seq % PAUSE_EVERY == 0)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // pacing, not synchronisation
        }
    }

    private static void assertSleptAndWoken(final String what, final WakeWord word)
    {
        assertTrue(word.sleepCount() > 0, what + ": nobody slept in the kernel: " + word);
        assertTrue(word.wakeCount() > 0, what + ": nobody was woken through the kernel: " + word);
    }
}
