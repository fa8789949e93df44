package io.mmipc.agrona.topic;

import io.mmipc.IpcContext;
import io.mmipc.SharedStateCorruptedException;
import io.mmipc.TopicPolicy;
import io.mmipc.internal.file.SharedFiles;
import io.mmipc.internal.owner.OwnerWordDescriptor;
import io.mmipc.internal.owner.ParticipantRegistry;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.mmipc.agrona.topic.TopicDescriptor.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The topic's algorithms on a plain buffer: claim, commit, read, the slowest-reader bound, laps,
 * given-up and abandoned claims, and what a reader does with bytes no publisher wrote.
 */
class TopicRingTest
{
    private static final int CAPACITY = 8;
    private static final int MAX_LENGTH = 40;

    @TempDir
    Path root;

    private IpcContext ctx;
    private ParticipantRegistry registry;

    private TopicRing ring(final TopicPolicy policy)
    {
        ctx = IpcContext.create(root);
        registry = ParticipantRegistry.lease(ctx.directory(), SharedFiles.OWNER_ONLY);
        final int length = (int)bodyLength(CAPACITY, MAX_LENGTH, 2, 3);
        return new TopicRing(Path.of("plain-topic"), new UnsafeBuffer(ByteBuffer.allocateDirect(length)), 0,
            CAPACITY, MAX_LENGTH, 2, 3, policy);
    }

    private TopicMembers members(final TopicRing ring, final int localId)
    {
        return new TopicMembers(ring, registry, OwnerWordDescriptor.ownerId(registry.token(), localId));
    }

    @AfterEach
    void release()
    {
        if (registry != null)
        {
            registry.release();
        }
        if (ctx != null)
        {
            ctx.close();
        }
    }

