package io.mmipc.agrona.queue;

import io.mmipc.IpcContext;
import io.mmipc.MessageHandler;
import io.mmipc.MessageQueue;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.counters.CountersReader;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static io.mmipc.internal.counters.CounterSet.*;
import static io.mmipc.internal.counters.MessageCounts.QUEUE_PUBLISH_EVERY;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A one-to-one queue counts its stream in fields and publishes it in steps: a reader of the
 * counters file sees the counts move while the stream flows, and exact ones once the receiver
 * finds the ring empty and once the queue closes.
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

    private static CountersReader.Record only(final Path directory) throws IOException
    {
        final List<CountersReader.ProcessFile> files = CountersReader.read(directory);
        assertEquals(1, files.size(), "one process counts here");
        final List<CountersReader.Record> records = CountersReader.sumByObject(files).values().iterator().next();
        assertEquals(1, records.size());
        return records.get(0);
    }
}
