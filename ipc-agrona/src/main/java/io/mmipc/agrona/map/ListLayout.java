package io.mmipc.agrona.map;

import io.mmipc.ListOptions;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.internal.file.SharedFileSpec;
import org.agrona.concurrent.AtomicBuffer;

import java.nio.charset.StandardCharsets;

import static io.mmipc.agrona.map.ListDescriptor.*;

/**
 * Where the regions of one list's body lie ({@link ListDescriptor}), computed from its capacity.
 */
public final class ListLayout
{
    private static final int ALIGNMENT = 128;

    public final int maxElements;
    final int maxElementBytes;
    public final int dataBytes;
    public final int blockBytes;
    public final int blocks;
    final int tablesOffset;
    final int blocksOffset;
    public final int bodyLength;

    private ListLayout(final String name, final ListOptions options)
    {
        maxElements = options.maxElements();
        maxElementBytes = options.maxElementBytes();
        blockBytes = options.blockBytes();
        if (options.dataBytes() % blockBytes != 0)
        {
            throw new IllegalArgumentException("list \"" + name + "\": dataBytes " + options.dataBytes() +
                " is not a multiple of blockBytes " + blockBytes);
        }
        dataBytes = (int)options.dataBytes();
        blocks = dataBytes / blockBytes;
        long offset = BITS_OFFSET + align(MapLayout.bitmapWords(blocks) * (long)Long.BYTES);
        tablesOffset = (int)offset;
        offset += 2 * align((long)maxElements * ELEMENT_LENGTH);
        blocksOffset = (int)offset;
        offset += (long)blocks * blockBytes;
        final long max = SharedFileDescriptor.MAX_TOTAL_LENGTH - SharedFileDescriptor.HEADER_LENGTH;
        if (offset > max)
        {
            throw new IllegalArgumentException("list \"" + name + "\": " + options + " needs a " + offset +
                "-byte file body, more than the " + max + " one mapped file can have; lower maxElements or dataBytes");
        }
        bodyLength = (int)offset;
    }

    public static ListLayout of(final String name, final ListOptions options)
    {
        return new ListLayout(name, options);
    }

    /**
     * @param create true to initialise a new file (the bitmap's spare bits set).
     */
    SharedFileSpec spec(final String typeTag, final boolean create)
    {
        if (typeTag.getBytes(StandardCharsets.UTF_8).length > SharedFileDescriptor.TYPE_TAG_MAX_LENGTH)
        {
            throw new IllegalArgumentException("the codec id \"" + typeTag + "\" is longer than the " +
                SharedFileDescriptor.TYPE_TAG_MAX_LENGTH + " bytes a file records");
        }
        final SharedFileSpec.Builder builder = SharedFileSpec.builder(ObjectKind.LIST, bodyLength)
            .param(PARAM_MAX_ELEMENTS, "maxElements", maxElements)
            .param(PARAM_MAX_ELEMENT_BYTES, "maxElementBytes", maxElementBytes)
            .param(PARAM_DATA_BYTES, "dataBytes", dataBytes)
            .param(PARAM_BLOCK_BYTES, "blockBytes", blockBytes)
            .param(PARAM_LAYOUT, "list layout version", LAYOUT_VERSION)
            .typeTag(typeTag);
        return create ? builder.initializer(this::initialize).build() : builder.build();
    }

    private void initialize(final AtomicBuffer body)
    {
        MapLayout.markSpareBits(body, BITS_OFFSET, blocks);
    }

    int elementOffset(final int table, final int index)
    {
        return tablesOffset + table * (int)align((long)maxElements * ELEMENT_LENGTH) + index * ELEMENT_LENGTH;
    }

    int blockPayload()
    {
        return blockBytes - MapDescriptor.BLOCK_PAYLOAD_OFFSET;
    }

    private static long align(final long length)
    {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }
}
