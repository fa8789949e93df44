package io.mmipc.agrona.queue;

import io.mmipc.SharedStateCorruptedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static io.mmipc.agrona.queue.ChannelDescriptor.*;
import static org.agrona.concurrent.ringbuffer.RingBuffer.PADDING_MSG_TYPE_ID;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link RingReader} on a ring in plain memory: what Agrona's producers write is read whole, a
 * record is not read before its length is published, stores happen in the order crash safety
 * needs, and every bad length or type is a {@link SharedStateCorruptedException} naming the offset
 * of the bad word, leaving the record where it is.
 */
class RingReaderTest
{
    @ParameterizedTest(name = "manyProducers={0}")
    @ValueSource(booleans = {false, true})
    void readsWhatAgronasProducerWroteAndCountsIt(final boolean manyProducers)
    {
        final TestRing t = new TestRing(manyProducers);
        t.write(5, 1);
        t.write(0, 0);
        t.write(t.channel.maxInlineLength(), 3);
        assertEquals(List.of(1, -1, 3), t.readAll());
        assertEquals(t.tail(), t.head());
        assertEquals(3, t.channel.consumed());
        assertEquals(t.tail(), t.consumer.getLong(TAKEN_POSITION_OFFSET));
        assertEquals(List.of(), t.readAll());
    }

