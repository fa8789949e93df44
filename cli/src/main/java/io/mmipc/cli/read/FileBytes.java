package io.mmipc.cli.read;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A shared file read with plain positional reads, never mapped: the tool looks at files other
 * processes map and may shrink, and a read past the end is a short read here, not a fault. What
 * it reads is a snapshot of words that others keep writing; callers treat every value as input
 * to check, never as a fact.
 * <p>
 * Only regular files are opened: anything else (a FIFO would block the open, a device would
 * read forever) is refused from its attributes, before any open.
 */
public final class FileBytes implements AutoCloseable
{
    private final Path path;
    private final FileChannel channel;

    private FileBytes(final Path path, final FileChannel channel)
    {
        this.path = path;
        this.channel = channel;
    }

    /**
     * @param followLinks false inside a context directory: a link there is never one of mmipc's files.
     * @throws NotRegularFileException naming what the path is, when it is not a regular file.
     */
    public static FileBytes open(final Path path, final boolean followLinks) throws IOException
    {
        checkRegular(path, followLinks);
        return new FileBytes(path, FileChannel.open(path, StandardOpenOption.READ));
    }

    /**
     * @throws NotRegularFileException when {@code path} is a directory, link (when not followed), FIFO, socket or device.
     */
    public static void checkRegular(final Path path, final boolean followLinks) throws IOException
    {
        final BasicFileAttributes attributes = followLinks ?
            Files.readAttributes(path, BasicFileAttributes.class) :
            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile())
        {
            throw new NotRegularFileException(path, attributes.isDirectory() ? "a directory" :
                attributes.isSymbolicLink() ? "a symbolic link" :
                attributes.isOther() ? "a FIFO, socket or device" : "not a regular file");
        }
    }

    public Path path()
    {
        return path;
    }

    /**
     * For {@link io.mmipc.internal.file.SharedFileHeader#read}, which reads positionally too.
     */
    public FileChannel channel()
    {
        return channel;
    }

    public long size() throws IOException
    {
        return channel.size();
    }

    /**
     * Reads up to {@code length} bytes at {@code offset}; fewer at the end of the file.
     *
     * @return a little-endian buffer positioned at 0 whose limit is the number of bytes read.
     */
    public ByteBuffer read(final long offset, final int length) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining())
        {
            if (channel.read(buffer, offset + buffer.position()) < 0)
            {
                break;
            }
        }
        return buffer.flip();
    }

    /**
     * Reads exactly {@code length} bytes at {@code offset}.
     *
     * @throws EOFException naming the file and offset when it ends first (it shrank, or lies).
     */
    public ByteBuffer readFully(final long offset, final int length) throws IOException
    {
        final ByteBuffer buffer = read(offset, length);
        if (buffer.remaining() < length)
        {
            throw new EOFException(path + ": " + length + " bytes at offset " + offset + " lie past its end (" +
                channel.size() + " bytes)");
        }
        return buffer;
    }

    public long getLong(final long offset) throws IOException
    {
        return readFully(offset, Long.BYTES).getLong(0);
    }

    public int getInt(final long offset) throws IOException
    {
        return readFully(offset, Integer.BYTES).getInt(0);
    }

    @Override
    public void close() throws IOException
    {
        channel.close();
    }
}