    private static boolean send(final TopicWriter writer, final int value)
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[12]);
        message.putInt(0, value);
        message.putLong(4, value * 31L + 7);
        return writer.offer(message, 0, 12);
    }

    private static List<Integer> drain(final TopicReader reader)
    {
        final List<Integer> got = new ArrayList<>();
        reader.read((DirectBuffer buffer, int offset, int length) ->
        {
            assertEquals(12, length);
            final int value = buffer.getInt(offset);
            assertEquals(value * 31L + 7, buffer.getLong(offset + 4), "message " + value + " is intact");
            got.add(value);
        }, Integer.MAX_VALUE);
        return got;
    }

    @Test
    void everySubscriberReceivesEveryMessageInOrder()
    {
        final TopicRing ring = ring(TopicPolicy.BLOCK);
        final TopicMembers members = members(ring, 1);
        final TopicReader first = new TopicReader(ring, members, members.claimSubscriber(), 1_000_000);
        final TopicReader second = new TopicReader(ring, members, members.claimSubscriber(), 1_000_000);
        final TopicWriter writer = new TopicWriter(ring, members.claimPublisher());
        for (int i = 0; i < 5; i++)
        {
            assertTrue(send(writer, i));
        }
        assertEquals(List.of(0, 1, 2, 3, 4), drain(first));
        assertEquals(List.of(0, 1, 2, 3, 4), drain(second));
        assertEquals(List.of(), drain(first));
        assertEquals(5, writer.published());
        assertEquals(5, first.received());
        assertEquals(0, first.missed());
    }

    @Test
    void aSubscriberReceivesOnlyWhatWasPublishedAfterItSubscribed()
    {
        final TopicRing ring = ring(TopicPolicy.LAP);
        final TopicMembers members = members(ring, 1);
        final TopicWriter writer = new TopicWriter(ring, members.claimPublisher());
        send(writer, 1);
        final TopicReader late = new TopicReader(ring, members, members.claimSubscriber(), 1_000_000);
        send(writer, 2);
        assertEquals(List.of(2), drain(late));
    }

    @Test
    void blockHoldsPublishersToTheSlowestSubscriber()
    {
        final TopicRing ring = ring(TopicPolicy.BLOCK);
        final TopicMembers members = members(ring, 1);
        final TopicReader fast = new TopicReader(ring, members, members.claimSubscriber(), 1_000_000);
        final TopicReader slow = new TopicReader(ring, members, members.claimSubscriber(), 1_000_000);
        final TopicWriter writer = new TopicWriter(ring, members.claimPublisher());
        for (int i = 0; i < CAPACITY; i++)
        {
            assertTrue(send(writer, i));
        }
        assertEquals(CAPACITY, drain(fast).size());
        assertFalse(send(writer, 99), "the slow subscriber is a ring behind");
        assertEquals(List.of(0, 1), readSome(slow, 2));
        assertTrue(send(writer, 8));
        assertTrue(send(writer, 9));
        assertFalse(send(writer, 99));
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9), drain(slow));
        assertEquals(List.of(8, 9), drain(fast));
        assertEquals(0, slow.missed());
    }

    private static List<Integer> readSome(final TopicReader reader, final int limit)
    {
        final List<Integer> got = new ArrayList<>();
        reader.read((buffer, offset, length) -> got.add(buffer.getInt(offset)), limit);
        return got;
    }

    @Test
    void aClosedSubscriberNoLongerGoverns()
    {
        final TopicRing ring = ring(TopicPolicy.BLOCK);
        final TopicMembers members = members(ring, 1);
        final int slot = members.claimSubscriber();
        new TopicReader(ring, members, slot, 1_000_000);
        final TopicWriter writer = new TopicWriter(ring, members.claimPublisher());
        for (int i = 0; i < CAPACITY; i++)
        {
            assertTrue(send(writer, i));
        }
        assertFalse(send(writer, 8));
        members.releaseSubscriber(slot);
        assertTrue(send(writer, 8), "no subscriber holds the ring");
    }

    @Test
    void lapLetsPublishersRunAndTheLappedSubscriberCountsWhatItMissed()
    {
        final TopicRing ring = ring(TopicPolicy.LAP);
        final TopicMembers members = members(ring, 1);
        final TopicReader reader = new TopicReader(ring, members, members.claimSubscriber(), 1_000_000);
        final TopicWriter writer = new TopicWriter(ring, members.claimPublisher());
        final int total = CAPACITY * 3 + 3;
        for (int i = 0; i < total; i++)
        {
            assertTrue(send(writer, i), "a LAP publisher never waits");
        }
        final List<Integer> got = drain(reader);
        final List<Integer> oldestOn = new ArrayList<>();
        for (int i = total - CAPACITY; i < total; i++)
        {
            oldestOn.add(i);
        }
        assertEquals(oldestOn, got, "from the oldest message still in the ring");
        assertEquals(total - CAPACITY, reader.missed());
        assertEquals(CAPACITY, reader.received());
    }

    @Test
    void anAbortedClaimIsSkippedWithoutCountingIt()
    {
        final TopicRing ring = ring(TopicPolicy.BLOCK);
        final TopicMembers members = members(ring, 1);
        final TopicReader reader = new TopicReader(ring, members, members.claimSubscriber(), 1_000_000);
        final TopicWriter writer = new TopicWriter(ring, members.claimPublisher());
        send(writer, 1);
        writer.commit(writer.claim(), ABORTED, 0);
        send(writer, 2);
        assertEquals(List.of(1, 2), drain(reader));
        assertEquals(0, reader.missed());
    }

    @Test
    @Timeout(20)
    void aClaimOfADeadPublisherIsPassedAfterTheTimeoutAndCounted() throws InterruptedException
    {
        final TopicRing ring = ring(TopicPolicy.BLOCK);
        final TopicMembers members = members(ring, 1);
        final TopicReader reader = new TopicReader(ring, members, members.claimSubscriber(), 20_000_000);
        final int dead = members.claimPublisher();
        final TopicWriter deadWriter = new TopicWriter(ring, dead);
        final TopicWriter writer = new TopicWriter(ring, members.claimPublisher());
        send(writer, 1);
        deadWriter.claim(); // never committed
        send(writer, 2);
        members.releasePublisher(dead); // its holder is gone: the slot names nobody alive
        final List<Integer> got = new ArrayList<>(drain(reader));
        while (got.size() < 2)
        {
            Thread.yield(); // the reader's own clock decides when to pass the claim
            got.addAll(drain(reader));
        }
        assertEquals(List.of(1, 2), got);
        assertEquals(1, reader.missed());
    }

    @Test
    void aClaimOfALivePublisherIsWaitedFor()
    {
        final TopicRing ring = ring(TopicPolicy.BLOCK);
        final TopicMembers members = members(ring, 1);
        final TopicReader reader = new TopicReader(ring, members, members.claimSubscriber(), 1);
        final TopicWriter writer = new TopicWriter(ring, members.claimPublisher());
        final long sequence = writer.claim();
        for (int i = 0; i < 100; i++)
        {
            assertEquals(List.of(), drain(reader), "the holder of the claim lives");
        }
        final UnsafeBuffer message = new UnsafeBuffer(new byte[12]);
        message.putInt(0, 5);
        message.putLong(4, 5 * 31L + 7);
        ring.body().putBytes(writer.messageOffset(sequence), message, 0, 12);
        writer.commit(sequence, DATA, 12);
        assertEquals(List.of(5), drain(reader));
        assertEquals(0, reader.missed());
    }

    @Test
    void aLengthThatFailsItsCheckIsCorruptionNamingTheSlot()
    {
        final TopicRing ring = ring(TopicPolicy.BLOCK);
        final TopicMembers members = members(ring, 1);
        final TopicReader reader = new TopicReader(ring, members, members.claimSubscriber(), 1_000_000);
        final TopicWriter writer = new TopicWriter(ring, members.claimPublisher());
        send(writer, 1);
        ring.body().putInt(ring.messageSlot(0) + LENGTH_OFFSET, 1 << 30);
        final SharedStateCorruptedException ex = assertThrows(SharedStateCorruptedException.class, () -> drain(reader));
        assertTrue(ex.getMessage().contains("sequence 0"), ex.getMessage());
        assertEquals(0, reader.received(), "nothing was handed over");
    }

    @Test
    void aCommitTagOfNoLapIsCorruption()
    {
        final TopicRing ring = ring(TopicPolicy.BLOCK);
        final TopicMembers members = members(ring, 1);
        final TopicReader reader = new TopicReader(ring, members, members.claimSubscriber(), 1_000_000);
        final TopicWriter writer = new TopicWriter(ring, members.claimPublisher());
        writer.claim();
        ring.body().putLong(ring.messageSlot(0) + TAG_OFFSET, 0x1234_5678L);
        assertThrows(SharedStateCorruptedException.class, () -> drain(reader));
    }

    @Test
    void aTailMoreThanARingAheadOfABlockSubscriberIsCorruption()
    {
        final TopicRing ring = ring(TopicPolicy.BLOCK);
        final TopicMembers members = members(ring, 1);
        final TopicReader reader = new TopicReader(ring, members, members.claimSubscriber(), 1_000_000);
        ring.body().putLong(TAIL_OFFSET, 1L << 40);
        final SharedStateCorruptedException ex = assertThrows(SharedStateCorruptedException.class, () -> drain(reader));
        assertTrue(ex.getMessage().contains("tail"), ex.getMessage());
    }

    @Test
    void aSlotHolderMmipcNeverWritesIsCorruption()
    {
        final TopicRing ring = ring(TopicPolicy.BLOCK);
        final TopicMembers members = members(ring, 1);
        ring.body().putLong(ring.subscriberSlot(1) + HOLDER_OFFSET, 0x0BAD_F00D_0BAD_F00DL);
        assertThrows(SharedStateCorruptedException.class, members::claimSubscriber);
    }

    @Test
    void claimsCanBeHeldByTwoPublishersAtOnceAndCommitOutOfOrder()
    {
        final TopicRing ring = ring(TopicPolicy.LAP);
        final TopicMembers members = members(ring, 1);
        final TopicReader reader = new TopicReader(ring, members, members.claimSubscriber(), 1_000_000);
        final TopicWriter a = new TopicWriter(ring, members.claimPublisher());
        final TopicWriter b = new TopicWriter(ring, members.claimPublisher());
        final long first = a.claim();
        final long second = b.claim();
        ring.body().putInt(b.messageOffset(second), 2);
        ring.body().putLong(b.messageOffset(second) + 4, 2 * 31L + 7);
        b.commit(second, DATA, 12);
        assertEquals(List.of(), drain(reader), "the first claim is still open");
        ring.body().putInt(a.messageOffset(first), 1);
        ring.body().putLong(a.messageOffset(first) + 4, 31L + 7);
        a.commit(first, DATA, 12);
        assertEquals(List.of(1, 2), drain(reader));
    }

    @Test
    void allSlotsHeldByLiveMembersIsAClearError()
    {
        final TopicRing ring = ring(TopicPolicy.BLOCK);
        final TopicMembers members = members(ring, 1);
        members.claimPublisher();
        members.claimPublisher();
        final IllegalStateException ex = assertThrows(IllegalStateException.class, members::claimPublisher);
        assertTrue(ex.getMessage().contains("maxPublishers"), ex.getMessage());
    }
}
