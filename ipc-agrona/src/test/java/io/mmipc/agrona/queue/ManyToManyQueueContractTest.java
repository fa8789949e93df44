package io.mmipc.agrona.queue;

import io.mmipc.Idle;
import io.mmipc.IpcContext;
import io.mmipc.MessageQueue;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codecs;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The channel contract on the many-to-many queue, plus what only it promises: several
 * producers and consumers (each its own queue object, so consumers take turns through the
 * ownership word) move every message exactly once, each producer's in order.
 */
class ManyToManyQueueContractTest extends ChannelContractTest
{
    static QueueOptions options(final int capacity, final int maxMessageLength)
    {
        return QueueOptions.defaults().capacity(capacity).maxMessageLength(maxMessageLength).idle(Idle.backoff())
            .deadProcessTimeout(Duration.ofSeconds(10));
    }

    @Override
    Channel open(final IpcContext ctx, final int capacity, final int maxMessageLength)
    {
        return new QueueChannel(ctx.queue("m2m", Codecs.bytes(), options(capacity, maxMessageLength)));
    }

    @Test
    @Timeout(120)
    void producersAndConsumersOfSeparateObjectsMoveEveryMessageOnceInProducerOrder() throws Exception
    {
        final int producers = 3;
        final int consumers = 2;
        final int perProducer = 30_000;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicIntegerArray seen = new AtomicIntegerArray(producers * perProducer);
        final AtomicLong received = new AtomicLong();
        final AtomicLong problems = new AtomicLong();
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++)
        {
            final int producer = p;
            final MessageQueue<byte[]> queue = ctx.queue("m2m", Codecs.bytes(), options(CAPACITY, MAX_MESSAGE_LENGTH));
            threads.add(new Thread(() ->
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
                try
                {
                    for (int seq = 0; seq < perProducer; seq++)
                    {
                        queue.put(buffer, 0, Payloads.write(buffer, producer, seq));
                    }
                }
                catch (final Throwable ex)
                {
                    failure.compareAndSet(null, ex);
                }
            }, "producer-" + p));
        }
        for (int c = 0; c < consumers; c++)
        {
            final MessageQueue<byte[]> queue = ctx.queue("m2m", Codecs.bytes(), options(CAPACITY, MAX_MESSAGE_LENGTH));
            threads.add(new Thread(() ->
            {
                final int[] last = new int[producers];
                Arrays.fill(last, -1);
                try
                {
                    while (received.get() < (long)producers * perProducer && failure.get() == null)
                    {
                        queue.poll((buffer, offset, length) ->
                        {
                            received.incrementAndGet();
                            if (Payloads.check(buffer, offset, length) != null)
                            {
                                problems.incrementAndGet();
                                return;
                            }
                            final int producer = buffer.getInt(offset);
                            final int seq = buffer.getInt(offset + 4);
                            if (seq <= last[producer])
                            {
                                problems.incrementAndGet();
                            }
                            last[producer] = seq;
                            seen.incrementAndGet(producer * perProducer + seq);
                        }, 10, TimeUnit.MILLISECONDS);
                    }
                }
                catch (final Throwable ex)
                {
                    failure.compareAndSet(null, ex);
                }
            }, "consumer-" + c));
        }
        threads.forEach(Thread::start);
        for (final Thread thread : threads)
        {
            thread.join(100_000);
            assertFalse(thread.isAlive(), thread.getName() + " did not finish");
        }
        assertNull(failure.get());
        assertEquals(0, problems.get(), "torn or reordered messages");
        assertEquals((long)producers * perProducer, received.get());
        for (int i = 0; i < seen.length(); i++)
        {
            assertEquals(1, seen.get(i), "producer " + i / perProducer + " message " + i % perProducer);
        }
        assertEquals(0, channel.queue().size());
        assertEquals(0, channel.queue().skippedMessages());
    }
}
