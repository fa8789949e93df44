package io.mmipc.agrona.queue;

import io.mmipc.EndOfStreamException;
import io.mmipc.Idle;
import io.mmipc.IpcContext;
import io.mmipc.MessageQueue;
import io.mmipc.QueueOptions;
import io.mmipc.SharedMemory;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Queues between real child JVMs, including ones killed with SIGKILL at awkward moments.
 */
class QueueProcessesTest
{
    static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);
    static final QueueOptions OPTIONS = QueueOptions.defaults().capacity(1 << 16)
        .deadProcessTimeout(Duration.ofMillis(300)).idle(Idle.backoff());

    @TempDir
    Path root;

    @Test
    @Timeout(180)
    void producersAndConsumersInChildJvmsMoveEveryMessageExactlyOnceAndInOrder() throws Exception
    {
        final int producers = 3;
        final int consumers = 2;
        final int perProducer = 20_000;
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<byte[]> queue = ctx.queue("work", Codecs.bytes(), OPTIONS);
            final String handle = Handles.encode(queue);
            final List<ChildJvm> consumerJvms = new ArrayList<>();
            final List<ChildJvm> producerJvms = new ArrayList<>();
            try
            {
                for (int c = 0; c < consumers; c++)
                {
                    consumerJvms.add(Children.start(QueueChildren.Consumer.class, handle,
                        root.resolve("consumer-" + c).toString()));
                }
                for (int p = 0; p < producers; p++)
                {
                    producerJvms.add(Children.start(QueueChildren.Producer.class, handle, String.valueOf(p),
                        String.valueOf(perProducer)));
                }
                for (final ChildJvm producer : producerJvms)
                {
                    assertTrue(Children.finish(producer, CHILD_TIMEOUT).contains("SENT " + perProducer));
                }
                for (int c = 0; c < consumers; c++)
                {
                    queue.put(new byte[0]); // one end marker per consumer
                }
                for (final ChildJvm consumer : consumerJvms)
                {
                    Children.finish(consumer, CHILD_TIMEOUT); // exits 1 on a torn or reordered message
                }
            }
            finally
            {
                producerJvms.forEach(ChildJvm::close);
                consumerJvms.forEach(ChildJvm::close);
            }
            final int[][] seen = new int[producers][perProducer];
            int total = 0;
            for (int c = 0; c < consumers; c++)
            {
                for (final int[] pair : readPairs(root.resolve("consumer-" + c)))
                {
                    seen[pair[0]][pair[1]]++;
                    total++;
                }
            }
            assertEquals(producers * perProducer, total);
            for (int p = 0; p < producers; p++)
            {
                for (int seq = 0; seq < perProducer; seq++)
                {
                    assertEquals(1, seen[p][seq], "producer " + p + " message " + seq);
                }
            }
            assertTrue(queue.isEmpty());
            assertEquals(0, queue.size());
            assertEquals(0, queue.skippedMessages());
        }
    }

    /**
     * A producer JVM that ends without closing leaves its process slot and its count; once the
     * ring is empty a consumer reaps the slot and moves the count to the retired count. Counted
     * in both places, {@code size()} reported the dead producer's messages as waiting (the flaky
     * 40000 of the test above: two reaped producers of 20000).
     */
    @Test
    @Timeout(120)
    void aReapedProducersMessagesAreCountedOnce() throws Exception
    {
        final int count = 500;
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<byte[]> queue = ctx.queue("work", Codecs.bytes(), OPTIONS);
            Children.run(CHILD_TIMEOUT, QueueChildren.Producer.class, Handles.encode(queue), "0", String.valueOf(count));
            final List<int[]> received = new ArrayList<>();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (received.size() < count)
            {
                assertTrue(System.nanoTime() < deadline, "received " + received.size());
                takeInto(queue, received, 100);
            }
            assertInOrderExactlyOnce(received, 0, count);
            while (producerSlots(queue) > 0) // empty polls reap, every dead-process timeout
            {
                assertTrue(System.nanoTime() < deadline, "the dead producer's slot was not reaped");
                assertNull(queue.poll(10, TimeUnit.MILLISECONDS));
            }
            assertEquals(0, queue.size());
            assertEquals(0, queue.skippedMessages());
            queue.put(new byte[]{1});
            assertEquals(1, queue.size());
        }
    }

    /**
     * @return how many process slots of the queue's file name a producer, read from the file.
     */
    private static int producerSlots(final MessageQueue<?> queue) throws java.io.IOException
    {
        final int slots = QueueOptions.DEFAULT_MAX_PROCESSES;
        final ByteBuffer bytes = ByteBuffer.allocate(slots * QueueDescriptor.SLOT_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(queue.path(), StandardOpenOption.READ))
        {
            channel.read(bytes, SharedFileDescriptor.HEADER_LENGTH + QueueDescriptor.slotsOffset(queue.capacity()));
        }
        int producers = 0;
        for (int i = 0; i < slots; i++)
        {
            final int slot = i * QueueDescriptor.SLOT_LENGTH;
            if (bytes.getLong(slot + QueueDescriptor.SLOT_HOLDER_OFFSET) != 0 &&
                (bytes.getLong(slot + QueueDescriptor.SLOT_ROLES_OFFSET) & QueueDescriptor.ROLE_PRODUCER) != 0)
            {
                producers++;
            }
        }
        return producers;
    }

    @Test
    @Timeout(180)
    void aProducerKilledMidStreamLosesNoCommittedMessage() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<byte[]> queue = ctx.queue("work", Codecs.bytes(), OPTIONS);
            final SharedMemory progress = ctx.sharedMemory("progress", 64);
            final String handle = Handles.encode(queue);
            final int steady = 5_000;
            final List<int[]> received = new ArrayList<>();
            try (ChildJvm victim = Children.start(QueueChildren.Producer.class, handle, "1", "100000000", "progress");
                ChildJvm survivor = Children.start(QueueChildren.Producer.class, handle, "0", String.valueOf(steady)))
            {
                // Consume while the victim runs, kill it mid-stream, then drain.
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (progress.getLongAcquire(0) < 2_000)
                {
                    assertTrue(System.nanoTime() < deadline && victim.isAlive(), "victim made no progress");
                    takeInto(queue, received, 10);
                }
                victim.kill();
                assertTrue(victim.waitFor(Duration.ofSeconds(30)));
                final long committed = progress.getLongAcquire(0);
                while (survivor.isAlive() || count(received, 0) < steady || !queue.isEmpty())
                {
                    assertTrue(System.nanoTime() < deadline, "the consumer did not drain the queue");
                    takeInto(queue, received, 100);
                }
                Children.finish(survivor, CHILD_TIMEOUT);
                final int victimReceived = count(received, 1);
                assertTrue(victimReceived >= committed && victimReceived <= committed + 1,
                    "committed " + committed + ", received " + victimReceived);
                assertInOrderExactlyOnce(received, 0, steady);
                assertInOrderExactlyOnce(received, 1, victimReceived);
            }
        }
    }

    @Test
    @Timeout(120)
    void aClaimLeftOpenByADeadProducerIsSkippedAfterTheTimeout() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<byte[]> queue = ctx.queue("work", Codecs.bytes(), OPTIONS);
            try (ChildJvm claimer = Children.start(QueueChildren.StuckClaimer.class, Handles.encode(queue)))
            {
                Children.awaitLine(claimer, "CLAIMED", CHILD_TIMEOUT);
                queue.put("after".getBytes()); // lies behind the open claim
                assertNull(queue.poll(100, TimeUnit.MILLISECONDS), "the open claim blocks while its producer lives");
                claimer.kill();
                assertTrue(claimer.waitFor(Duration.ofSeconds(30)));
                assertArrayEquals("after".getBytes(), queue.poll(30, TimeUnit.SECONDS));
                assertEquals(1, queue.skippedMessages());
                assertTrue(queue.isEmpty());
            }
        }
    }

    @Test
    @Timeout(120)
    void aConsumerKilledWhileHoldingTheConsumerSideIsTakenOver() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<byte[]> queue = ctx.queue("work", Codecs.bytes(), OPTIONS.capacity(4096));
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
            for (int seq = 0; seq < 10; seq++)
            {
                queue.put(buffer, 0, Payloads.write(buffer, 0, seq));
            }
            try (ChildJvm holder = Children.start(QueueChildren.HoldingConsumer.class, Handles.encode(queue)))
            {
                assertEquals("0", Children.awaitLine(holder, "HOLDING ", CHILD_TIMEOUT));
                assertNull(queue.poll(100, TimeUnit.MILLISECONDS), "a live holder keeps the consumer side");
                holder.kill();
                assertTrue(holder.waitFor(Duration.ofSeconds(30)));

                // No live consumer: a timed offer on the full ring gets its timeout.
                while (queue.offer(new byte[100]))
                {
                    assertTrue(queue.size() < 100);
                }
                assertFalse(queue.offer(new byte[100], 200, TimeUnit.MILLISECONDS));

                final List<int[]> received = new ArrayList<>();
                final int[] fillers = {0};
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (received.size() < 9)
                {
                    assertTrue(System.nanoTime() < deadline, "no takeover: got " + received.size());
                    queue.poll((b, offset, length) ->
                    {
                        if (length == 100)
                        {
                            fillers[0]++;
                        }
                        else
                        {
                            assertNull(Payloads.check(b, offset, length));
                            received.add(new int[]{b.getInt(offset), b.getInt(offset + 4)});
                        }
                    }, 100, TimeUnit.MILLISECONDS);
                }
                assertEquals(1, received.get(0)[1], "message 0 died with its consumer (at-most-once)");
                assertInOrderExactlyOnce(received.subList(0, 9), 0, 9, 1);
            }
        }
    }

    @Test
    @Timeout(120)
    void aMultiMegabyteMessageCrossesJvmsThroughASpillFile() throws Exception
    {
        final int length = 8 << 20;
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<byte[]> queue = ctx.queue("big", Codecs.bytes(), OPTIONS.maxMessageLength(length));
            try (ChildJvm sender = Children.launcher(QueueChildren.LargeSender.class, Handles.encode(queue),
                String.valueOf(length)).jvmOptions("-Xmx64m").start())
            {
                final byte[] message = queue.poll(60, TimeUnit.SECONDS);
                Children.finish(sender, CHILD_TIMEOUT);
                assertNotNull(message);
                assertEquals(length, message.length);
                for (int i = 0; i < length; i++)
                {
                    assertEquals((byte)(i * 31 + 7), message[i], "byte " + i);
                }
            }
            try (var files = Files.list(ctx.directory()))
            {
                assertEquals(List.of(), files.filter(p -> p.toString().contains("~spill")).toList());
            }
        }
    }

    @Test
    @Timeout(120)
    void aOneToOneProducersDeathIsEndOfStreamAndANewProducerGoesOn() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<Long> queue = ctx.queue("o2o", Codecs.int64(), OPTIONS.oneToOne(true).capacity(4096));
            final String handle = Handles.encode(queue);
            try (ChildJvm first = Children.start(QueueChildren.OneToOneProducer.class, handle, "0", "100", "claim"))
            {
                Children.awaitLine(first, "SENT", CHILD_TIMEOUT);
                for (long i = 0; i < 100; i++)
                {
                    assertEquals(i, queue.take());
                }
                assertNull(queue.poll(50, TimeUnit.MILLISECONDS), "a live producer is no end of stream");
                first.kill();
                assertTrue(first.waitFor(Duration.ofSeconds(30)));
                assertThrows(EndOfStreamException.class, queue::take);
            }
            // Reuse: a new producer process attaches, repairs the dead one's open claim and goes on.
            // Until it attaches, the slot still names the dead one, so wait for it to finish first.
            try (ChildJvm second = Children.start(QueueChildren.OneToOneProducer.class, handle, "1000", "10", "exit"))
            {
                Children.finish(second, CHILD_TIMEOUT);
                for (long i = 1000; i < 1010; i++)
                {
                    assertEquals(i, queue.take(), "what a dead producer committed is received before the end");
                }
                assertThrows(EndOfStreamException.class, queue::take, "it exited without closing: dead too");
                assertEquals(1, queue.skippedMessages(), "the dead producer's open claim");
            }
        }
    }

    private static void takeInto(final MessageQueue<byte[]> queue, final List<int[]> received, final int limit)
        throws InterruptedException
    {
        queue.poll((buffer, offset, length) ->
        {
            assertNull(Payloads.check(buffer, offset, length));
            received.add(new int[]{buffer.getInt(offset), buffer.getInt(offset + 4)});
        }, 10, TimeUnit.MILLISECONDS);
        queue.drain((buffer, offset, length) ->
        {
            assertNull(Payloads.check(buffer, offset, length));
            received.add(new int[]{buffer.getInt(offset), buffer.getInt(offset + 4)});
        }, limit);
    }

    private static int count(final List<int[]> received, final int producer)
    {
        return (int)received.stream().filter(pair -> pair[0] == producer).count();
    }

    private static void assertInOrderExactlyOnce(final List<int[]> received, final int producer, final int count)
    {
        assertInOrderExactlyOnce(received, producer, count, 0);
    }

    private static void assertInOrderExactlyOnce(
        final List<int[]> received, final int producer, final int count, final int first)
    {
        int expected = first;
        for (final int[] pair : received)
        {
            if (pair[0] == producer)
            {
                assertEquals(expected++, pair[1], "producer " + producer);
            }
        }
        assertEquals(first + count, expected, "producer " + producer + " message count");
    }

    private static List<int[]> readPairs(final Path file) throws Exception
    {
        final List<int[]> pairs = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file))))
        {
            while (true)
            {
                final int producer;
                try
                {
                    producer = in.readInt();
                }
                catch (final EOFException end)
                {
                    return pairs;
                }
                pairs.add(new int[]{producer, in.readInt()});
            }
        }
    }
}
