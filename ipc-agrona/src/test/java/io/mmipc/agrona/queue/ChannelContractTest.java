package io.mmipc.agrona.queue;

import io.mmipc.IpcContext;
import io.mmipc.MessageHandler;
import io.mmipc.MessageQueue;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract every channel of this package keeps, in the style of JCTools' {@code QueueSanityTest}:
 * one suite, run against the one-to-one queue, the many-to-many queue and a pipe (its end 2
 * sending to its end 1). Queue-only parts (size, claims, drains) are skipped for the pipe.
 */
@Timeout(60)
abstract class ChannelContractTest
{
    static final int CAPACITY = 4096;
    static final int MAX_MESSAGE_LENGTH = 64 << 10;

    @TempDir
    Path root;
    IpcContext ctx;
    Channel channel;

    /**
     * One direction of messages, as the suite drives it.
     */
    interface Channel extends AutoCloseable
    {
        /** Sends without waiting. */
        boolean offer(DirectBuffer buffer, int offset, int length);

        boolean offer(DirectBuffer buffer, int offset, int length, long timeout, TimeUnit unit)
            throws InterruptedException;

        void put(DirectBuffer buffer, int offset, int length) throws InterruptedException;

        /** Receives without waiting. */
        boolean poll(MessageHandler handler);

        boolean poll(MessageHandler handler, long timeout, TimeUnit unit) throws InterruptedException;

        boolean offer(byte[] value);

        byte[] poll();

        byte[] poll(long timeout, TimeUnit unit) throws InterruptedException;

        int maxMessageLength();

        int maxInlineLength();

        /**
         * @return the queue, or null for a pipe (size, claims and drains are queue-only).
         */
        MessageQueue<byte[]> queue();

        @Override
        void close();
    }

    /**
     * @return a new, empty channel of {@code capacity} bytes in {@code ctx}.
     */
    abstract Channel open(IpcContext ctx, int capacity, int maxMessageLength);

    @BeforeEach
    void openChannel()
    {
        ctx = IpcContext.create(root);
        channel = open(ctx, CAPACITY, MAX_MESSAGE_LENGTH);
    }

    @AfterEach
    void closeChannel()
    {
        channel.close();
        ctx.close();
    }

