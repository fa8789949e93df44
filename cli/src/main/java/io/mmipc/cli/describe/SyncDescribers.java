package io.mmipc.cli.describe;

import io.mmipc.cli.read.FileBytes;
import io.mmipc.cli.read.Participants;
import io.mmipc.internal.file.SharedFileHeader;
import io.mmipc.internal.wait.WakeWordDescriptor;

import java.io.IOException;
import java.nio.ByteBuffer;

import static io.mmipc.cli.describe.SyncLayout.*;

/**
 * Describers of ipc-agrona's values, arrays, lock-family files and dicts: what their words hold
 * and who holds their owner words.
 */
final class SyncDescribers
{
    private SyncDescribers()
    {
    }

    /**
     * Reads a lock record at body offset {@code offset}: its holder, and for an rlock its hold count.
     */
    static void readLock(final FileBytes file, final long offset, final String role, final boolean reentrant,
        final Participants participants, final ObjectState out) throws IOException
    {
        final ByteBuffer record = file.readFully(BaseDescriber.body(offset), 16);
        final long word = record.getLong(LOCK_OWNER_OFFSET);
        final Holder holder = Holder.of(role, word, participants);
        out.holder(holder);
        if (holder == null)
        {
            out.summary(role + " free");
            return;
        }
        out.summary(role + " held by " + holder.text());
        if (reentrant && !holder.corrupt())
        {
            final long holds = record.getLong(LOCK_HOLD_COUNT_OFFSET);
            out.field("holdCount", holds).summary(holds + (holds == 1 ? " hold" : " holds"));
        }
    }

    static final class Value extends BaseDescriber
    {
        @Override
        public String label(final SharedFileHeader header)
        {
            return "value " + header.typeTag();
        }

        @Override
        public String layoutProblem(final SharedFileHeader header)
        {
            return needs(header, VALUE_BODY_LENGTH, "a value");
        }

        @Override
        public void read(final SharedFileHeader header, final FileBytes file, final Participants participants,
            final ObjectState out) throws IOException
        {
            final ByteBuffer value = file.readFully(body(VALUE_OFFSET), Long.BYTES);
            final Object shown = ValueTypes.value(header.typeTag(), value);
            if (shown == null)
            {
                out.problem("unknown value type \"" + header.typeTag() + "\"");
            }
            else
            {
                out.field("value", shown).summary("= " + shown);
            }
            readLock(file, VALUE_LOCK_OFFSET, "lock", true, participants, out);
        }
    }

    static final class Array extends BaseDescriber
    {
        Array()
        {
            super(BasicDescribers.paramNames(ARRAY_PARAM_LENGTH, "length", ARRAY_PARAM_ELEMENT_SIZE, "element size"));
        }

        @Override
        public String label(final SharedFileHeader header)
        {
            return "array " + header.typeTag();
        }

        @Override
        public String layoutProblem(final SharedFileHeader header)
        {
            final long length = header.param(ARRAY_PARAM_LENGTH);
            final long elementSize = header.param(ARRAY_PARAM_ELEMENT_SIZE);
            if (length < 0 || length > Integer.MAX_VALUE || elementSize != ValueTypes.elementSize(header.typeTag()))
            {
                return "parameters no array has: length " + length + ", element size " + elementSize;
            }
            return needs(header, ARRAY_ELEMENTS_OFFSET + length * elementSize,
                "an array of " + length + " elements of " + elementSize + " bytes");
        }

        @Override
        public void read(final SharedFileHeader header, final FileBytes file, final Participants participants,
            final ObjectState out) throws IOException
        {
            out.field("length", header.param(ARRAY_PARAM_LENGTH)).summary(header.param(ARRAY_PARAM_LENGTH) + " elements");
            readLock(file, ARRAY_LOCK_OFFSET, "lock", true, participants, out);
        }
    }

    /**
     * Locks, rlocks, semaphores, events, conditions and barriers: one kind, told apart by the type tag.
     */
    static final class Sync extends BaseDescriber
    {
        @Override
        public String label(final SharedFileHeader header)
        {
            return header.typeTag().isEmpty() ? "sync" : header.typeTag();
        }

