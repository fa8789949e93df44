package io.mmipc.cli.read;

import io.mmipc.SharedFileException;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFileHeader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static io.mmipc.internal.file.SharedFileDescriptor.*;

/**
 * A file's header as its bytes say, decoded field by field without judging them (so that a
 * damaged file still shows what it holds), together with the verdict of the one header check
 * of mmipc, {@link SharedFileHeader#read}: {@link #checked()} when the file passes,
 * {@link #problem()} when it does not.
 */
public final class RawHeader
{
    private final long fileSize;
    private final int bytesRead;
    private final ByteBuffer bytes;
    private final SharedFileHeader checked;
    private final SharedFileException problem;

    private RawHeader(final long fileSize, final ByteBuffer bytes, final SharedFileHeader checked,
        final SharedFileException problem)
    {
        this.fileSize = fileSize;
        this.bytesRead = bytes.remaining();
        this.bytes = bytes;
        this.checked = checked;
        this.problem = problem;
    }

    /**
     * Reads the header of {@code file}. I/O errors propagate; what is wrong with the contents is
     * {@link #problem()}.
     */
    public static RawHeader read(final FileBytes file) throws IOException
    {
        final long size = file.size();
        final ByteBuffer bytes = file.read(0, HEADER_LENGTH);
        SharedFileHeader checked = null;
        SharedFileException problem = null;
        try
        {
            checked = SharedFileHeader.read(file.path(), file.channel());
        }
        catch (final SharedFileException ex)
        {
            problem = ex;
        }
        return new RawHeader(size, bytes, checked, problem);
    }

    /**
     * @return the header when the file passed mmipc's header check, else null.
     */
    public SharedFileHeader checked()
    {
        return checked;
    }

    /**
     * @return what mmipc's header check found wrong, or null.
     */
    public SharedFileException problem()
    {
        return problem;
    }

    /**
     * @return the problem without the path that starts mmipc's messages, or null.
     */
    public String problemDetail()
    {
        if (problem == null)
        {
            return null;
        }
        final String message = problem.getMessage();
        final String prefix = problem.path() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    public long fileSize()
    {
        return fileSize;
    }

    /**
     * @return true when the file holds the bytes of the field at {@code offset}, {@code length} long.
     */
    public boolean has(final int offset, final int length)
    {
        return bytesRead >= offset + length;
    }

    public long magic()
    {
        return has(MAGIC_OFFSET, 8) ? bytes.getLong(MAGIC_OFFSET) : 0;
    }

    /**
     * @return the file's first bytes, up to the magic's 8.
     */
    public byte[] leadingBytes()
    {
        final byte[] lead = new byte[Math.min(8, bytesRead)];
        bytes.get(0, lead);
        return lead;
    }

    public boolean hasMagic()
    {
        return magic() == MAGIC;
    }

    public int version()
    {
        return has(VERSION_OFFSET, 4) ? bytes.getInt(VERSION_OFFSET) : 0;
    }

    public int kindCode()
    {
        return has(KIND_OFFSET, 4) ? bytes.getInt(KIND_OFFSET) : 0;
    }

    /**
     * @return the kind the code names, or null for an unknown code.
     */
    public ObjectKind kind()
    {
        return ObjectKind.fromCode(kindCode());
    }

    public int headerLength()
    {
        return has(HEADER_LENGTH_OFFSET, 4) ? bytes.getInt(HEADER_LENGTH_OFFSET) : 0;
    }

    public long totalLength()
    {
        return has(TOTAL_LENGTH_OFFSET, 8) ? bytes.getLong(TOTAL_LENGTH_OFFSET) : 0;
    }

    public long creatorPid()
    {
        return has(CREATOR_PID_OFFSET, 8) ? bytes.getLong(CREATOR_PID_OFFSET) : 0;
    }

    public long creatorStartMillis()
    {
        return has(CREATOR_START_OFFSET, 8) ? bytes.getLong(CREATOR_START_OFFSET) : 0;
    }

    public long createdAtMillis()
    {
        return has(CREATED_AT_OFFSET, 8) ? bytes.getLong(CREATED_AT_OFFSET) : 0;
    }

    /**
     * @return parameter {@code index}, 0 when the file is too short to hold it.
     */
    public long param(final int index)
    {
        final int offset = paramOffset(index);
        return has(offset, 8) ? bytes.getLong(offset) : 0;
    }

    public String typeTag()
    {
        if (!has(TYPE_TAG_OFFSET, 1))
        {
            return "";
        }
        final int available = Math.min(TYPE_TAG_MAX_LENGTH, bytesRead - TYPE_TAG_OFFSET);
        int length = 0;
        while (length < available && bytes.get(TYPE_TAG_OFFSET + length) != 0)
        {
            length++;
        }
        final byte[] tag = new byte[length];
        bytes.get(TYPE_TAG_OFFSET, tag);
        return new String(tag, StandardCharsets.UTF_8);
    }
}
