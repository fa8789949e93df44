package io.mmipc.agrona.queue;

import io.mmipc.SharedStateCorruptedException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.mmipc.agrona.queue.ChannelDescriptor.*;
import static org.agrona.concurrent.ringbuffer.RingBuffer.PADDING_MSG_TYPE_ID;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link RingRepair} on a ring in plain memory, each repair in the state a dead process leaves:
 * what it turns into padding, what it skips and counts, and that padding is published as a
 * producer publishes a record (type first, length last with release).
 */
class RingRepairTest
{
    @Test
    void aConsumerTakingOverSkipsTheBatchTheDeadOneHadTaken()
    {
        final TestRing t = new TestRing(false);
        t.write(8, 1);
        t.write(8, 2);
        t.write(8, 3);
        t.consumer.putLongRelease(TAKEN_POSITION_OFFSET, 32); // it had taken two and died in the handler
        assertEquals(2, RingRepair.skipTaken(t.channel, null));
        assertEquals(32, t.head());
        assertEquals(2, t.channel.consumed());
        assertEquals(List.of(3), t.readAll(), "none it had taken comes again");
        assertEquals(0, RingRepair.skipTaken(t.channel, null), "taken at or before the head: nothing to skip");
    }

    @Test
    void aManyToOneBatchIsZeroedBeforeTheHeadMovesPastIt()
    {
        final TestRing t = new TestRing(true);
        t.write(8, 1);
        t.write(8, 2);
        t.consumer.putLongRelease(TAKEN_POSITION_OFFSET, 16);
        t.log.clear();
        assertEquals(1, RingRepair.skipTaken(t.channel, null));
        assertTrue(t.logged("ring setMemory 0=16") < t.logged("ring putLongRelease " + t.channel.headPositionIndex()),
            t.log.toString());
        assertEquals(0, t.ring.getLong(0));
        assertEquals(List.of(2), t.readAll());
    }

    @Test
    void aTakenPositionOutsideTheRingOrABadLengthInTheBatchIsCorrupt()
    {
        final TestRing t = new TestRing(false);
        t.write(8, 1);
        t.consumer.putLongRelease(TAKEN_POSITION_OFFSET, 64); // past the tail (16)
        final SharedStateCorruptedException past = assertThrows(SharedStateCorruptedException.class,
            () -> RingRepair.skipTaken(t.channel, null));
        assertTrue(past.getMessage().contains("taken position 64"), past.getMessage());
        assertEquals(TestRing.RING_FILE_OFFSET + TAKEN_POSITION_OFFSET - RING_OFFSET, past.offset());

        final TestRing u = new TestRing(false);
        u.write(8, 1);
        u.write(8, 2);
        u.consumer.putLongRelease(TAKEN_POSITION_OFFSET, 32);
        u.ring.putInt(16, 40); // runs past the batch
        final SharedStateCorruptedException bad = assertThrows(SharedStateCorruptedException.class,
            () -> RingRepair.skipTaken(u.channel, null));
        assertEquals(TestRing.RING_FILE_OFFSET + 16, bad.offset());
        assertEquals(0, u.head(), "nothing skipped");
    }

    @Test
    void aNewOneToOneProducerPadsTheDeadOnesOpenClaim()
    {
        final TestRing t = new TestRing(false);
        t.write(8, 1);
        final int claim = t.producer.tryClaim(typeId(DATA_MSG_TYPE_ID, 24), 16); // the dead producer's
        assertTrue(claim >= 0);
        assertEquals(List.of(1), t.readAll(), "the claim blocks the consumer");
        t.log.clear();
        assertEquals(1, RingRepair.padUncommitted(t.channel));
        assertEquals(1, t.channel.skipped());
        final int header = claim - 8;
        assertTrue(t.logged("ring putLongRelease 40=0") < t.logged("ring putInt " + (header + 4) + "=" + PADDING_MSG_TYPE_ID),
            "the tail's header is zeroed before the consumer can pass the padding: " + t.log);
        assertTrue(t.logged("ring putInt " + (header + 4) + "=" + PADDING_MSG_TYPE_ID) <
            t.logged("ring putIntRelease " + header + "=24"), "type before length: " + t.log);
        assertEquals(List.of(), t.readAll());
        assertEquals(t.tail(), t.head(), "the consumer passed the padding");
        t.write(8, 2);
        assertEquals(List.of(2), t.readAll(), "the new producer goes on");
    }