        @Override
        public String paramName(final SharedFileHeader header, final int index)
        {
            if (index != 0)
            {
                return null;
            }
            return switch (header.typeTag())
            {
                case SEMAPHORE, BOUNDED_SEMAPHORE -> "permits";
                case CONDITION -> "lock hash";
                case BARRIER -> "parties";
                default -> null;
            };
        }

        @Override
        public String layoutProblem(final SharedFileHeader header)
        {
            return switch (header.typeTag())
            {
                case LOCK, RLOCK, SEMAPHORE, BOUNDED_SEMAPHORE, EVENT, CONDITION ->
                    needs(header, RECORD_LENGTH, "a " + header.typeTag());
                case BARRIER ->
                {
                    final long parties = header.param(BARRIER_PARAM_PARTIES);
                    final String barrier = "a barrier of " + parties + " parties";
                    yield parties < 1 || parties > 1 << 16 ? barrier :
                        needs(header, BARRIER_ARRIVALS_OFFSET + parties * Long.BYTES, barrier);
                }
                default -> "unknown sync type \"" + header.typeTag() + "\"";
            };
        }

        @Override
        public void read(final SharedFileHeader header, final FileBytes file, final Participants participants,
            final ObjectState out) throws IOException
        {
            final String type = header.typeTag();
            if (type.equals(LOCK) || type.equals(RLOCK))
            {
                readLock(file, 0, type, type.equals(RLOCK), participants, out);
                return;
            }
            final long word = file.getLong(body(0));
            switch (type)
            {
                case SEMAPHORE, BOUNDED_SEMAPHORE ->
                {
                    out.field("available", word)
                        .summary(word + " of " + header.param(SEMAPHORE_PARAM_PERMITS) + " permits available");
                    readWakeWord(header, file, SEMAPHORE_WAKE_OFFSET, out);
                }
                case EVENT ->
                {
                    final boolean set = (word & EVENT_FLAG) != 0;
                    out.field("set", set).field("setCount", word >>> 1).summary(set ? "set" : "clear");
                }
                case CONDITION ->
                {
                    final long mask = (1L << CONDITION_COUNTER_BITS) - 1;
                    final long waits = (word >>> (2 * CONDITION_COUNTER_BITS)) & mask;
                    final long wakeups = (word >>> CONDITION_COUNTER_BITS) & mask;
                    final long waiting = (waits - wakeups) & mask;
                    out.field("waiting", waiting).summary(waiting + " waiting");
                }
                case BARRIER ->
                {
                    final long arrived = word & BARRIER_ARRIVED_MASK;
                    final boolean broken = (word & BARRIER_BROKEN) != 0;
                    out.field("generation", word >>> BARRIER_GENERATION_SHIFT).field("arrived", arrived)
                        .field("broken", broken)
                        .summary(arrived + " of " + header.param(BARRIER_PARAM_PARTIES) + " arrived" +
                            (broken ? ", broken" : ""));
                }
                default -> out.problem("unknown sync type \"" + type + "\"");
            }
        }
    }

    /**
     * A wake word slot records no count of waiters: its sleepers flag says that someone may be
     * asleep on it (set by a waiter before it sleeps, cleared by the publisher that wakes them all),
     * and two counters how often waiters slept and publishers woke them.
     */
    private static void readWakeWord(final SharedFileHeader header, final FileBytes file, final int offset,
        final ObjectState out) throws IOException
    {
        if (header.bodyLength() < offset + WakeWordDescriptor.SLOT_LENGTH)
        {
            return; // a file from before wake words
        }
        final ByteBuffer slot = file.readFully(BaseDescriber.body(offset), WakeWordDescriptor.SLEEPS_OFFSET + Long.BYTES);
        final boolean sleepers = (slot.getInt(WakeWordDescriptor.WORD_OFFSET) & WakeWordDescriptor.SLEEPERS) != 0;
        out.field("sleepers", sleepers).field("sleeps", slot.getLong(WakeWordDescriptor.SLEEPS_OFFSET))
            .field("wakes", slot.getLong(WakeWordDescriptor.WAKES_OFFSET))
            .summary(sleepers ? "waiters may be asleep" : "no waiter asleep");
    }

