package io.mmipc.agrona.sync;

import io.mmipc.internal.file.SharedFileDescriptor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes into a shared file's body behind mmipc's back, as a stray process would: with plain
 * file I/O, which the page cache makes visible to every mapping of the file.
 */
final class Corrupt
{
    private Corrupt()
    {
    }

    static void writeLong(final Path file, final int bodyOffset, final long value) throws IOException
    {
        write(file, bodyOffset, ByteBuffer.allocate(Long.BYTES).order(ByteOrder.nativeOrder()).putLong(0, value));
    }

    static void writeInt(final Path file, final int bodyOffset, final int value) throws IOException
    {
        write(file, bodyOffset, ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.nativeOrder()).putInt(0, value));
    }

    static long readLong(final Path file, final int bodyOffset) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.nativeOrder());
            channel.read(buffer, SharedFileDescriptor.HEADER_LENGTH + bodyOffset);
            return buffer.getLong(0);
        }
    }

    private static void write(final Path file, final int bodyOffset, final ByteBuffer bytes) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.write(bytes, SharedFileDescriptor.HEADER_LENGTH + bodyOffset);
        }
    }
}
