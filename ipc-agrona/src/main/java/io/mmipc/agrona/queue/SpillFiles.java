package io.mmipc.agrona.queue;

import io.mmipc.MessageHandler;
import io.mmipc.internal.file.Names;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.SharedStateCorruptedException;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.file.SharedFileSpec;
import io.mmipc.internal.file.SharedFiles;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages too large for a ring travel in a spill file of their own (kind {@code SPILL}, in the
 * same directory); the ring carries a small reference record:
 * <pre>
 *  +---------------------------------------------------------------+
 *  |     Owner id of the object that wrote the file (OwnerWord)    |  0
 *  +---------------------------------------------------------------+
 *  |                  Its sequence number for the file              |  8
 *  +---------------------------------------------------------------+
 *  |                 Message length                |   Reserved    | 16
 *  +---------------------------------------------------------------+
 * </pre>
 * The file is named {@code <object>~spill-<id>-<sequence>} ('~' keeps it out of the user's
 * names), through {@link Names#derive}: with a long object name (200 characters), a large id
 * and sequence, the object's part is cut short and hashed so the name stays within 255 bytes. The sender writes it whole before the reference is committed; the receiver maps it,
 * unlinks it at once (the mapping outlives the name), hands the bytes to the handler and unmaps.
 * A spill file whose reference is never read (its receiver died first, or its sender died before
 * committing the reference) goes when the context directory is removed.
 */
public final class SpillFiles
{
    public static final int REF_LENGTH = 24;
    static final int REF_ID_OFFSET = 0;
    static final int REF_SEQUENCE_OFFSET = 8;
    public static final int REF_LENGTH_OFFSET = 16;

    private static final int PARAM_LENGTH = 0;

    private final Path directory;
    private final String owner;
    private final int maxMessageLength;
    private final Set<PosixFilePermission> permissions;
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param objectFile the queue or pipe file: spill files go beside it, with its permissions.
     */
    SpillFiles(final Path objectFile, final int maxMessageLength)
    {
        this.directory = objectFile.getParent();
        this.owner = objectFile.getFileName().toString();
        this.maxMessageLength = maxMessageLength;
        try
        {
            this.permissions = Files.getPosixFilePermissions(objectFile);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the permissions of " + objectFile + ": " + ex, ex);
        }
    }

    /**
     * Writes {@code length} bytes of {@code src} into a new spill file and the reference to it into {@code ref}.
     *
     * @param id the sender's owner id: no other live object of the directory has it.
     */
    void write(final long id, final DirectBuffer src, final int offset, final int length, final MutableDirectBuffer ref)
    {
        final SharedFileSpec spec = SharedFileSpec.builder(ObjectKind.SPILL, length)
            .param(PARAM_LENGTH, "length", length)
            .initializer(body -> body.putBytes(0, src, offset, length))
            .build();
        while (true)
        {
            final long seq = sequence.getAndIncrement();
            final Path path = path(id, seq);
            try
            {
                final SharedFile file = SharedFiles.createOrOpenAt(path, spec, permissions);
                final boolean fresh = file.created();
                file.close();
                if (fresh)
                {
                    ref.putLong(REF_ID_OFFSET, id);
                    ref.putLong(REF_SEQUENCE_OFFSET, seq);
                    ref.putInt(REF_LENGTH_OFFSET, length);
                    ref.putInt(REF_LENGTH_OFFSET + 4, 0);
                    return;
                }
                // A stale file of a dead object with the same id: leave it, take the next number.
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot write a spill file of " + length + " bytes for " + owner +
                    " in " + directory + ": " + ex.getMessage(), ex);
            }
        }
    }

    /**
     * Removes the spill file a reference names (its message was not sent after all).
     */
    void delete(final DirectBuffer ref)
    {
        try
        {
            Files.deleteIfExists(path(ref.getLong(REF_ID_OFFSET), ref.getLong(REF_SEQUENCE_OFFSET)));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex.getMessage(), ex);
        }
    }

    /**
     * Opens the spill file that the reference at {@code refOffset} names, unlinks it and hands its
     * message to {@code handler}.
     *
     * @param refFileOffset where the reference lies in the ring's file, for messages.
     */
    void deliver(
        final Path ringFile,
        final DirectBuffer buffer,
        final int refOffset,
        final long refFileOffset,
        final MessageHandler handler)
    {
        final long id = buffer.getLong(refOffset + REF_ID_OFFSET);
        final long seq = buffer.getLong(refOffset + REF_SEQUENCE_OFFSET);
        final int length = buffer.getInt(refOffset + REF_LENGTH_OFFSET);
        if (length < 0 || length > maxMessageLength || id <= 0 || seq < 0)
        {
            throw new SharedStateCorruptedException(ringFile, refFileOffset, "spill reference names id " + id +
                ", sequence " + seq + ", length " + length + " (largest message " + maxMessageLength + ")");
        }
        final Path path = path(id, seq);
        final SharedFile file;
        try
        {
            file = SharedFiles.open(path, SharedFileSpec.builder(ObjectKind.SPILL, length)
                .param(PARAM_LENGTH, "length", length).build());
            Files.delete(path);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("message of " + length + " bytes lost: its spill file " + path +
                " cannot be read: " + ex.getMessage(), ex);
        }
        try
        {
            file.enter();
            try
            {
                handler.onMessage(file.body(), 0, length);
            }
            catch (final InternalError fault)
            {
                throw file.translateFault(fault);
            }
            finally
            {
                file.exit();
            }
        }
        finally
        {
            file.close();
        }
    }

    /**
     * @return the spill file of object {@code id}'s message {@code seq}: the same in every process.
     */
    Path path(final long id, final long seq)
    {
        return directory.resolve(Names.derive(owner, "~spill-", Long.toHexString(id), "-", Long.toString(seq)));
    }
}
