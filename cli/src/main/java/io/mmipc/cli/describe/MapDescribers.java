package io.mmipc.cli.describe;

import io.mmipc.ListOptions;
import io.mmipc.MapOptions;
import io.mmipc.agrona.map.ListDescriptor;
import io.mmipc.agrona.map.ListLayout;
import io.mmipc.agrona.map.MapDescriptor;
import io.mmipc.agrona.map.MapLayout;
import io.mmipc.cli.read.FileBytes;
import io.mmipc.cli.read.Participants;
import io.mmipc.internal.file.SharedFileHeader;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Describers of the files that keep data in blocks (ipc-agrona's {@code io.mmipc.agrona.map}):
 * the dict, the namespace (a dict's layout under its own kind) and the list. Where regions lie is
 * computed by the package's own {@link MapLayout} and {@link ListLayout} from the header's
 * parameters, which the options' setters check first: one place for the arithmetic.
 */
final class MapDescribers
{
    private MapDescribers()
    {
    }

    /**
     * @return the layout the parameters of a dict or namespace file describe.
     * @throws IllegalArgumentException naming the parameter when they describe none.
     */
    static MapLayout mapLayout(final SharedFileHeader header)
    {
        final MapOptions options = MapOptions.defaults()
            .maxEntries(toInt(header, MapDescriptor.PARAM_MAX_ENTRIES, "maxEntries"))
            .maxKeyBytes(toInt(header, MapDescriptor.PARAM_MAX_KEY_BYTES, "maxKeyBytes"))
            .maxValueBytes(toInt(header, MapDescriptor.PARAM_MAX_VALUE_BYTES, "maxValueBytes"))
            .dataBytes(header.param(MapDescriptor.PARAM_DATA_BYTES))
            .stripes(toInt(header, MapDescriptor.PARAM_STRIPES, "stripes"))
            .blockBytes(toInt(header, MapDescriptor.PARAM_BLOCK_BYTES, "blockBytes"));
        return MapLayout.of("file", options);
    }

    /**
     * @return the layout the parameters of a list file describe.
     * @throws IllegalArgumentException naming the parameter when they describe none.
     */
    static ListLayout listLayout(final SharedFileHeader header)
    {
        final ListOptions options = ListOptions.defaults()
            .maxElements(toInt(header, ListDescriptor.PARAM_MAX_ELEMENTS, "maxElements"))
            .maxElementBytes(toInt(header, ListDescriptor.PARAM_MAX_ELEMENT_BYTES, "maxElementBytes"))
            .dataBytes(header.param(ListDescriptor.PARAM_DATA_BYTES))
            .blockBytes(toInt(header, ListDescriptor.PARAM_BLOCK_BYTES, "blockBytes"));
        return ListLayout.of("file", options);
    }

    private static int toInt(final SharedFileHeader header, final int param, final String name)
    {
        final long value = header.param(param);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(name + " " + value + " is not a 32-bit number");
        }
        return (int)value;
    }

    /**
     * @return the problem of a layout that the parameters do not describe, or that is longer than the body.
     */
    private static String layoutProblem(final SharedFileHeader header, final String what, final LayoutOf layoutOf)
    {
        final long bodyLength;
        try
        {
            bodyLength = layoutOf.bodyLength(header);
        }
        catch (final IllegalArgumentException impossible)
        {
            return "parameters no " + what + " has: " + impossible.getMessage();
        }
        return BaseDescriber.needs(header, bodyLength, "a " + what + " of these parameters");
    }

    private interface LayoutOf
    {
        long bodyLength(SharedFileHeader header);
    }

    /**
     * Counts the data blocks in use from a block hint bitmap: a claim sets a block's bit after
     * taking it and a free clears it before giving it back, so the count is exact except after a
     * crash between the two, where it counts low. The spare bits past the last block are set at
     * creation.
     */
    private static void readSpace(final FileBytes file, final long bitsOffset, final int blocks, final int blockBytes,
        final ObjectState out) throws IOException
    {
        final long words = MapLayout.bitmapWords(blocks);
        final ByteBuffer bits = file.readFully(BaseDescriber.body(bitsOffset), (int)(words * Long.BYTES));
        long used = 0;
        for (int w = 0; w < words; w++)
        {
            used += Long.bitCount(bits.getLong(w * Long.BYTES));
        }
        used -= words * 64 - blocks;
        final long dataBytes = (long)blocks * blockBytes;
        final long usedBytes = used * blockBytes;
        out.field("blocksUsed", used).field("blocksFree", blocks - used).field("blocks", blocks)
            .field("dataBytesUsed", usedBytes).field("dataBytesFree", dataBytes - usedBytes)
            .summary("data " + used + " of " + blocks + " blocks used (" + (dataBytes - usedBytes) + " bytes free)");
    }

    /**
     * A dict, or a namespace (its attributes are a dict's entries).
     */
    static final class Dict extends BaseDescriber
    {
        private final String what;
        private final String entry;
        private final String entries;

        /**
         * @param what    "dict" or "namespace".
         * @param entry   what one entry is called: "entry", "attribute".
         * @param entries and more than one: "entries", "attributes" (also the field's name).
         */
        Dict(final String what, final String entry, final String entries)
        {
            super("maxEntries", "maxKeyBytes", "maxValueBytes", "dataBytes", "stripes", "blockBytes", what + " layout version");
            this.what = what;
            this.entry = entry;
            this.entries = entries;
        }

        @Override
        public String label(final SharedFileHeader header)
        {
            return what;
        }

        @Override
        public String layoutProblem(final SharedFileHeader header)
        {
            final String version = versionProblem(header, MapDescriptor.PARAM_LAYOUT, what, MapDescriptor.LAYOUT_VERSION);
            return version != null ? version : MapDescribers.layoutProblem(header, what, h -> mapLayout(h).bodyLength);
        }

        @Override
        public void read(final SharedFileHeader header, final FileBytes file, final Participants participants,
            final ObjectState out) throws IOException
        {
            final MapLayout layout = mapLayout(header);
            final ByteBuffer all = file.readFully(body(layout.stripeOffset(0)), layout.stripes * MapDescriptor.STRIPE_LENGTH);
            long count = 0;
            int held = 0;
            for (int s = 0; s < layout.stripes; s++)
            {
                final int stripe = s * MapDescriptor.STRIPE_LENGTH;
                count += all.getLong(stripe + MapDescriptor.STRIPE_COUNT_OFFSET);
                final Holder holder = Holder.of("stripe " + s, all.getLong(stripe + MapDescriptor.STRIPE_LOCK_OFFSET),
                    participants);
                out.holder(holder);
                held += holder == null ? 0 : 1;
            }
            out.field(entries, count).field("stripesHeld", held)
                .summary(count + " " + (count == 1 ? entry : entries))
                .summary(held == 0 ? "no stripe locked" : held + " of " + layout.stripes + " stripes locked");
            readSpace(file, layout.blockBitsOffset, layout.blocks, layout.blockBytes, out);
        }
    }

    static final class SharedList extends BaseDescriber
    {
        SharedList()
        {
            super("maxElements", "maxElementBytes", "dataBytes", "blockBytes", "list layout version");
        }

        @Override
        public String label(final SharedFileHeader header)
        {
            return "list";
        }

        @Override
        public String layoutProblem(final SharedFileHeader header)
        {
            final String version = versionProblem(header, ListDescriptor.PARAM_LAYOUT, "list", ListDescriptor.LAYOUT_VERSION);
            return version != null ? version : MapDescribers.layoutProblem(header, "list", h -> listLayout(h).bodyLength);
        }

        @Override
        public void read(final SharedFileHeader header, final FileBytes file, final Participants participants,
            final ObjectState out) throws IOException
        {
            final ListLayout layout = listLayout(header);
            final long state = file.getLong(body(ListDescriptor.STATE_OFFSET));
            if (ListDescriptor.isStrange(state))
            {
                out.problem("list state word 0x" + Long.toHexString(state) + " is not one a list writes");
            }
            else
            {
                final long length = ListDescriptor.sizeOf(state);
                out.field("length", length).summary(length + (length == 1 ? " element" : " elements"));
                if (length > layout.maxElements)
                {
                    out.problem("length " + length + " is more than the list's maxElements " + layout.maxElements);
                }
            }
            SyncDescribers.readLock(file, ListDescriptor.LOCK_OFFSET, "lock", false, participants, out);
            readSpace(file, ListDescriptor.BITS_OFFSET, layout.blocks, layout.blockBytes, out);
        }
    }
}