    static final class Dict extends BaseDescriber
    {
        Dict()
        {
            super("maxEntries", "maxKeyBytes", "maxValueBytes", "dataBytes", "stripes", "blockBytes", "map layout version");
        }

        @Override
        public String label(final SharedFileHeader header)
        {
            return "dict";
        }

        @Override
        public String layoutProblem(final SharedFileHeader header)
        {
            final long stripes = header.param(MAP_PARAM_STRIPES);
            if (stripes < 1 || stripes > 1 << 16)
            {
                return "a dict of " + stripes + " stripes";
            }
            return needs(header, MAP_HEADER_LENGTH + stripes * MAP_STRIPE_LENGTH, "a dict of " + stripes + " stripes");
        }

        @Override
        public void read(final SharedFileHeader header, final FileBytes file, final Participants participants,
            final ObjectState out) throws IOException
        {
            final int stripes = (int)header.param(MAP_PARAM_STRIPES);
            final ByteBuffer all = file.readFully(body(MAP_HEADER_LENGTH), stripes * MAP_STRIPE_LENGTH);
            long entries = 0;
            int held = 0;
            for (int s = 0; s < stripes; s++)
            {
                final int stripe = s * MAP_STRIPE_LENGTH;
                entries += all.getLong(stripe + MAP_STRIPE_COUNT_OFFSET);
                final Holder holder = Holder.of("stripe " + s, all.getLong(stripe + MAP_STRIPE_LOCK_OFFSET), participants);
                out.holder(holder);
                held += holder == null ? 0 : 1;
            }
            out.field("entries", entries).field("stripesHeld", held)
                .summary(entries + (entries == 1 ? " entry" : " entries"))
                .summary(held == 0 ? "no stripe locked" : held + " of " + stripes + " stripes locked");
            readSpace(header, file, out);
        }

        /**
         * The data space in use, counted from the block hint bitmap: a claim sets a block's bit after
         * taking it and a free clears it before giving it back, so the count is exact except after a
         * crash between the two, where it counts low. Keys and values that fit an entry record's
         * inline area take no block.
         */
        private static void readSpace(final SharedFileHeader header, final FileBytes file, final ObjectState out)
            throws IOException
        {
            final long blockBytes = header.param(MAP_PARAM_BLOCK_BYTES);
            final long dataBytes = header.param(MAP_PARAM_DATA_BYTES);
            final long maxEntries = header.param(MAP_PARAM_MAX_ENTRIES);
            if (blockBytes < 1 || dataBytes < 0 || dataBytes % blockBytes != 0 || maxEntries < 1 ||
                dataBytes / blockBytes > Integer.MAX_VALUE)
            {
                out.problem("dict parameters dataBytes " + dataBytes + ", blockBytes " + blockBytes + ", maxEntries " +
                    maxEntries + " describe no layout");
                return;
            }
            final long blocks = dataBytes / blockBytes;
            final long offset = mapBlockBitsOffset(maxEntries, header.param(MAP_PARAM_STRIPES));
            final long words = mapBitmapWords(blocks);
            if (offset + words * Long.BYTES > header.bodyLength())
            {
                out.problem("the block bitmap at " + offset + " lies past the body's " + header.bodyLength() + " bytes");
                return;
            }
            final ByteBuffer bits = file.readFully(body(offset), (int)(words * Long.BYTES));
            long used = 0;
            for (int w = 0; w < words; w++)
            {
                used += Long.bitCount(bits.getLong(w * Long.BYTES));
            }
            used -= words * 64 - blocks; // the spare bits past the last block are set at creation
            final long usedBytes = used * blockBytes;
            out.field("blocksUsed", used).field("blocks", blocks).field("dataBytesUsed", usedBytes)
                .field("dataBytesFree", dataBytes - usedBytes)
                .summary("data " + used + " of " + blocks + " blocks used (" + (dataBytes - usedBytes) + " bytes free)");
        }
    }
}
