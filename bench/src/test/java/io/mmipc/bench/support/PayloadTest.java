package io.mmipc.bench.support;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.*;

class PayloadTest
{
    private static final int[] SIZES = {1, 7, 8, 64, 1027, 65536};

    @Test
    @Timeout(30)
    void aCorruptedByteAnywhereChangesTheChecksum()
    {
        for (final int size : SIZES)
        {
            final byte[] payload = Payload.create(size);
            final long expected = Payload.checksum(payload);
            final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(size + 3));
            for (int i = 0; i < size; i++)
            {
                for (final int flip : new int[] {0x01, 0x80, 0xFF})
                {
                    payload[i] ^= (byte)flip;
                    assertNotEquals(expected, Payload.checksum(payload), "size " + size + ", byte " + i + " ^ " + flip);
                    direct.putBytes(3, payload);
                    assertNotEquals(expected, Payload.checksum(direct, 3, size), "buffer, size " + size + ", byte " + i);
                    payload[i] ^= (byte)flip;
                }
            }
            direct.putBytes(3, payload);
            assertEquals(expected, Payload.checksum(direct, 3, size), "a buffer and an array agree, size " + size);
        }
    }

    @Test
    @Timeout(30)
    void aTallyCountsMessagesThatAreNotThePayload()
    {
        final Tally tally = new Tally(64);
        final byte[] payload = Payload.create(64);
        tally.add(payload);
        tally.checkIntact("test");
        payload[63]++;
        tally.add(payload);
        tally.add(Payload.create(63));
        assertEquals(3, tally.messages());
        assertEquals(2, tally.corrupted());
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> tally.checkIntact("test"));
        assertTrue(ex.getMessage().contains("2 of 3"), ex.getMessage());
    }
}
