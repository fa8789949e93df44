package io.mmipc.agrona.queue;

import io.mmipc.Idle;
import io.mmipc.IpcContext;
import io.mmipc.MessageQueue;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codecs;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The queue's API within one process (threads): shapes, sizes, wrap-around, claims, spill.
 * Cross-process behaviour is in {@link QueueProcessesTest}.
 */
class QueueTest
{
    @TempDir
    Path root;

    static QueueOptions options(final boolean oneToOne)
    {
        return QueueOptions.defaults().oneToOne(oneToOne).capacity(4096).idle(Idle.backoff())
            .deadProcessTimeout(Duration.ofMillis(200));
    }

    @ParameterizedTest(name = "oneToOne={0}")
    @ValueSource(booleans = {true, false})
    @Timeout(30)
    void objectsGoInAndComeOutInOrder(final boolean oneToOne) throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<String> q = ctx.queue("q", Codecs.utf8(), options(oneToOne));
            assertTrue(q.isEmpty());
            assertEquals(0, q.size());
            assertEquals(4096, q.remainingCapacity());
            assertNull(q.poll());
            assertTrue(q.offer("one"));
            q.put("two");
            assertTrue(q.offer("three", 1, TimeUnit.SECONDS));
            assertEquals(3, q.size());
            assertFalse(q.isEmpty());
            assertEquals(4096 - 3 * 16, q.remainingCapacity()); // 8-byte header + up to 5 bytes, aligned to 8
            assertEquals("one", q.poll());
            assertEquals("two", q.take());
            assertEquals("three", q.poll(1, TimeUnit.SECONDS));
            assertNull(q.poll(10, TimeUnit.MILLISECONDS));
            assertEquals(0, q.size());
            assertTrue(q.isEmpty());
            assertEquals(oneToOne, q.isOneToOne());
        }
    }

    @ParameterizedTest(name = "oneToOne={0}")
    @ValueSource(booleans = {true, false})
    @Timeout(60)
    void aThreadPairMovesManyMessagesThroughASmallRing(final boolean oneToOne) throws Exception
    {
        final int count = 200_000;
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<byte[]> q = ctx.queue("wrap", Codecs.bytes(), options(oneToOne));
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread producer = new Thread(() ->
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
                try
                {
                    for (int seq = 0; seq < count; seq++)
                    {
                        final int length = 4 + seq % 100; // varied lengths exercise padding at the ring's end
                        buffer.putInt(0, seq);
                        for (int i = 4; i < length; i++)
                        {
                            buffer.putByte(i, (byte)(seq + i));
                        }
                        q.put(buffer, 0, length);
                    }
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            });
            producer.start();
            final int[] expected = {0};
            while (expected[0] < count)
            {
                q.take((buffer, offset, length) ->
                {
                    final int seq = buffer.getInt(offset);
                    assertEquals(expected[0], seq);
                    assertEquals(4 + seq % 100, length);
                    for (int i = 4; i < length; i++)
                    {
                        assertEquals((byte)(seq + i), buffer.getByte(offset + i));
                    }
                    expected[0]++;
                });
            }
            producer.join();
            assertNull(failure.get());
            assertTrue(q.isEmpty());
            assertEquals(0, q.size());
        }
    }

    @ParameterizedTest(name = "oneToOne={0}")
    @ValueSource(booleans = {true, false})
    void claimCommitAndAbort(final boolean oneToOne) throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<byte[]> q = ctx.queue("claims", Codecs.bytes(), options(oneToOne));
            final int aborted = q.tryClaim(8);
            q.claimBuffer().putLong(aborted, 1);
            q.abort(aborted);
            final int committed = q.tryClaim(8);
            q.claimBuffer().putLong(committed, 42);
            q.commit(committed);
            final long[] got = new long[1];
            assertTrue(q.poll((buffer, offset, length) -> got[0] = buffer.getLong(offset)));
            assertEquals(42, got[0]);
            assertFalse(q.poll((buffer, offset, length) -> fail("only one was committed")));
            assertThrows(IllegalArgumentException.class, () -> q.tryClaim(q.maxInlineLength() + 1));
        }
    }

    @Test
    @Timeout(30)
    void aLiveProducersOpenClaimIsNeverSkippedAndItsAbortFreesTheRing() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final QueueOptions quick = options(false).deadProcessTimeout(Duration.ofMillis(50));
            final MessageQueue<String> stuck = ctx.queue("stuck", Codecs.utf8(), quick);
            final MessageQueue<String> other = ctx.queue("stuck", Codecs.utf8(), quick);
            final int claim = stuck.tryClaim(8);
            other.put("behind the claim");
            // Forty timeouts: the old rule skipped a live producer's claim after ten.
            assertNull(other.poll(2, TimeUnit.SECONDS), "a live producer's claim blocks as long as it is open");
            assertEquals(0, other.skippedMessages());
            stuck.abort(claim);
            assertEquals("behind the claim", other.poll(10, TimeUnit.SECONDS));
            assertEquals(0, other.skippedMessages(), "an aborted claim is padding, not a skip");
        }
    }

    @ParameterizedTest(name = "oneToOne={0}")
    @ValueSource(booleans = {true, false})
    void aFullQueueRefusesAtOnceAndTimesOut(final boolean oneToOne) throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<byte[]> q = ctx.queue("full", Codecs.bytes(), options(oneToOne).capacity(1024));
            final byte[] message = new byte[120];
            int sent = 0;
            while (q.offer(message))
            {
                sent++;
            }
            // Agrona's one-to-one producer keeps room for the next record's zeroed header.
            assertEquals(oneToOne ? 1024 / 128 - 1 : 1024 / 128, sent);
            assertFalse(q.offer(message, 50, TimeUnit.MILLISECONDS));
            assertEquals(sent, q.size());
            final List<byte[]> drained = new ArrayList<>();
            assertEquals(3, q.drainTo(drained, 3));
            assertEquals(sent - 3, q.drain((buffer, offset, length) -> assertEquals(120, length), 100));
        }
    }

    @ParameterizedTest(name = "oneToOne={0}")
    @ValueSource(booleans = {true, false})
    void aHandlerThatReceivesFromItsOwnQueueIsRefused(final boolean oneToOne) throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<String> q = ctx.queue("nested", Codecs.utf8(), options(oneToOne));
            q.put("a");
            q.put("b");
            assertThrows(IllegalStateException.class, () -> q.poll((buffer, offset, length) -> q.poll()));
            assertEquals("b", q.poll(), "the outer message was consumed, the inner call refused");
        }
    }

    @Test
    @Timeout(30)
    void blockedCallsAnswerInterrupts() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<String> q = ctx.queue("interrupt", Codecs.utf8(), options(false));
            final AtomicReference<Throwable> thrown = new AtomicReference<>();
            final Thread taker = new Thread(() ->
            {
                try
                {
                    q.take();
                }
                catch (final Throwable ex)
                {
                    thrown.set(ex);
                }
            });
            taker.start();
            taker.interrupt();
            taker.join(10_000);
            assertFalse(taker.isAlive());
            assertInstanceOf(InterruptedException.class, thrown.get());
        }
    }

    @ParameterizedTest(name = "oneToOne={0}")
    @ValueSource(booleans = {true, false})
    void anOversizedMessageNamesBothSizes(final boolean oneToOne)
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<byte[]> q = ctx.queue("big", Codecs.bytes(), options(oneToOne).maxMessageLength(10_000));
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> q.offer(new byte[10_001]));
            assertTrue(ex.getMessage().contains("10001") && ex.getMessage().contains("10000"), ex.getMessage());
            assertTrue(q.isEmpty(), "nothing written");
        }
    }

    @ParameterizedTest(name = "oneToOne={0}")
    @ValueSource(booleans = {true, false})
    @Timeout(30)
    void aMessageLargerThanTheRingGoesThroughASpillFile(final boolean oneToOne) throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<byte[]> q = ctx.queue("spill", Codecs.bytes(), options(oneToOne));
            final byte[] big = new byte[3 << 20];
            for (int i = 0; i < big.length; i++)
            {
                big[i] = (byte)(i * 7 + 3);
            }
            q.put("small".getBytes());
            q.put(big);
            assertEquals(2, q.size());
            assertArrayEquals("small".getBytes(), q.take());
            assertArrayEquals(big, q.take());
            try (var files = Files.list(ctx.directory()))
            {
                assertEquals(List.of(), files.filter(p -> p.toString().contains("~spill")).toList(),
                    "the receiver removes the spill file");
            }
        }
    }

    @Test
    void handlesReopenAQueueOrPipeOncePerJvm() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<String> queue = ctx.queue("handled", Codecs.utf8(), options(false));
            final String handle = Handles.encode(queue);
            final MessageQueue<String> first = Handles.decode(handle);
            final MessageQueue<String> second = Handles.decode(handle);
            assertNotSame(queue, first);
            assertSame(first, second, "one object per queue in a JVM");
            queue.put("via the creator");
            assertEquals("via the creator", first.poll(1, TimeUnit.SECONDS));

            final io.mmipc.Pipe<String> pipe = ctx.pipe("piped", Codecs.utf8());
            final io.mmipc.PipeEnd<String> end = Handles.decode(Handles.encode(pipe.end2()));
            assertSame(end, Handles.decode(Handles.encode(pipe.end2())), "an end that arrives twice is one end");
            assertEquals(2, end.number());
            end.send("hello");
            assertEquals("hello", pipe.end1().recv());

            final io.mmipc.codec.Codec<String> local = new io.mmipc.codec.Codec<>()
            {
                @Override
                public String id()
                {
                    return "local";
                }

                @Override
                public int encode(final String value, final org.agrona.MutableDirectBuffer buffer, final int offset)
                {
                    return Codecs.utf8().encode(value, buffer, offset);
                }

                @Override
                public String decode(final org.agrona.DirectBuffer buffer, final int offset, final int length)
                {
                    return Codecs.utf8().decode(buffer, offset, length);
                }
            };
            final MessageQueue<String> unsendable = ctx.queue("local", local, options(false));
            final Exception ex = assertThrows(Exception.class, () -> Handles.encode(unsendable));
            assertTrue(String.valueOf(ex.getMessage()).contains("neither Serializable nor built-in") ||
                String.valueOf(ex.getCause()).contains("neither Serializable nor built-in"), ex.toString());
        }
    }

    /**
     * A Serializable codec travels inside the handle and is a new object after each
     * deserialization; the queue or pipe end it names is still one object per JVM (before, a
     * second copy of an end was refused as "open in this process", and every task that captured
     * a queue opened it anew).
     */
    @Test
    void handlesWithASerializableCodecReopenOncePerJvmToo() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<java.io.Serializable> queue = ctx.queue("java", Codecs.java(), options(false));
            final String handle = Handles.encode(queue);
            final MessageQueue<java.io.Serializable> first = Handles.decode(handle);
            assertSame(first, Handles.decode(handle));
            queue.put(java.time.Duration.ofSeconds(7));
            assertEquals(java.time.Duration.ofSeconds(7), first.poll(1, TimeUnit.SECONDS));

            final io.mmipc.Pipe<java.io.Serializable> pipe = ctx.pipe("java-pipe", Codecs.java());
            final String end = Handles.encode(pipe.end2());
            final io.mmipc.PipeEnd<java.io.Serializable> sender = Handles.decode(end);
            sender.send(42L);
            final io.mmipc.PipeEnd<java.io.Serializable> again = Handles.decode(end);
            assertSame(sender, again, "the same end, not a second one refused as open in this process");
            again.send(43L);
            assertEquals(42L, pipe.end1().recv());
            assertEquals(43L, pipe.end1().recv());
        }
    }

    @Test
    void aSecondOneToOneProducerOrConsumerIsRefused()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<String> a = ctx.queue("one", Codecs.utf8(), options(true));
            final MessageQueue<String> b = ctx.queue("one", Codecs.utf8(), options(true));
            assertTrue(a.offer("x"));
            assertThrows(IllegalStateException.class, () -> b.offer("y"));
            assertEquals("x", a.poll());
            assertThrows(IllegalStateException.class, b::poll);
            a.close();
            assertTrue(b.offer("z"), "the role is free once its holder closed");
            assertEquals("z", b.poll());
            assertThrows(IllegalStateException.class, () -> a.offer("closed"));
        }
    }
}
