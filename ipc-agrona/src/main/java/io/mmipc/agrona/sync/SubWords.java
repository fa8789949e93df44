package io.mmipc.agrona.sync;

import org.agrona.concurrent.AtomicBuffer;

import java.nio.ByteOrder;

/**
 * Atomics on 1- and 2-byte elements, which Agrona's buffers (and the hardware) have no
 * compare-and-set for: a CAS on the aligned int32 word that holds the element, which fails
 * whenever any byte of that word changed, as the JDK's {@code Unsafe.compareAndSetByte} does.
 * Neighbouring elements in the word are written back as they were read, so a racing write to a
 * neighbour makes the CAS fail and retry, never lost.
 * <p>
 * The buffer's address must be 4-byte aligned (a mapping's body is) and the containing word
 * inside the buffer: an array's elements start on a 128-byte boundary and its body is padded to
 * one.
 */
final class SubWords
{
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private SubWords()
    {
    }

    static boolean compareAndSetByte(final AtomicBuffer buffer, final int offset, final byte expected,
        final byte update)
    {
        return compareAndSet(buffer, offset, Byte.BYTES, expected & 0xFF, update & 0xFF);
    }

    static boolean compareAndSetShort(final AtomicBuffer buffer, final int offset, final short expected,
        final short update)
    {
        return compareAndSet(buffer, offset, Short.BYTES, expected & 0xFFFF, update & 0xFFFF);
    }

    static byte getAndSetByte(final AtomicBuffer buffer, final int offset, final byte value)
    {
        return (byte)getAndSet(buffer, offset, Byte.BYTES, value & 0xFF);
    }

    static short getAndSetShort(final AtomicBuffer buffer, final int offset, final short value)
    {
        return (short)getAndSet(buffer, offset, Short.BYTES, value & 0xFFFF);
    }

    /**
     * @param expected the element's bits, zero-extended.
     * @param update   the new bits, zero-extended.
     */
    private static boolean compareAndSet(final AtomicBuffer buffer, final int offset, final int width,
        final int expected, final int update)
    {
        final int wordOffset = offset & ~(Integer.BYTES - 1);
        final int shift = shift(offset, width);
        final int mask = ((1 << (width * Byte.SIZE)) - 1) << shift;
        while (true)
        {
            final int word = buffer.getIntVolatile(wordOffset);
            if (((word & mask) >>> shift) != expected)
            {
                return false;
            }
            if (buffer.compareAndSetInt(wordOffset, word, (word & ~mask) | (update << shift)))
            {
                return true;
            }
        }
    }

    /**
     * @return the element's old bits, zero-extended.
     */
    private static int getAndSet(final AtomicBuffer buffer, final int offset, final int width, final int value)
    {
        final int wordOffset = offset & ~(Integer.BYTES - 1);
        final int shift = shift(offset, width);
        final int mask = ((1 << (width * Byte.SIZE)) - 1) << shift;
        while (true)
        {
            final int word = buffer.getIntVolatile(wordOffset);
            if (buffer.compareAndSetInt(wordOffset, word, (word & ~mask) | (value << shift)))
            {
                return (word & mask) >>> shift;
            }
        }
    }

    /**
     * @return how far the element at {@code offset} sits from the low bit of its word, in native order.
     */
    private static int shift(final int offset, final int width)
    {
        final int inWord = offset & (Integer.BYTES - 1);
        if (inWord + width > Integer.BYTES)
        {
            throw new IllegalArgumentException("a " + width + "-byte element at offset " + offset +
                " straddles two words");
        }
        return (LITTLE_ENDIAN ? inWord : Integer.BYTES - width - inWord) * Byte.SIZE;
    }
}
