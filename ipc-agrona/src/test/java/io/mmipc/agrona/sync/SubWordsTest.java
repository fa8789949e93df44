package io.mmipc.agrona.sync;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The sub-word atomics on a plain buffer: each touches its element and nothing else, and racing
 * updates of neighbours in one word lose nothing.
 */
class SubWordsTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(16));

    @Test
    void aByteCompareAndSetTouchesOnlyItsByte()
    {
        buffer.setMemory(0, 16, (byte)0x5A);
        assertFalse(SubWords.compareAndSetByte(buffer, 5, (byte)0, (byte)1));
        assertTrue(SubWords.compareAndSetByte(buffer, 5, (byte)0x5A, (byte)-1));
        assertEquals((byte)-1, buffer.getByte(5));
        for (int i = 0; i < 16; i++)
        {
            assertEquals(i == 5 ? (byte)-1 : (byte)0x5A, buffer.getByte(i), "byte " + i);
        }
        assertEquals((byte)-1, SubWords.getAndSetByte(buffer, 5, (byte)7));
        assertEquals(7, buffer.getByte(5));
        assertEquals((byte)0x5A, buffer.getByte(4));
        assertEquals((byte)0x5A, buffer.getByte(6));
    }

    @Test
    void aShortCompareAndSetTouchesOnlyItsShort()
    {
        buffer.setMemory(0, 16, (byte)0x11);
        assertTrue(SubWords.compareAndSetShort(buffer, 6, (short)0x1111, (short)-2));
        assertEquals((short)-2, buffer.getShort(6));
        assertEquals((short)0x1111, buffer.getShort(4));
        assertEquals((short)0x1111, buffer.getShort(8));
        assertEquals((short)-2, SubWords.getAndSetShort(buffer, 6, Short.MIN_VALUE));
        assertEquals(Short.MIN_VALUE, buffer.getShort(6));
        assertFalse(SubWords.compareAndSetShort(buffer, 6, (short)-2, (short)0));
    }

    @Test
    void anElementThatStraddlesTwoWordsIsRefused()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> SubWords.compareAndSetShort(buffer, 3, (short)0, (short)1));
        assertTrue(ex.getMessage().contains("offset 3"), ex.getMessage());
    }

    @Test
    @Timeout(60)
    void racingIncrementsOfNeighbouringBytesLoseNothing() throws InterruptedException
    {
        buffer.setMemory(0, 16, (byte)0);
        final int perThread = 100_000;
        final List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++)
        {
            final int offset = t;
            threads.add(new Thread(() ->
            {
                for (int i = 0; i < perThread; i++)
                {
                    while (true)
                    {
                        final byte current = buffer.getByteVolatile(offset);
                        if (SubWords.compareAndSetByte(buffer, offset, current, (byte)(current + 1)))
                        {
                            break;
                        }
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (final Thread thread : threads)
        {
            thread.join();
        }
        for (int t = 0; t < 4; t++)
        {
            assertEquals((byte)perThread, buffer.getByte(t), "byte " + t);
        }
    }
}
