package io.mmipc.chronicle;

import io.mmipc.DurableLogException;
import io.mmipc.DurableLogException.Reason;
import io.mmipc.internal.file.FileTrust;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a log directory with plain file I/O before Chronicle maps anything in it.
 * <p>
 * Chronicle Queue, given a directory, makes a queue of it whatever it holds; given a queue file
 * truncated behind its back, it extends the file again with zeros and reads a shorter log without
 * a word (or, on Java 17, fails later with "Meta data not ready", or gets an asynchronous
 * {@link InternalError} if the file shrank under a live mapping). So every queue file is checked
 * against the write position its header records.
 * <p>
 * A queue file ({@code *.cq4}) starts with a Chronicle metadata document whose binary wire holds
 * the field {@code writePosition}: a 64-bit array whose first element is the offset of the last
 * document written. That document's 4-byte header holds its length in the low 30 bits.
 * <pre>
 *   +-------------+-------------------------------------------+ ... +--------+---------------+
 *   | header (4)  | !SCQStore { writePosition: [pos, ...], ...|     | hdr (4)| last document |
 *   +-------------+-------------------------------------------+ ... +--------+---------------+
 *   0                                                              pos     pos+4    pos+4+len
 * </pre>
 */
final class QueueDirectory
{
    static final String QUEUE_SUFFIX = ".cq4";
    static final String METADATA_FILE = "metadata.cq4t";
    /** Bytes read from the start of a queue file: the store header sits in the first few hundred. */
    static final int HEADER_SCAN = 1024;
    static final int LENGTH_MASK = 0x3FFF_FFFF;
    private static final byte I64_ARRAY = (byte)0x8D;
    private static final byte[] WRITE_POSITION = "writePosition".getBytes(StandardCharsets.US_ASCII);
    /** A newest file younger than this may still be being created by another process. */
    private static final long CREATION_GRACE_MILLIS = 5_000;

    private QueueDirectory()
    {
    }

    /**
     * Creates {@code dir} when absent (owner-only, plus search for whoever may read
     * {@code filePermissions}); refuses a path that is not a directory, a directory that holds
     * files but no queue, and truncated queue files.
     */
    static void prepare(final Path dir, final Set<PosixFilePermission> filePermissions)
    {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir))
        {
            throw new DurableLogException(dir, Reason.NOT_A_LOG, "not a directory, so not a durable log", null);
        }
        try
        {
            if (!Files.isDirectory(dir))
            {
                final Set<PosixFilePermission> dirPermissions = FileTrust.directoryPermissionsFor(filePermissions);
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(dirPermissions));
                Files.setPosixFilePermissions(dir, dirPermissions); // past the umask
                return;
            }
            final List<Path> queueFiles = new ArrayList<>();
            final List<String> others = new ArrayList<>();
            boolean metadata = false;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir))
            {
                for (final Path entry : entries)
                {
                    final String name = entry.getFileName().toString();
                    if (name.equals(METADATA_FILE))
                    {
                        metadata = true;
                    }
                    else if (name.endsWith(QUEUE_SUFFIX))
                    {
                        queueFiles.add(entry);
                    }
                    else
                    {
                        others.add(name);
                    }
                }
            }
            if (!metadata && queueFiles.isEmpty() && !others.isEmpty())
            {
                throw new DurableLogException(dir, Reason.NOT_A_LOG, "not a Chronicle queue: it holds " +
                    others.subList(0, Math.min(5, others.size())) + (others.size() > 5 ? " and more" : "") +
                    " but no " + METADATA_FILE + " and no *" + QUEUE_SUFFIX + " file; give the log a directory of its own", null);
            }
            queueFiles.sort(null);
            for (int i = 0; i < queueFiles.size(); i++)
            {
                final Path file = queueFiles.get(i);
                final boolean newest = i == queueFiles.size() - 1;
                checkQueueFile(file, newest &&
                    System.currentTimeMillis() - Files.getLastModifiedTime(file).toMillis() < CREATION_GRACE_MILLIS);
            }
        }
        catch (final IOException ex)
        {
            throw new DurableLogException(dir, Reason.IO, ex.toString(), ex);
        }
    }

    /**
     * @param mayBeNew true for a newest file changed within seconds: another process may be creating
     *                 it, so an empty file or one without a header yet passes.
     * @throws DurableLogException when the file is shorter than its last document's end, or has no
     *                             readable store header.
     */
    static void checkQueueFile(final Path file, final boolean mayBeNew) throws IOException
    {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
        {
            // A FIFO would block the open below, a device or a link could lead anywhere.
            throw new DurableLogException(file, Reason.CORRUPT, "not a regular file (" +
                (Files.isSymbolicLink(file) ? "a symbolic link" : Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) ?
                "a directory" : "a FIFO, socket or device") + "), so not a Chronicle queue file; remove it", null);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))
        {
            final long size = channel.size();
            final ByteBuffer head = ByteBuffer.allocate((int)Math.min(HEADER_SCAN, size)).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, head, 0);
            final long writePosition = writePosition(head);
            if (writePosition < 0 && mayBeNew)
            {
                return;
            }
            if (writePosition < 0)
            {
                throw new DurableLogException(file, size < HEADER_SCAN ? Reason.TRUNCATED : Reason.CORRUPT,
                    "no Chronicle store header in the first " + head.limit() + " bytes (the file is " + size +
                    " bytes): truncated or overwritten", null);
            }
            if (writePosition == 0)
            {
                return;
            }
            if (size < writePosition + 4)
            {
                throw truncated(file, size, writePosition + 4, writePosition);
            }
            final ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, header, writePosition);
            final long end = writePosition + 4 + (header.getInt(0) & LENGTH_MASK);
            if (size < end)
            {
                throw truncated(file, size, end, writePosition);
            }
        }
    }

    private static DurableLogException truncated(final Path file, final long size, final long needed, final long writePosition)
    {
        return new DurableLogException(file, Reason.TRUNCATED, "queue file truncated: it is " + size +
            " bytes but its header records a last message at " + writePosition + " ending at " + needed +
            "; messages were lost, so the log is not opened (move the file away to open the rest)", null);
    }

    /**
     * @return the first element of the {@code writePosition} array, or -1 when the header has none.
     */
    static long writePosition(final ByteBuffer head)
    {
        final int limit = head.limit();
        outer:
        for (int i = 0; i + WRITE_POSITION.length < limit; i++)
        {
            for (int j = 0; j < WRITE_POSITION.length; j++)
            {
                if (head.get(i + j) != WRITE_POSITION[j])
                {
                    continue outer;
                }
            }
            // After the field name: optional padding, then the array marker, capacity, used, values.
            for (int k = i + WRITE_POSITION.length; k < Math.min(limit, i + WRITE_POSITION.length + 16); k++)
            {
                if (head.get(k) == I64_ARRAY && k + 1 + 3 * Long.BYTES <= limit)
                {
                    final long capacity = head.getLong(k + 1);
                    final long used = head.getLong(k + 1 + Long.BYTES);
                    final long position = head.getLong(k + 1 + 2 * Long.BYTES);
                    if (capacity >= 1 && capacity <= 64 && used >= 1 && used <= capacity && position >= 0)
                    {
                        return position;
                    }
                }
            }
            return -1;
        }
        return -1;
    }

    private static void readFully(final FileChannel channel, final ByteBuffer buffer, final long position) throws IOException
    {
        long at = position;
        while (buffer.hasRemaining())
        {
            final int n = channel.read(buffer, at);
            if (n < 0)
            {
                break;
            }
            at += n;
        }
        buffer.flip();
    }
}
