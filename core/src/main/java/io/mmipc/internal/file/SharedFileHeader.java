package io.mmipc.internal.file;

import io.mmipc.SharedFileException;
import io.mmipc.internal.owner.ProcessIdentity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static io.mmipc.internal.file.SharedFileDescriptor.*;
import static io.mmipc.SharedFileException.Reason.*;

/**
 * A header read with plain file I/O, so that a bad file is refused before any byte of it is mapped.
 */
public record SharedFileHeader(
    int version,
    ObjectKind kind,
    long totalLength,
    ProcessIdentity creator,
    long createdAtMillis,
    long[] params,
    String typeTag)
{
    /**
     * Reads and checks the parts of the header every kind shares: magic, version, kind code,
     * header length, and that the file is as long as its header says.
     */
    public static SharedFileHeader read(final Path path, final FileChannel channel) throws IOException
    {
        final long size = channel.size();
        final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        while (header.hasRemaining())
        {
            if (channel.read(header, header.position()) < 0)
            {
                break;
            }
        }
        if (header.position() < Long.BYTES || header.getLong(MAGIC_OFFSET) != MAGIC)
        {
            throw new SharedFileException(path, NOT_MMIPC_FILE, "not an mmipc file (" + size + " bytes, " +
                (header.position() < Long.BYTES ? "too short for the magic" :
                "starts with 0x" + Long.toHexString(Long.reverseBytes(header.getLong(MAGIC_OFFSET)))) + ")");
        }
        if (header.position() < HEADER_LENGTH)
        {
            throw new SharedFileException(path, TRUNCATED,
                "truncated: " + size + " bytes, shorter than the " + HEADER_LENGTH + "-byte header");
        }

        final int version = header.getInt(VERSION_OFFSET);
        if (version != LAYOUT_VERSION)
        {
            throw new SharedFileException(path, UNSUPPORTED_VERSION,
                "unsupported layout version " + version + " (this mmipc reads version " + LAYOUT_VERSION + ")");
        }
        final int kindCode = header.getInt(KIND_OFFSET);
        final ObjectKind kind = ObjectKind.fromCode(kindCode);
        if (kind == null)
        {
            throw new SharedFileException(path, CORRUPT, "unknown object kind code " + kindCode);
        }
        final int headerLength = header.getInt(HEADER_LENGTH_OFFSET);
        if (headerLength != HEADER_LENGTH)
        {
            throw new SharedFileException(path, CORRUPT,
                "header length " + headerLength + ", expected " + HEADER_LENGTH);
        }
        final long totalLength = header.getLong(TOTAL_LENGTH_OFFSET);
        if (totalLength < HEADER_LENGTH || totalLength > MAX_TOTAL_LENGTH)
        {
            throw new SharedFileException(path, CORRUPT,
                "total length " + totalLength + " not in [" + HEADER_LENGTH + ", " + MAX_TOTAL_LENGTH + "]");
        }
        if (size < totalLength)
        {
            throw new SharedFileException(path, TRUNCATED,
                "truncated: the file is " + size + " bytes, its header says " + totalLength);
        }
        if (size > totalLength)
        {
            throw new SharedFileException(path, CORRUPT,
                "the file is " + size + " bytes, longer than the " + totalLength + " its header says");
        }

        final long[] params = new long[PARAM_COUNT];
        for (int i = 0; i < PARAM_COUNT; i++)
        {
            params[i] = header.getLong(paramOffset(i));
        }
        return new SharedFileHeader(
            version,
            kind,
            totalLength,
            new ProcessIdentity(header.getLong(CREATOR_PID_OFFSET), header.getLong(CREATOR_START_OFFSET)),
            header.getLong(CREATED_AT_OFFSET),
            params,
            readTypeTag(header));
    }

    /**
     * Checks this header against what a caller asked for.
     */
    public void check(final Path path, final SharedFileSpec spec) throws IOException
    {
        if (kind != spec.kind())
        {
            throw new SharedFileException(path, WRONG_KIND, "holds an object of kind " + kind + ", not " + spec.kind(),
                "kind", kind.name(), spec.kind().name());
        }
        final long bodyLength = totalLength - HEADER_LENGTH;
        for (int i = 0; i < PARAM_COUNT; i++)
        {
            final String name = spec.paramName(i);
            if (name != null && params[i] != spec.param(i))
            {
                throw new SharedFileException(path, PARAMETERS_DIFFER,
                    "parameters differ: " + name + " is " + params[i] + " in the file, " + spec.param(i) + " requested",
                    name, Long.toString(params[i]), Long.toString(spec.param(i)));
            }
        }
        if (spec.typeTag() != null && !spec.typeTag().equals(typeTag))
        {
            throw new SharedFileException(path, PARAMETERS_DIFFER,
                "parameters differ: type is \"" + typeTag + "\" in the file, \"" + spec.typeTag() + "\" requested",
                "type", "\"" + typeTag + "\"", "\"" + spec.typeTag() + "\"");
        }
        if (bodyLength < spec.bodyLength())
        {
            // The file is whole (read() checked its length): it was made smaller than asked for.
            throw new SharedFileException(path, PARAMETERS_DIFFER,
                "parameters differ: size is " + bodyLength + " in the file, " + spec.bodyLength() + " requested",
                "size", Long.toString(bodyLength), Long.toString(spec.bodyLength()));
        }
    }

    public long bodyLength()
    {
        return totalLength - HEADER_LENGTH;
    }

    public long param(final int index)
    {
        return params[index];
    }

    private static String readTypeTag(final ByteBuffer header)
    {
        int length = 0;
        while (length < TYPE_TAG_MAX_LENGTH && header.get(TYPE_TAG_OFFSET + length) != 0)
        {
            length++;
        }
        final byte[] bytes = new byte[length];
        header.get(TYPE_TAG_OFFSET, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof SharedFileHeader h && version == h.version && kind == h.kind &&
            totalLength == h.totalLength && creator.equals(h.creator) && createdAtMillis == h.createdAtMillis &&
            Arrays.equals(params, h.params) && typeTag.equals(h.typeTag);
    }

    @Override
    public int hashCode()
    {
        return 31 * Long.hashCode(totalLength) + Arrays.hashCode(params);
    }
}
