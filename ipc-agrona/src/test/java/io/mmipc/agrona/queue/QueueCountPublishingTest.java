package io.mmipc.agrona.queue;

import io.mmipc.IpcContext;
import io.mmipc.MessageHandler;
import io.mmipc.MessageQueue;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.counters.CountersReader;
import io.mmipc.internal.wait.Futex;
import io.mmipc.internal.wait.WakeWord;
import io.mmipc.internal.wait.WakeWordDescriptor;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.mmipc.internal.counters.CounterSet.*;
import static io.mmipc.internal.counters.MessageCounts.QUEUE_PUBLISH_EVERY;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A one-to-one queue counts its stream in fields and publishes it in steps: a reader of the
 * counters file sees the counts move while the stream flows, and exact ones once the receiver
 * finds the ring empty, once a send finds the ring full or wakes a sleeping receiver, and once the
 * queue closes.
 */
@Timeout(60)
class QueueCountPublishingTest
{
    @TempDir
    Path root;

    private final MessageHandler ignore = (buffer, offset, length) -> { };

    @Test
    void aStreamIsPublishedInStepsAndExactlyWhenTheReceiverIdlesAndTheQueueCloses() throws IOException
    {
        final int messages = QUEUE_PUBLISH_EVERY * 3 + 5;
        try (IpcContext ctx = IpcContext.create(root))
        {
            final UnsafeBuffer message = new UnsafeBuffer(new byte[16]);
            try (MessageQueue<byte[]> queue = ctx.queue("s", Codecs.bytes(),
                QueueOptions.defaults().oneToOne(true).capacity(64 * 1024)))
            {
                for (int i = 0; i < messages; i++)
                {
                    assertTrue(queue.offer(message, 0, 16), "room for all of them");
                }
                final CountersReader.Record during = only(ctx.directory());
                assertEquals(QUEUE_PUBLISH_EVERY * 3, during.get(MESSAGES_OUT), "whole periods are published");
                assertEquals(QUEUE_PUBLISH_EVERY * 3 * 16L, during.get(BYTES_OUT));

                for (int i = 0; i < QUEUE_PUBLISH_EVERY - 1; i++)
                {
                    assertTrue(queue.poll(ignore));
                }
                assertEquals(0, only(ctx.directory()).get(MESSAGES_IN), "less than a period received");
                assertEquals(messages - QUEUE_PUBLISH_EVERY + 1, queue.drain(ignore, Integer.MAX_VALUE));
                assertFalse(queue.poll(ignore), "empty");
                final CountersReader.Record idle = only(ctx.directory());
                assertEquals(messages, idle.get(MESSAGES_IN), "a receive that finds nothing publishes");
                assertEquals(messages * 16L, idle.get(BYTES_IN));
                assertEquals(QUEUE_PUBLISH_EVERY * 3, idle.get(MESSAGES_OUT), "the sender has not idled");
            }
            final CountersReader.Record closed = only(ctx.directory());
            assertEquals(messages, closed.get(MESSAGES_OUT), "close publishes the rest");
            assertEquals(messages * 16L, closed.get(BYTES_OUT));
            assertEquals(messages, closed.get(MESSAGES_IN));
        }
    }

    @Test
    void aSendThatFindsTheRingFullPublishesWhatWasSent() throws IOException
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
            try (MessageQueue<byte[]> queue = ctx.queue("f", Codecs.bytes(),
                QueueOptions.defaults().oneToOne(true).capacity(4096)))
            {
                int sent = 0;
                while (queue.offer(message, 0, 64))
                {
                    sent++;
                }
                assertTrue(sent > 0 && sent % QUEUE_PUBLISH_EVERY != 0, "a ring that fills between two periods: " + sent);
                final CountersReader.Record full = only(ctx.directory());
                assertEquals(sent, full.get(MESSAGES_OUT));
                assertEquals(sent * 64L, full.get(BYTES_OUT));
                assertEquals(1, full.get(FULL_EVENTS));
            }
        }
    }

    @Test
    void aSendThatWakesASleepingReceiverPublishesWhatWasSent() throws Exception
    {
        assumeTrue(Futex.loadNow() && Futex.sleepsAllowed(), "kernel sleeps are off in this JVM: " + Futex.status());
        try (IpcContext ctx = IpcContext.create(root))
        {
            final AgronaQueue<byte[]> queue = (AgronaQueue<byte[]>)ctx.queue("w", Codecs.bytes(),
                QueueOptions.defaults().oneToOne(true));
            final AtomicReference<Throwable> failed = new AtomicReference<>();
            final Thread receiver = new Thread(() ->
            {
                try
                {
                    queue.take(ignore);
                }
                catch (final Throwable ex)
                {
                    failed.set(ex);
                }
            }, "sleeping-receiver");
            receiver.start();
            final WakeWord dataArrived = queue.wakes().dataArrived();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((dataArrived.wordVolatile() & WakeWordDescriptor.SLEEPERS) == 0)
            {
                assertTrue(System.nanoTime() < deadline, "the receiver never slept in the kernel: " + dataArrived);
                Thread.onSpinWait();
            }
            // Only a publisher clears the sleepers flag: this send sees it, wakes the receiver and publishes.
            assertTrue(queue.offer(new UnsafeBuffer(new byte[24]), 0, 24));
            receiver.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(receiver.isAlive(), "the receiver was woken");
            assertNull(failed.get());
            final CountersReader.Record woken = only(ctx.directory());
            assertEquals(1, woken.get(MESSAGES_OUT), "one message, far below a period, published by the wake");
            assertEquals(24, woken.get(BYTES_OUT));
            queue.close();
        }
    }

    private static CountersReader.Record only(final Path directory) throws IOException
    {
        final List<CountersReader.ProcessFile> files = CountersReader.read(directory);
        assertEquals(1, files.size(), "one process counts here");
        final List<CountersReader.Record> records = CountersReader.sumByObject(files).values().iterator().next();
        assertEquals(1, records.size());
        return records.get(0);
    }
}