    @ParameterizedTest(name = "manyProducers={0}")
    @ValueSource(booleans = {false, true})
    void aReadGoesOnAtTheRingsStartAfterItsEnd(final boolean manyProducers)
    {
        final TestRing t = new TestRing(manyProducers);
        final List<Integer> expected = new ArrayList<>();
        final List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 30; i++) // 30 records of 48 bytes: past the end of a 1024-byte ring
        {
            t.write(40, i);
            expected.add(i);
            if (i % 10 == 9)
            {
                got.addAll(t.readAll());
            }
        }
        assertEquals(expected, got);
        assertTrue(t.head() > TestRing.CAPACITY, "the ring wrapped");
    }

    @Test
    void aRecordIsNotReadBeforeItsLengthIsPublished()
    {
        final TestRing t = new TestRing(false);
        // A producer's record in progress: payload and type written, the tail moved past it.
        t.ring.putLong(8, 7);
        t.ring.putInt(4, typeId(DATA_MSG_TYPE_ID, 16));
        t.setTail(16);
        assertEquals(List.of(), t.readAll(), "length 0: not started");
        t.ring.putInt(0, -16);
        assertEquals(List.of(), t.readAll(), "negative length: claimed, not committed");
        assertEquals(0, t.head());
        t.ring.putIntRelease(0, 16);
        assertEquals(List.of(7), t.readAll());
        assertEquals(16, t.head());
    }

    @Test
    void theTakenPositionIsStoredBeforeTheHandlerRunsAndTheHeadMovesAfter()
    {
        final TestRing t = new TestRing(false);
        t.write(8, 1);
        t.write(8, 2);
        final List<long[]> seen = new ArrayList<>();
        t.reader.read((buffer, offset, length) ->
            seen.add(new long[]{t.consumer.getLongVolatile(TAKEN_POSITION_OFFSET), t.head()}), 10);
        assertArrayEquals(new long[]{16, 0}, seen.get(0), "taken: the end of the first record; head: not moved");
        assertArrayEquals(new long[]{32, 0}, seen.get(1));
        assertEquals(32, t.head());
    }

    @Test
    void aManyToOneRingIsZeroedBeforeTheHeadMovesPastIt()
    {
        final TestRing t = new TestRing(true);
        t.write(8, 1);
        t.write(8, 2);
        t.log.clear();
        assertEquals(List.of(1, 2), t.readAll());
        final int headIndex = t.channel.headPositionIndex();
        assertTrue(t.logged("ring setMemory 0=32") < t.logged("ring putLongRelease " + headIndex + "=32"), t.log.toString());
        assertTrue(t.logged("consumer putLongRelease " + TAKEN_POSITION_OFFSET) < t.logged("ring setMemory"),
            "taken before the handler, before the head moves: " + t.log);
        for (int i = 0; i < 32; i += 8)
        {
            assertEquals(0, t.ring.getLong(i), "consumed bytes are zero for the next producer");
        }
    }

    @Test
    void aHandlerThatReadsAgainIsRefused()
    {
        final TestRing t = new TestRing(false);
        t.write(8, 1);
        t.write(8, 2);
        assertThrows(IllegalStateException.class, () -> t.reader.read((b, o, l) -> t.readAll(), 1));
        assertEquals(16, t.head(), "the outer message was consumed");
        assertEquals(List.of(2), t.readAll());
    }

    @ParameterizedTest(name = "length={0}")
    @ValueSource(ints = {4, 7, TestRing.CAPACITY + 8, Integer.MAX_VALUE})
    void aLengthShorterThanAHeaderOrPastTheRingIsCorrupt(final int length)
    {
        final TestRing t = new TestRing(false);
        t.write(8, 1);
        t.write(8, 2);
        t.ring.putInt(16, length);
        assertCorrupt(t, 16, "does not fit");
    }

    @Test
    void aLengthOrTypeThatFailsItsCheckIsCorrupt()
    {
        final TestRing t = new TestRing(false);
        t.write(8, 1);
        t.write(8, 2);
        t.write(8, 3);
        t.ring.putInt(16, 24); // inside the ring, but not the length the type word was made for
        assertCorrupt(t, 16, "fails its check");

        final TestRing u = new TestRing(true);
        u.write(8, 1);
        u.write(8, 2);
        u.ring.putInt(16 + 4, 77);
        assertCorrupt(u, 16, "fails its check");
    }

    @Test
    void dataOverTheInlineLimitOrOfAnUnknownKindIsCorruptEvenWithAValidCheck()
    {
        final TestRing t = new TestRing(false);
        t.write(8, 1);
        final int length = 8 + t.channel.maxInlineLength() + 8;
        t.ring.putInt(16 + 4, typeId(DATA_MSG_TYPE_ID, length));
        t.ring.putInt(16, length);
        t.setTail(16 + length);
        assertCorrupt(t, 16, "over the inline limit");

        final TestRing u = new TestRing(false);
        u.write(8, 1);
        u.ring.putInt(16 + 4, typeId(3, 16));
        u.ring.putInt(16, 16);
        u.setTail(32);
        assertCorrupt(u, 16, "unknown kind");
    }

    @Test
    void paddingPastTheProducersPositionIsCorrupt()
    {
        final TestRing t = new TestRing(false);
        t.write(8, 1);
        t.write(8, 2);
        t.ring.putInt(16 + 4, PADDING_MSG_TYPE_ID);
        t.ring.putInt(16, 256);
        assertCorrupt(t, 16, "past the producer's position");
    }

    /**
     * The first record reads; the second, at {@code index}, is refused every time with the file
     * offset of its length word, and stays where it is.
     */
    private static void assertCorrupt(final TestRing t, final int index, final String says)
    {
        final List<Integer> first = new ArrayList<>();
        final SharedStateCorruptedException ex = assertThrows(SharedStateCorruptedException.class,
            () -> t.reader.read((buffer, offset, length) -> first.add((int)buffer.getByte(offset)), 10));
        assertEquals(List.of(1), first, "what lies before the bad record is read");
        for (int attempt = 0; attempt < 2; attempt++)
        {
            final SharedStateCorruptedException again = attempt == 0 ? ex :
                assertThrows(SharedStateCorruptedException.class, t::readAll);
            assertEquals(TestRing.PATH, again.path());
            assertEquals(TestRing.RING_FILE_OFFSET + index, again.offset());
            assertTrue(again.getMessage().contains(says), again.getMessage());
            assertEquals(index, t.head(), "the bad record stays where it is");
        }
    }
}
