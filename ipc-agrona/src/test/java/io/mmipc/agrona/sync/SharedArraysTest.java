package io.mmipc.agrona.sync;

import io.mmipc.IpcContext;
import io.mmipc.SharedObjectMismatchException;
import io.mmipc.SharedDoubleArray;
import io.mmipc.SharedIntArray;
import io.mmipc.SharedLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(60)
class SharedArraysTest
{
    @TempDir
    Path root;

    @Test
    void intArrayElementsAndBulkCopies()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedIntArray a = ctx.intArray("a", new int[]{1, 2, 3, 4});
            assertEquals(4, a.length());
            assertArrayEquals(new int[]{1, 2, 3, 4}, a.toArray());
            a.set(0, 10);
            assertEquals(10, a.get(0));
            assertEquals(3, a.getAndAdd(2, 5));
            assertEquals(9, a.addAndGet(2, 1));
            assertEquals(5, a.incrementAndGet(3));
            assertTrue(a.compareAndSet(1, 2, 20));
            assertFalse(a.compareAndSet(1, 2, 30));
            assertEquals(20, a.getAndSet(1, 21));
            assertEquals(42, a.updateAndGet(1, x -> x * 2));
            a.setRelease(3, 7);
            assertEquals(7, a.getAcquire(3));

            final int[] out = new int[6];
            a.copyTo(1, out, 2, 3);
            assertArrayEquals(new int[]{0, 0, 42, 9, 7, 0}, out);
            a.copyFrom(new int[]{-1, -2, -3}, 1, 0, 2);
            assertArrayEquals(new int[]{-2, -3, 9, 7}, a.toArray());
            a.fill(8);
            assertArrayEquals(new int[]{8, 8, 8, 8}, a.toArray());
        }
    }

    @Test
    void longAndDoubleArrays()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLongArray l = ctx.longArray("l", 3);
            assertArrayEquals(new long[3], l.toArray(), "a new array is zeroed");
            l.set(2, Long.MAX_VALUE);
            assertEquals(Long.MIN_VALUE, l.incrementAndGet(2));
            l.copyFrom(new long[]{1L << 33, 5}, 0, 0, 2);
            assertArrayEquals(new long[]{1L << 33, 5, Long.MIN_VALUE}, l.toArray());

            final SharedDoubleArray d = ctx.doubleArray("d", new double[]{0.5, 1.5});
            assertEquals(2.0, d.addAndGet(1, 0.5));
            assertEquals(0.5, d.getAndAdd(0, 1));
            assertTrue(d.compareAndSet(0, 1.5, -0.0));
            assertFalse(d.compareAndSet(0, 0.0, 1), "compares bits: -0.0 is not 0.0");
            assertEquals(4.0, d.updateAndGet(1, x -> x * x));
            d.fill(Double.NaN);
            assertTrue(Double.isNaN(d.get(1)));
            final double[] copy = new double[2];
            d.copyTo(0, copy, 0, 2);
            assertTrue(Double.isNaN(copy[0]));
        }
    }

    @Test
    void badIndicesAreIndexOutOfBoundsAndNeverTouchTheFile()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedIntArray a = ctx.intArray("a", 4);
            final SharedIntArray neighbour = ctx.intArray("b", new int[]{7, 7});
            final IndexOutOfBoundsException ex = assertThrows(IndexOutOfBoundsException.class, () -> a.set(4, 1));
            assertTrue(ex.getMessage().contains("index 4") && ex.getMessage().contains("'a'") &&
                ex.getMessage().contains("length 4"), ex.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> a.get(-1));
            assertThrows(IndexOutOfBoundsException.class, () -> a.getAndAdd(Integer.MAX_VALUE, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> a.compareAndSet(Integer.MIN_VALUE, 0, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> a.copyTo(2, new int[10], 0, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> a.copyTo(0, new int[2], 0, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> a.copyFrom(new int[8], 0, 1, 4));
            assertThrows(IndexOutOfBoundsException.class, () -> a.copyFrom(new int[8], -1, 0, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> a.copyTo(0, new int[8], 0, -1));
            assertArrayEquals(new int[4], a.toArray(), "nothing was written");
            assertArrayEquals(new int[]{7, 7}, neighbour.toArray());
            assertEquals(0, ctx.longArray("empty", 0).toArray().length, "an empty array is allowed");
            assertThrows(IndexOutOfBoundsException.class, () -> ctx.longArray("empty", 0).get(0));
        }
    }

    @Test
    void negativeOrHugeLengthsAreRefused()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> ctx.intArray("neg", -1));
            assertTrue(negative.getMessage().contains("\"neg\"") && negative.getMessage().contains("-1"),
                negative.getMessage());
            final IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> ctx.longArray("huge", Integer.MAX_VALUE));
            assertTrue(huge.getMessage().contains("exceeds"), huge.getMessage());
        }
    }

    @Test
    void reopeningWithAnotherLengthOrTypeIsAClearError()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            ctx.intArray("a", 4);
            final SharedObjectMismatchException length =
                assertThrows(SharedObjectMismatchException.class, () -> ctx.intArray("a", 5));
            assertTrue(length.getMessage().contains("length is 4 in the file, 5 requested"), length.getMessage());
            final SharedObjectMismatchException type =
                assertThrows(SharedObjectMismatchException.class, () -> ctx.longArray("a", 4));
            assertTrue(type.getMessage().contains("element size is 4 in the file, 8 requested") ||
                type.getMessage().contains("\"int32\" in the file"), type.getMessage());
            final SharedObjectMismatchException kind =
                assertThrows(SharedObjectMismatchException.class, () -> ctx.intValue("a", 0));
            assertTrue(kind.getMessage().contains("holds another kind of object: kind is ARRAY in the file, " +
                "VALUE requested"), kind.getMessage());
            assertEquals(4, ctx.intArray("a", new int[]{9, 9, 9, 9}).get(0) + 4, "opened unchanged");
        }
    }
}
