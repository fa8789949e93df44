package io.mmipc.agrona.map;

import io.mmipc.MapOptions;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.internal.file.SharedFileSpec;
import org.agrona.BitUtil;
import org.agrona.concurrent.AtomicBuffer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import static io.mmipc.agrona.map.MapDescriptor.*;

/**
 * Where the regions of one map's body lie ({@link MapDescriptor}), computed from its capacity.
 */
public final class MapLayout
{
    public final int entries;
    final int maxKeyBytes;
    final int maxValueBytes;
    public final int dataBytes;
    public final int stripes;
    public final int blockBytes;
    public final int blocks;
    final int buckets;
    final int bucketShift;
    final int stripeShift;
    final int stripesOffset;
    final int bucketsOffset;
    final int entryBitsOffset;
    public final int blockBitsOffset;
    final int entriesOffset;
    final int blocksOffset;
    public final int bodyLength;

    private MapLayout(final String name, final MapOptions options)
    {
        entries = options.maxEntries();
        maxKeyBytes = options.maxKeyBytes();
        maxValueBytes = options.maxValueBytes();
        stripes = options.stripes();
        blockBytes = options.blockBytes();
        if (options.dataBytes() % blockBytes != 0)
        {
            throw new IllegalArgumentException("dict \"" + name + "\": dataBytes " + options.dataBytes() +
                " is not a multiple of blockBytes " + blockBytes);
        }
        dataBytes = (int)options.dataBytes();
        blocks = dataBytes / blockBytes;
        buckets = Math.max(BitUtil.findNextPositivePowerOfTwo(entries), stripes * MIN_BUCKETS_PER_STRIPE);
        bucketShift = Integer.numberOfTrailingZeros(buckets);
        stripeShift = bucketShift - Integer.numberOfTrailingZeros(stripes);

        long offset = HEADER_LENGTH;
        stripesOffset = (int)offset;
        offset += (long)stripes * STRIPE_LENGTH;
        bucketsOffset = (int)offset;
        offset += align((long)buckets * Integer.BYTES);
        entryBitsOffset = (int)offset;
        offset += align(bitmapWords(entries) * (long)Long.BYTES);
        blockBitsOffset = (int)offset;
        offset += align(bitmapWords(blocks) * (long)Long.BYTES);
        entriesOffset = (int)offset;
        offset += (long)entries * ENTRY_LENGTH;
        blocksOffset = (int)offset;
        offset += (long)blocks * blockBytes;
        final long max = SharedFileDescriptor.MAX_TOTAL_LENGTH - SharedFileDescriptor.HEADER_LENGTH;
        if (offset > max)
        {
            throw new IllegalArgumentException("dict \"" + name + "\": " + options + " needs a " + offset +
                "-byte file body, more than the " + max + " one mapped file can have; lower maxEntries or dataBytes");
        }
        bodyLength = (int)offset;
    }

    public static MapLayout of(final String name, final MapOptions options)
    {
        return new MapLayout(name, options);
    }

    /**
     * @param create true to initialise a new file (a random hash seed, the bitmaps' spare bits set).
     */
    SharedFileSpec spec(final String typeTag, final boolean create)
    {
        return spec(ObjectKind.MAP, typeTag, create);
    }

    /**
     * @param kind the file's kind: {@code MAP}, or {@code NAMESPACE} for a namespace's fields.
     */
    SharedFileSpec spec(final ObjectKind kind, final String typeTag, final boolean create)
    {
        if (typeTag.getBytes(StandardCharsets.UTF_8).length > SharedFileDescriptor.TYPE_TAG_MAX_LENGTH)
        {
            throw new IllegalArgumentException("the codec ids \"" + typeTag + "\" are longer than the " +
                SharedFileDescriptor.TYPE_TAG_MAX_LENGTH + " bytes a file records");
        }
        final SharedFileSpec.Builder builder = SharedFileSpec.builder(kind, bodyLength)
            .param(PARAM_MAX_ENTRIES, "maxEntries", entries)
            .param(PARAM_MAX_KEY_BYTES, "maxKeyBytes", maxKeyBytes)
            .param(PARAM_MAX_VALUE_BYTES, "maxValueBytes", maxValueBytes)
            .param(PARAM_DATA_BYTES, "dataBytes", dataBytes)
            .param(PARAM_STRIPES, "stripes", stripes)
            .param(PARAM_BLOCK_BYTES, "blockBytes", blockBytes)
            .param(PARAM_LAYOUT, "map layout version", LAYOUT_VERSION)
            .typeTag(typeTag);
        return create ? builder.initializer(this::initialize).build() : builder.build();
    }

    private void initialize(final AtomicBuffer body)
    {
        long seed;
        do
        {
            seed = ThreadLocalRandom.current().nextLong();
        }
        while (seed == 0);
        body.putLong(SEED_OFFSET, seed);
        markSpareBits(body, entryBitsOffset, entries);
        markSpareBits(body, blockBitsOffset, blocks);
    }

    /**
     * Sets the bits past the last item of a bitmap's last word, so the search never offers them.
     */
    static void markSpareBits(final AtomicBuffer body, final int offset, final int count)
    {
        final int used = count & 63;
        if (used != 0)
        {
            body.putLong(offset + (bitmapWords(count) - 1) * Long.BYTES, -1L << used);
        }
    }

    public int stripeOffset(final int stripe)
    {
        return stripesOffset + stripe * STRIPE_LENGTH;
    }

    int bucketOffset(final int bucket)
    {
        return bucketsOffset + bucket * Integer.BYTES;
    }

    int bucketOf(final long hash)
    {
        return (int)hash & (buckets - 1);
    }

    int stripeOfBucket(final int bucket)
    {
        return bucket >>> stripeShift;
    }

    int firstBucket(final int stripe)
    {
        return stripe << stripeShift;
    }

    int bucketsPerStripe()
    {
        return 1 << stripeShift;
    }

    int entryOffset(final int entry)
    {
        return entriesOffset + entry * ENTRY_LENGTH;
    }

    int blockOffset(final int block)
    {
        return blocksOffset + block * blockBytes;
    }

    int blockPayload()
    {
        return blockBytes - BLOCK_PAYLOAD_OFFSET;
    }

    /**
     * @return the blocks {@code length} bytes need.
     */
    int blocksFor(final int length)
    {
        return (length + blockPayload() - 1) / blockPayload();
    }

    public static int bitmapWords(final int count)
    {
        return (count + 63) >>> 6;
    }

    private static long align(final long length)
    {
        return (length + HEADER_LENGTH - 1) & -HEADER_LENGTH;
    }
}
