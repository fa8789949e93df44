package io.mmipc;

import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFileSpec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;

import java.io.Serializable;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A raw block of shared bytes, laid out by its user: Python's
 * {@code multiprocessing.shared_memory.SharedMemory}. Offsets are bytes from the start of the
 * block; multi-byte values are little-endian. Every access is bounds-checked and guarded, so a
 * call after {@link #close()} is an {@link IllegalStateException}, never a touch of unmapped memory.
 * <p>
 * Ordering is in the method names: {@code putLongRelease} pairs with {@code getLongAcquire}.
 * Typed accessors read and write {@code byte}, {@code short}, {@code int}, {@code long},
 * {@code float} and {@code double} (plain accesses); {@link #buffer()} is the whole block as a
 * {@link org.agrona.MutableDirectBuffer}, Python's {@code .buf}.
 * <p>
 * <b>Truncation.</b> If another process truncates the file, touching the lost part faults. A plain
 * access reports it as a {@link SharedMemoryFaultException} naming the file when HotSpot delivers
 * it inside the call; compiled code may get HotSpot's deferred {@link InternalError} after the call
 * returned. An atomic access ({@code compareAndSet*}, {@code getAndAdd*}) of the lost part crashes
 * the JVM with SIGBUS: see {@link SharedMemoryFaultException}. {@link #checkBacked()} tells for sure.
 */
public final class SharedMemory implements AutoCloseable, Serializable
{
    private static final long serialVersionUID = 1L;

    private final transient SharedFile file;
    private final transient AtomicBuffer body;

    SharedMemory(final SharedFile file)
    {
        this.file = file;
        this.body = file.body();
    }

    static SharedFileSpec spec(final int size)
    {
        return SharedFileSpec.builder(ObjectKind.SHARED_MEMORY, size).build();
    }

    public String name()
    {
        return file.name();
    }

    /**
     * Crosses into another JVM as a handle (directory and name) that re-opens the block there.
     */
    private Object writeReplace()
    {
        return new Handle(file.path().getParent().toString(), file.name());
    }

    private record Handle(String directory, String name) implements Serializable
    {
        private Object readResolve()
        {
            return IpcContext.joined(Paths.get(directory)).sharedMemory(name);
        }
    }

    public Path path()
    {
        return file.path();
    }

    /**
     * @return the number of bytes in the block.
     */
    public int size()
    {
        return body.capacity();
    }

    public byte getByte(final int offset)
    {
        enter(offset, Byte.BYTES);
        try
        {
            return body.getByte(offset);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            exit();
        }
    }

    public void putByte(final int offset, final byte value)
    {
        enter(offset, Byte.BYTES);
        try
        {
            body.putByte(offset, value);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            exit();
        }
    }

    public short getShort(final int offset)
    {
        enter(offset, Short.BYTES);
        try
        {
            return body.getShort(offset);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            exit();
        }
    }

    public void putShort(final int offset, final short value)
    {
        enter(offset, Short.BYTES);
        try
        {
            body.putShort(offset, value);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            exit();
        }
    }

    public int getInt(final int offset)
    {
        enter(offset, Integer.BYTES);
        try
        {
            return body.getInt(offset);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            exit();
        }
    }

    public void putInt(final int offset, final int value)
    {
        enter(offset, Integer.BYTES);
        try
        {
            body.putInt(offset, value);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            exit();
        }
    }

    public long getLong(final int offset)
    {
        enter(offset, Long.BYTES);
        try
        {
            return body.getLong(offset);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            exit();
        }
    }

    public void putLong(final int offset, final long value)
    {
        enter(offset, Long.BYTES);
        try
        {
            body.putLong(offset, value);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            exit();
        }
    }

    public float getFloat(final int offset)
    {
        enter(offset, Float.BYTES);
        try
        {
            return body.getFloat(offset);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            exit();
        }
    }

    public void putFloat(final int offset, final float value)
    {
        enter(offset, Float.BYTES);
        try
        {
            body.putFloat(offset, value);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            exit();
        }
    }

    public double getDouble(final int offset)
    {
        enter(offset, Double.BYTES);
        try
        {
            return body.getDouble(offset);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            exit();
        }
    }

    public void putDouble(final int offset, final double value)
    {
        enter(offset, Double.BYTES);
        try
        {
            body.putDouble(offset, value);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            exit();
        }
    }

    /**
     * Reads with acquire semantics: later reads see what the writer stored before its release.
     */
    public long getLongAcquire(final int offset)
    {
        enterAligned(offset);
        try
        {
            return body.getLongAcquire(offset);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            exit();
        }
    }

    /**
     * Stores with release semantics: everything stored before is visible to an acquiring reader.
     */
    public void putLongRelease(final int offset, final long value)
    {
        enterAligned(offset);
        try
        {
            body.putLongRelease(offset, value);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            exit();
        }
    }

    public boolean compareAndSetLong(final int offset, final long expected, final long update)
    {
        enterAligned(offset);
        try
        {
            return body.compareAndSetLong(offset, expected, update);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            exit();
        }
    }

    public long getAndAddLong(final int offset, final long delta)
    {
        enterAligned(offset);
        try
        {
            return body.getAndAddLong(offset, delta);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            exit();
        }
    }

    /**
     * Copies {@code length} bytes of the block at {@code offset} into {@code dst} at {@code dstOffset}.
     */
    public void getBytes(final int offset, final MutableDirectBuffer dst, final int dstOffset, final int length)
    {
        enterRange(offset, length);
        try
        {
            body.getBytes(offset, dst, dstOffset, length);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            exit();
        }
    }

    public void getBytes(final int offset, final byte[] dst)
    {
        enterRange(offset, dst.length);
        try
        {
            body.getBytes(offset, dst);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            exit();
        }
    }

    public void putBytes(final int offset, final byte[] src)
    {
        enterRange(offset, src.length);
        try
        {
            body.putBytes(offset, src);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            exit();
        }
    }

    public void putBytes(final int offset, final DirectBuffer src, final int srcOffset, final int length)
    {
        enterRange(offset, length);
        try
        {
            body.putBytes(offset, src, srcOffset, length);
        }
        catch (final InternalError fault)
        {
            throw file.translateFault(fault);
        }
        finally
        {
            exit();
        }
    }

    /**
     * Python's {@code .buf}: a {@link org.agrona.MutableDirectBuffer} over the whole block, for
     * layouts the typed accessors do not cover. Close it (try-with-resources) on the thread that
     * opened it; until then the block stays mapped even if it is closed.
     *
     * @throws IllegalStateException when the block is closed.
     */
    public SharedMemoryView buffer()
    {
        return new SharedMemoryView(file, body);
    }

    public boolean isClosed()
    {
        return file.isClosed();
    }

    /**
     * Unmaps the block in this process (once no access is in flight). The file stays for the others.
     */
    @Override
    public void close()
    {
        file.close();
    }

    @Override
    public String toString()
    {
        return "SharedMemory(" + file.path() + ", " + body.capacity() + " bytes)";
    }

    /**
     * Checks that the file still backs the whole mapping (one {@code stat}): call it after another
     * process may have truncated the file, before trusting what was read.
     *
     * @throws SharedMemoryFaultException naming the file and both lengths when it shrank.
     */
    public void checkBacked()
    {
        file.checkBacked();
    }

    private void exit()
    {
        file.exit();
    }

    /**
     * Enters for a typed access of {@code width} bytes at {@code offset}.
     */
    private void enter(final int offset, final int width)
    {
        checkBounds(offset, width, "width");
        file.enter();
    }

    /**
     * Enters for a copy of {@code length} bytes at {@code offset}.
     */
    private void enterRange(final int offset, final int length)
    {
        checkBounds(offset, length, "length");
        file.enter();
    }

    private void checkBounds(final int offset, final int count, final String what)
    {
        if (offset < 0 || count < 0 || offset > body.capacity() - count)
        {
            throw new IndexOutOfBoundsException(
                "offset " + offset + " " + what + " " + count + " outside shared memory " + file.name() +
                " of size " + body.capacity() + " bytes");
        }
    }

    private void enterAligned(final int offset)
    {
        if ((offset & (Long.BYTES - 1)) != 0)
        {
            throw new IllegalArgumentException(
                "offset " + offset + " in shared memory " + file.name() + " is not 8-byte aligned (atomic access)");
        }
        enter(offset, Long.BYTES);
    }
}
