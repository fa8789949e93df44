package io.mmipc;

import io.mmipc.test.Children;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link SharedMemory}'s byte/short/float/double accessors and its {@link SharedMemoryView}
 * (Python's {@code .buf}): little-endian, bounds-checked with the offset, width and size named,
 * and a view that keeps the mapping until it closes and is harmless after.
 */
@Timeout(60)
class SharedMemoryTypedTest
{
    @TempDir
    Path root;

    @Test
    void typedAccessorsRoundTripLittleEndian()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMemory mem = ctx.sharedMemory("typed", 64);
            mem.putByte(0, (byte)-2);
            mem.putShort(2, (short)0x1234);
            mem.putFloat(4, 1.25f);
            mem.putDouble(8, -2.5);
            assertEquals((byte)-2, mem.getByte(0));
            assertEquals((short)0x1234, mem.getShort(2));
            assertEquals(1.25f, mem.getFloat(4));
            assertEquals(-2.5, mem.getDouble(8));
            assertEquals(0x34, mem.getByte(2), "little-endian: the low byte first");
            assertEquals(Float.floatToRawIntBits(1.25f), mem.getInt(4));
            assertEquals(Double.doubleToRawLongBits(-2.5), mem.getLong(8));
            mem.putByte(63, (byte)9);
            assertEquals(9, mem.getByte(63), "the last byte is in bounds");
        }
    }

    @Test
    void anAccessBeyondTheBlockNamesTheOffsetWidthAndSize()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMemory mem = ctx.sharedMemory("small", 64);
            final IndexOutOfBoundsException ex = assertThrows(IndexOutOfBoundsException.class, () -> mem.getDouble(60));
            assertTrue(ex.getMessage().contains("offset 60") && ex.getMessage().contains("width 8") &&
                ex.getMessage().contains("size 64") && ex.getMessage().contains("small"), ex.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> mem.putShort(63, (short)1));
            assertThrows(IndexOutOfBoundsException.class, () -> mem.putFloat(-1, 1f));
            assertThrows(IndexOutOfBoundsException.class, () -> mem.getByte(64));
            assertThrows(IndexOutOfBoundsException.class, () -> mem.putDouble(Integer.MAX_VALUE, 1.0));
        }
    }

    @Test
    void theViewIsTheWholeBlockAndNothingBeyond()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMemory mem = ctx.sharedMemory("viewed", 128);
            mem.putDouble(16, 3.5);
            try (SharedMemoryView view = mem.buffer())
            {
                final MutableDirectBuffer buf = view.buffer();
                assertEquals(128, buf.capacity());
                assertEquals(128, view.capacity());
                assertEquals(3.5, buf.getDouble(16));
                buf.putFloat(120, 7.5f);
                buf.putStringWithoutLengthAscii(32, "hi");
                assertThrows(IndexOutOfBoundsException.class, () -> buf.getByte(128));
                assertThrows(IndexOutOfBoundsException.class, () -> buf.putLong(124, 1L));
            }
            assertEquals(7.5f, mem.getFloat(120), "the view wrote the block itself");
            assertEquals('h', (char)mem.getByte(32));
        }
    }

    @Test
    void aViewKeepsTheMappingUntilItClosesAndIsHarmlessAfter()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMemory mem = ctx.sharedMemory("kept", 64);
            mem.putLong(0, 77);
            final SharedMemoryView view = mem.buffer();
            final MutableDirectBuffer kept = view.buffer();
            mem.close();
            assertThrows(IllegalStateException.class, () -> mem.getLong(0), "the block itself is closed");
            assertThrows(IllegalStateException.class, mem::buffer);
            assertEquals(77, kept.getLong(0), "still mapped while the view is open");
            view.close();
            view.close();
            assertTrue(view.isClosed());
            assertThrows(IllegalStateException.class, view::buffer);
            assertEquals(0, kept.capacity(), "a kept reference now points at nothing");
            assertThrows(IndexOutOfBoundsException.class, () -> kept.getLong(0));
        }
    }

    @Test
    void aViewClosesOnlyOnTheThreadThatOpenedIt() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMemory mem = ctx.sharedMemory("threads", 64);
            try (SharedMemoryView view = mem.buffer())
            {
                final ExecutionException ex = assertThrows(ExecutionException.class,
                    () -> CompletableFuture.runAsync(view::close).get());
                assertInstanceOf(IllegalStateException.class, ex.getCause());
                assertTrue(ex.getCause().getMessage().contains("close it there"), ex.getCause().getMessage());
                assertFalse(view.isClosed());
            }
        }
    }

    @Test
    @Timeout(120)
    void aChildWritesTypedValuesAndThroughItsViewAndTheParentReadsThem() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedMemory mem = ctx.sharedMemory("block", 256);
            final String out = Children.run(Duration.ofSeconds(60), Writer.class, ctx.directory().toString());
            assertTrue(out.contains("written"), out);
            assertEquals((byte)-7, mem.getByte(0));
            assertEquals((short)-1234, mem.getShort(2));
            assertEquals(0.75f, mem.getFloat(4));
            assertEquals(6.25, mem.getDouble(8));
            assertEquals(42.5, mem.getDouble(248), "written through the child's view");
        }
    }

    /**
     * The child of {@link #aChildWritesTypedValuesAndThroughItsViewAndTheParentReadsThem}.
     */
    public static final class Writer
    {
        public static void main(final String[] args)
        {
            try (IpcContext ctx = IpcContext.open(Paths.get(args[0])))
            {
                final SharedMemory mem = ctx.sharedMemory("block");
                mem.putByte(0, (byte)-7);
                mem.putShort(2, (short)-1234);
                mem.putFloat(4, 0.75f);
                mem.putDouble(8, 6.25);
                try (SharedMemoryView view = mem.buffer())
                {
                    view.buffer().putDouble(248, 42.5);
                }
                System.out.println("written");
            }
        }
    }
}