    static UnsafeBuffer bytes(final int length, final int seed)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Math.max(length, 1)]);
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(i, (byte)(seed * 31 + i * 7));
        }
        return buffer;
    }

    static boolean sameBytes(final DirectBuffer buffer, final int offset, final int length, final int seed)
    {
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != (byte)(seed * 31 + i * 7))
            {
                return false;
            }
        }
        return true;
    }

    @Test
    void aNewChannelIsEmpty()
    {
        assertNull(channel.poll());
        assertFalse(channel.poll((buffer, offset, length) -> fail("nothing was sent")));
        final MessageQueue<byte[]> queue = channel.queue();
        if (queue != null)
        {
            assertTrue(queue.isEmpty());
            assertEquals(0, queue.size());
            assertEquals(CAPACITY, queue.capacity());
            assertEquals(CAPACITY, queue.remainingCapacity());
            assertEquals(0, queue.skippedMessages());
        }
    }

    @Test
    void anOfferedMessageIsPolledOnceWithItsBytes()
    {
        assertTrue(channel.offer(bytes(100, 5), 0, 100));
        final int[] seen = {0};
        assertTrue(channel.poll((buffer, offset, length) ->
        {
            assertEquals(100, length);
            assertTrue(sameBytes(buffer, offset, length, 5));
            seen[0]++;
        }));
        assertEquals(1, seen[0]);
        assertFalse(channel.poll((buffer, offset, length) -> fail("it was delivered already")));
    }

    @Test
    void messagesComeOutInOrderAcrossManyLapsOfTheRing()
    {
        final int count = 20_000;
        final int[] next = {0};
        final MessageHandler check = (buffer, offset, length) ->
        {
            assertEquals(next[0] % 300, length, "message " + next[0]);
            assertTrue(sameBytes(buffer, offset, length, next[0]), "message " + next[0]);
            next[0]++;
        };
        for (int seq = 0; seq < count; seq++)
        {
            final UnsafeBuffer message = bytes(seq % 300, seq); // varied lengths: padding at the ring's end
            while (!channel.offer(message, 0, seq % 300))
            {
                assertTrue(channel.poll(check), "full, yet nothing to poll");
            }
        }
        while (channel.poll(check))
        {
            assertTrue(next[0] <= count);
        }
        assertEquals(count, next[0]);
    }

    @Test
    void sizeAndRemainingCapacityFollowOffersAndPolls()
    {
        final MessageQueue<byte[]> queue = queueOnly();
        for (int i = 0; i < 3; i++)
        {
            assertTrue(channel.offer(bytes(5, i), 0, 5));
        }
        assertEquals(3, queue.size());
        assertFalse(queue.isEmpty());
        assertEquals(CAPACITY - 3 * 16, queue.remainingCapacity(), "8-byte header + 5 bytes, aligned to 8");
        assertNotNull(channel.poll());
        assertEquals(2, queue.size());
        assertEquals(CAPACITY - 2 * 16, queue.remainingCapacity());
        assertNotNull(channel.poll());
        assertNotNull(channel.poll());
        assertEquals(0, queue.size());
        assertTrue(queue.isEmpty());
    }

    @Test
    void aFullChannelRefusesAtOnceAndTakesAgainAfterAPoll() throws Exception
    {
        int sent = 0;
        while (channel.offer(bytes(120, sent), 0, 120))
        {
            sent++;
            assertTrue(sent <= CAPACITY / 128, "more 128-byte records than the ring holds");
        }
        assertTrue(sent >= CAPACITY / 128 - 1, "a ring of " + CAPACITY + " bytes took only " + sent);
        assertFalse(channel.offer(bytes(120, sent), 0, 120, 10, TimeUnit.MILLISECONDS));
        final int[] next = {0};
        final MessageHandler check = (buffer, offset, length) -> assertTrue(sameBytes(buffer, offset, length, next[0]++));
        assertTrue(channel.poll(check));
        assertTrue(channel.offer(bytes(120, sent), 0, 120), "a poll made room");
        while (channel.poll(check))
        {
            assertTrue(next[0] <= sent + 1);
        }
        assertEquals(sent + 1, next[0]);
    }

    @Test
    void drainHandsOverAtMostTheLimitInOrder()
    {
        final MessageQueue<byte[]> queue = queueOnly();
        for (int i = 0; i < 5; i++)
        {
            assertTrue(queue.offer(new byte[]{(byte)i}));
        }
        final List<Integer> got = new ArrayList<>();
        assertEquals(0, queue.drain((buffer, offset, length) -> fail("limit 0"), 0));
        assertEquals(2, queue.drain((buffer, offset, length) -> got.add((int)buffer.getByte(offset)), 2));
        final List<byte[]> rest = new ArrayList<>();
        assertEquals(3, queue.drainTo(rest, 10));
        rest.forEach(bytes -> got.add((int)bytes[0]));
        assertEquals(List.of(0, 1, 2, 3, 4), got);
        assertEquals(0, queue.drain((buffer, offset, length) -> fail("empty"), 10));
    }

    @Test
    void aClaimIsUnseenUntilCommittedAndAnAbortedOneNeverArrives()
    {
        final MessageQueue<byte[]> queue = queueOnly();
        final int claimed = queue.tryClaim(16);
        assertTrue(claimed >= 0);
        queue.claimBuffer().putLong(claimed, 42);
        queue.claimBuffer().putLong(claimed + 8, 43);
        assertFalse(channel.poll((buffer, offset, length) -> fail("not committed yet")));
        queue.commit(claimed);
        final long[] got = new long[2];
        assertTrue(channel.poll((buffer, offset, length) ->
        {
            assertEquals(16, length);
            got[0] = buffer.getLong(offset);
            got[1] = buffer.getLong(offset + 8);
        }));
        assertArrayEquals(new long[]{42, 43}, got);

        final int aborted = queue.tryClaim(8);
        queue.abort(aborted);
        assertTrue(channel.offer(bytes(3, 9), 0, 3));
        assertTrue(channel.poll((buffer, offset, length) -> assertEquals(3, length, "the aborted claim is skipped")));
        assertThrows(IllegalArgumentException.class, () -> queue.tryClaim(channel.maxInlineLength() + 1));
        assertThrows(IllegalArgumentException.class, () -> queue.tryClaim(-1));
        assertTrue(queue.isEmpty());
    }

    @Test
    void aZeroLengthMessageIsAMessage()
    {
        assertTrue(channel.offer(bytes(0, 0), 0, 0));
        final int[] lengths = {-1};
        assertTrue(channel.poll((buffer, offset, length) -> lengths[0] = length));
        assertEquals(0, lengths[0]);
        assertTrue(channel.offer(new byte[0]));
        final byte[] empty = channel.poll();
        assertNotNull(empty, "an empty message, not \"no message\"");
        assertEquals(0, empty.length);
    }

    @Test
    void theLargestInlineMessageAndTheLargestMessageArriveWhole() throws Exception
    {
        final int inline = channel.maxInlineLength();
        final int largest = channel.maxMessageLength();
        assertTrue(largest > inline, "the suite's channels spill their largest messages");
        channel.put(bytes(inline, 1), 0, inline);
        channel.put(bytes(largest, 2), 0, largest);
        final int[] seen = {0};
        for (final int[] expected : new int[][]{{inline, 1}, {largest, 2}})
        {
            assertTrue(channel.poll((buffer, offset, length) ->
            {
                assertEquals(expected[0], length);
                assertTrue(sameBytes(buffer, offset, length, expected[1]));
                seen[0]++;
            }, 10, TimeUnit.SECONDS));
        }
        assertEquals(2, seen[0]);
        try (var files = Files.list(ctx.directory()))
        {
            assertEquals(List.of(), files.filter(p -> p.toString().contains("~spill")).toList(),
                "the receiver removes the spill file");
        }
    }

    @Test
    void aMessageOverTheLargestIsRefusedNamingBothSizesAndNothingIsSent()
    {
        final int largest = channel.maxMessageLength();
        final IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class,
            () -> channel.offer(bytes(largest + 1, 0), 0, largest + 1));
        assertTrue(tooLarge.getMessage().contains(String.valueOf(largest + 1)) &&
            tooLarge.getMessage().contains(String.valueOf(largest)), tooLarge.getMessage());
        assertThrows(IllegalArgumentException.class, () -> channel.offer(bytes(1, 0), 0, -1));
        assertNull(channel.poll(), "nothing written");
    }

    /**
     * A zero-copy send whose range lies outside its source is refused before it claims ring space:
     * a claim left uncommitted would hold up every later message (issue 14).
     */
    @Test
    void aSendOutsideItsSourceBufferIsRefusedAndTheNextMessageArrivesAtOnce() throws Exception
    {
        final UnsafeBuffer ten = new UnsafeBuffer(new byte[10]);
        final int large = channel.maxInlineLength() + 1;
        assertThrows(IndexOutOfBoundsException.class, () -> channel.offer(ten, 5, 10));
        assertThrows(IndexOutOfBoundsException.class, () -> channel.offer(ten, -1, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> channel.offer(ten, 5, 10, 1, TimeUnit.SECONDS));
        assertThrows(IndexOutOfBoundsException.class, () -> channel.put(ten, 11, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> channel.put(bytes(large, 1), 1, large));
        assertThrows(IndexOutOfBoundsException.class, () -> channel.offer(ten, Integer.MAX_VALUE, 10));
        assertThrows(NullPointerException.class, () -> channel.offer(null, 0, 1));
        assertTrue(channel.offer(bytes(10, 3), 0, 10));
        final boolean[] seen = {false};
        assertTrue(channel.poll((buffer, offset, length) -> seen[0] = length == 10 && sameBytes(buffer, offset, 10, 3)),
            "the next message arrives at once");
        assertTrue(seen[0], "with its own bytes");
        assertNull(channel.poll());
        try (Stream<Path> files = Files.walk(root))
        {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().contains("~spill-")).collect(
                Collectors.toList()), "no spill file written for a refused send");
        }
        final MessageQueue<byte[]> queue = channel.queue();
        if (queue != null)
        {
            assertEquals(0, queue.skippedMessages(), "no claim was left to skip");
            assertTrue(queue.isEmpty());
        }
    }

    @Test
    void callsAfterCloseAreRefused()
    {
        assertTrue(channel.offer(new byte[]{1}));
        channel.close();
        assertThrows(IllegalStateException.class, () -> channel.offer(new byte[]{2}));
        assertThrows(IllegalStateException.class, () -> channel.poll());
        assertThrows(IllegalStateException.class, () -> channel.poll((buffer, offset, length) -> fail("closed")));
    }

    @Test
    void aCloseFromAnotherThreadRefusesTheOpenersNextSend() throws Exception
    {
        assertTrue(channel.offer(bytes(8, 1), 0, 8)); // the opener's send: a one-to-one queue's skips the mapping guard
        final Thread closer = new Thread(channel::close);
        closer.start();
        closer.join();
        final IllegalStateException ex =
            assertThrows(IllegalStateException.class, () -> channel.offer(bytes(8, 2), 0, 8));
        assertTrue(ex.getMessage().contains("closed"), ex.getMessage());
    }

    @Test
    void timedCallsReturnWhenTheirTimeIsUp() throws Exception
    {
        assertNull(channel.poll(20, TimeUnit.MILLISECONDS));
        assertFalse(channel.poll((buffer, offset, length) -> fail("empty"), 20, TimeUnit.MILLISECONDS));
        while (channel.offer(bytes(200, 0), 0, 200))
        {
            assertTrue(channel.queue() == null || channel.queue().size() < CAPACITY / 200);
        }
        assertFalse(channel.offer(bytes(200, 0), 0, 200, 20, TimeUnit.MILLISECONDS));
    }

    @Test
    void aWaitingReceiveAnswersAnInterrupt() throws Exception
    {
        assertNull(channel.poll()); // opens a pipe's end here: the interrupt is for the wait, not the file's I/O
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final Thread receiver = new Thread(() ->
        {
            try
            {
                channel.poll((buffer, offset, length) -> fail("nothing was sent"), 60, TimeUnit.SECONDS);
            }
            catch (final Throwable ex)
            {
                thrown.set(ex);
            }
        });
        receiver.start();
        receiver.interrupt();
        receiver.join(30_000);
        assertFalse(receiver.isAlive());
        assertInstanceOf(InterruptedException.class, thrown.get());
    }

    @Test
    void aHandlerThatReceivesFromItsOwnChannelIsRefused()
    {
        assertTrue(channel.offer(new byte[]{1}));
        assertTrue(channel.offer(new byte[]{2}));
        assertThrows(IllegalStateException.class, () -> channel.poll((buffer, offset, length) -> channel.poll()));
        assertArrayEquals(new byte[]{2}, channel.poll(), "the outer message was consumed, the inner call refused");
    }

    /**
     * A producer thread sends sequence numbers with payloads derived from them ({@code seq + 13},
     * as the Disruptor's stress tests do) through a small ring; a consumer thread counts every
     * message that is torn, foreign or out of order.
     */
    @Test
    @Timeout(120)
    void aProducerThreadAndAConsumerThreadAgreeOnEveryMessage() throws Exception
    {
        final int count = 100_000;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread producer = new Thread(() ->
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8 * 9]);
            try
            {
                for (long seq = 0; seq < count; seq++)
                {
                    final int words = 1 + (int)(seq % 9);
                    buffer.putLong(0, seq);
                    for (int i = 1; i < words; i++)
                    {
                        buffer.putLong(i * 8, seq + 13);
                    }
                    channel.put(buffer, 0, words * 8);
                }
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        }, "contract-producer");
        final AtomicLong mismatches = new AtomicLong();
        final long[] next = {0};
        final MessageHandler check = (buffer, offset, length) ->
        {
            final long seq = buffer.getLong(offset);
            boolean ok = seq == next[0] && length == 8 * (1 + (int)(seq % 9));
            for (int i = 8; ok && i < length; i += 8)
            {
                ok = buffer.getLong(offset + i) == seq + 13;
            }
            if (!ok)
            {
                mismatches.incrementAndGet();
            }
            next[0] = seq + 1;
        };
        producer.start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
        int received = 0;
        while (received < count)
        {
            assertTrue(System.nanoTime() < deadline, "received " + received + " of " + count);
            if (channel.poll(check, 100, TimeUnit.MILLISECONDS))
            {
                received++;
            }
            assertNull(failure.get());
        }
        producer.join(30_000);
        assertNull(failure.get());
        assertEquals(0, mismatches.get(), "torn, foreign or reordered messages");
        assertEquals(count, next[0]);
        assertNull(channel.poll());
    }

    private MessageQueue<byte[]> queueOnly()
    {
        final MessageQueue<byte[]> queue = channel.queue();
        assumeTrue(queue != null, "queues only");
        return queue;
    }
}