    @Test
    void committedRecordsBeforeAndAfterTheClaimAreKept()
    {
        final TestRing t = new TestRing(false);
        t.write(8, 1);
        // The dead producer committed one, claimed the next and died: nothing after the claim is committed.
        t.producer.tryClaim(typeId(DATA_MSG_TYPE_ID, 16), 8);
        assertEquals(1, RingRepair.padUncommitted(t.channel));
        assertEquals(0, RingRepair.padUncommitted(t.channel), "nothing left to pad");
        assertEquals(List.of(1), t.readAll());
        assertEquals(1, t.channel.skipped());
    }

    @Test
    void aCommittedLengthPastTheTailIsCorrupt()
    {
        final TestRing t = new TestRing(false);
        t.write(8, 1);
        t.ring.putInt(0, 64);
        final SharedStateCorruptedException ex = assertThrows(SharedStateCorruptedException.class,
            () -> RingRepair.padUncommitted(t.channel));
        assertEquals(TestRing.RING_FILE_OFFSET, ex.offset());
        assertEquals(0, t.channel.skipped());
    }

    @Test
    void aConsumerUnblocksAManyToOneClaimThatBlocksTheHead()
    {
        final TestRing t = new TestRing(true);
        final int claim = t.producer.tryClaim(typeId(DATA_MSG_TYPE_ID, 16), 8); // a dead producer's
        t.write(8, 2);
        assertEquals(List.of(), t.readAll(), "blocked");
        assertTrue(t.channel.isBlocked());
        t.log.clear();
        assertTrue(RingRepair.unblock(t.channel));
        final int header = claim - 8;
        assertTrue(t.logged("ring putInt " + (header + 4) + "=" + PADDING_MSG_TYPE_ID) <
            t.logged("ring putIntRelease " + header + "=16"), "type before length: " + t.log);
        assertEquals(1, t.channel.skipped());
        assertEquals(List.of(2), t.readAll());
        assertFalse(RingRepair.unblock(t.channel), "nothing blocks an empty ring");
    }

    @Test
    void aClaimThatDiedBeforeItsHeaderIsPaddedUpToTheNextRecord()
    {
        final TestRing t = new TestRing(true);
        t.setTail(32); // a producer moved the tail by 32 and died before writing anything
        t.write(8, 2);
        assertEquals(List.of(), t.readAll());
        assertTrue(RingRepair.unblock(t.channel));
        assertEquals(32, t.ring.getInt(0), "padding up to the next record");
        assertEquals(PADDING_MSG_TYPE_ID, t.ring.getInt(4));
        assertEquals(List.of(2), t.readAll());
    }

    @Test
    void aClaimAcrossTheRingsEndThatDiedBeforeItsPaddingIsPaddedToTheEnd()
    {
        final TestRing t = new TestRing(true);
        final long start = TestRing.CAPACITY - 32;
        t.setHead(start);
        t.setTail(TestRing.CAPACITY + 16); // padding to the end, then a record at 0: neither written
        assertTrue(RingRepair.unblock(t.channel));
        assertEquals(32, t.ring.getInt((int)start));
        assertEquals(List.of(), t.readAll(), "the record at the ring's start is still blocked");
        assertEquals(TestRing.CAPACITY, t.head());
        assertFalse(RingRepair.unblock(t.channel),
            "the last claim may still be written (as in Agrona): nothing waits behind it");
        t.write(8, 3);
        assertTrue(RingRepair.unblock(t.channel), "now a record waits behind it");
        assertEquals(2, t.channel.skipped());
        assertEquals(List.of(3), t.readAll());
        assertEquals(t.tail(), t.head());
    }

    @Test
    void aCommittedRecordAtTheHeadIsNotUnblockedAndABadClaimIsCorrupt()
    {
        final TestRing t = new TestRing(true);
        t.write(8, 1);
        assertFalse(RingRepair.unblock(t.channel));
        assertEquals(List.of(1), t.readAll());

        final TestRing u = new TestRing(true);
        u.write(8, 1);
        u.ring.putInt(0, -512); // claims past the tail
        final SharedStateCorruptedException ex = assertThrows(SharedStateCorruptedException.class,
            () -> RingRepair.unblock(u.channel));
        assertEquals(TestRing.RING_FILE_OFFSET, ex.offset());
        assertEquals(0, u.channel.skipped());
    }
}
