package io.mmipc.cli.describe;

import io.mmipc.cli.read.FileBytes;
import io.mmipc.cli.read.Participants;
import io.mmipc.chronicle.LogWakeDescriptor;
import io.mmipc.internal.file.SharedFileHeader;
import io.mmipc.internal.wait.WakeWordDescriptor;

import java.io.IOException;
import java.nio.ByteBuffer;

import static io.mmipc.cli.describe.SyncLayout.*;

/**
 * Describers of ipc-agrona's values, arrays and lock-family files, and of the durable log's wake
 * file (a {@code SYNC} file of type {@value #LOG_WAKE}): what their words hold and who holds their
 * owner words.
 */
final class SyncDescribers
{
    static final String LOG_WAKE = LogWakeDescriptor.TYPE;

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
            return header.typeTag().isEmpty() ? "sync" : header.typeTag().equals(LOG_WAKE) ? "log wake" :
                header.typeTag();
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
                case LOG_WAKE -> "log wake layout version";
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
                case LOG_WAKE ->
                {
                    final String version = versionProblem(header, 0, "log wake", LogWakeDescriptor.LAYOUT_VERSION);
                    yield version != null ? version : needs(header, LogWakeDescriptor.BODY_LENGTH, "a log wake file");
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
            if (type.equals(LOG_WAKE))
            {
                // Blocked takes and polls of the log's tailers sleep on it; every append signals it.
                final boolean sleepers = WakeWords.read(header, file, LogWakeDescriptor.WAKE_OFFSET, "", out);
                out.summary(sleepers ? "tailers may be asleep" : "no tailer asleep");
                return;
            }
            final long word = file.getLong(body(0));
            switch (type)
            {
                case SEMAPHORE, BOUNDED_SEMAPHORE ->
                {
                    out.field("available", word)
                        .summary(word + " of " + header.param(SEMAPHORE_PARAM_PERMITS) + " permits available");
                    final boolean sleepers = WakeWords.read(header, file, SEMAPHORE_WAKE_OFFSET, "", out);
                    if (header.bodyLength() >= SEMAPHORE_WAKE_OFFSET + WakeWordDescriptor.SLOT_LENGTH)
                    {
                        out.summary(sleepers ? "waiters may be asleep" : "no waiter asleep");
                    }
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
}
