package io.mmipc.examples.memory;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.SharedMemory;
import io.mmipc.SharedMemoryView;
import org.agrona.MutableDirectBuffer;

/**
 * The {@code shared_memory} program of Python's documentation: one process writes bytes
 * through {@code .buf}, another attaches by name and reads and writes them, typed:
 * <pre>
 * shm_a = shared_memory.SharedMemory(create=True, size=16)
 * buffer = shm_a.buf
 * buffer[:4] = bytearray([22, 33, 44, 55])
 * buffer[4] = 100
 * # another process:
 * shm_b = shared_memory.SharedMemory(shm_a.name)
 * b = shm_b.buf
 * print(bytes(b[:5]))
 * struct.pack_into('d', b, 8, 2.5)      # a double at offset 8
 * # back in the first process:
 * print(struct.unpack_from('d', buffer, 8)[0])
 * </pre>
 */
public final class SharedMemoryBuf
{
    private SharedMemoryBuf()
    {
    }

    static void child(final SharedMemory shm)
    {
        try (SharedMemoryView view = shm.buffer())                   // b = shm_b.buf
        {
            final MutableDirectBuffer b = view.buffer();
            final StringBuilder first = new StringBuilder("[");
            for (int i = 0; i < 5; i++)
            {
                first.append(i == 0 ? "" : ", ").append(b.getByte(i) & 0xFF);
            }
            System.out.println("child reads " + first.append(']'));
            b.putDouble(8, 2.5);                                     // struct.pack_into('d', b, 8, 2.5)
        }
        shm.putShort(6, (short)-7);                                  // or typed, without a view
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final SharedMemory shm = ctx.sharedMemory("shm_a", 16);    // SharedMemory(create=True, size=16)
            try (SharedMemoryView view = shm.buffer())                 // buffer = shm_a.buf
            {
                final MutableDirectBuffer buffer = view.buffer();
                buffer.putBytes(0, new byte[] {22, 33, 44, 55});       // buffer[:4] = bytearray([22, 33, 44, 55])
                buffer.putByte(4, (byte)100);                          // buffer[4] = 100
            }
            final JvmProcess p = JvmProcess.of(() -> child(shm));
            p.start();
            p.join();
            System.out.println("parent reads " + shm.getDouble(8) + " and " + shm.getShort(6));
            try
            {
                shm.getDouble(12);                                     // 8 bytes at 12 do not fit in 16
            }
            catch (final IndexOutOfBoundsException ex)
            {
                System.out.println("refused: " + ex.getMessage());
            }
        }
    }
}
