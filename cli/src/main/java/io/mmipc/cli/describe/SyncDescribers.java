package io.mmipc.cli.describe;

import io.mmipc.agrona.sync.ArrayDescriptor;
import io.mmipc.agrona.sync.BarrierDescriptor;
import io.mmipc.agrona.sync.ConditionDescriptor;
import io.mmipc.agrona.sync.EventDescriptor;
import io.mmipc.agrona.sync.LockDescriptor;
import io.mmipc.agrona.sync.SemaphoreDescriptor;
import io.mmipc.agrona.sync.ValueDescriptor;
import io.mmipc.chronicle.LogWakeDescriptor;
import io.mmipc.cli.read.FileBytes;
import io.mmipc.cli.read.Participants;
import io.mmipc.internal.file.SharedFileHeader;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Describers of ipc-agrona's values, arrays and lock-family files, and of the durable log's wake
 * file (a {@code SYNC} file of type {@value #LOG_WAKE}): what their words hold, who holds their
 * owner words, and whether waiters sleep on their wake words. Offsets and word layouts are read
 * from the {@code io.mmipc.agrona.sync} descriptors; value and array type tags and element sizes
 * from the generated {@link ValueTypes}.
 */
final class SyncDescribers
{
    static final String LOG_WAKE = LogWakeDescriptor.TYPE;
    private static final String LOCK = LockDescriptor.TYPE;
    private static final String RLOCK = LockDescriptor.REENTRANT_TYPE;
    private static final String SEMAPHORE = SemaphoreDescriptor.TYPE;
    private static final String BOUNDED_SEMAPHORE = SemaphoreDescriptor.BOUNDED_TYPE;
    private static final String EVENT = EventDescriptor.TYPE;
    private static final String CONDITION = ConditionDescriptor.TYPE;
    private static final String BARRIER = BarrierDescriptor.TYPE;

    private SyncDescribers()
    {
    }

    /**
     * Reads a lock record ({@link LockDescriptor}) at body offset {@code offset}: its holder, and
     * for an rlock its hold count.
     */
    static void readLock(final FileBytes file, final long offset, final String role, final boolean reentrant,
        final Participants participants, final ObjectState out) throws IOException
    {
        final ByteBuffer record = file.readFully(BaseDescriber.body(offset), LockDescriptor.HOLD_COUNT_OFFSET + Long.BYTES);
        final long word = record.getLong(LockDescriptor.OWNER_OFFSET);
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
            final long holds = record.getLong(LockDescriptor.HOLD_COUNT_OFFSET);
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
            return needs(header, ValueDescriptor.BODY_LENGTH, "a value");
        }

        @Override
        public void read(final SharedFileHeader header, final FileBytes file, final Participants participants,
            final ObjectState out) throws IOException
        {
            final ByteBuffer value = file.readFully(body(ValueDescriptor.VALUE_OFFSET), Long.BYTES);
            final Object shown = ValueTypes.value(header.typeTag(), value);
            if (shown == null)
            {
                out.problem("unknown value type \"" + header.typeTag() + "\"");
            }
            else
            {
                out.field("value", shown).summary("= " + shown);
            }
            readLock(file, ValueDescriptor.LOCK_OFFSET, "lock", true, participants, out);
        }
    }

    /**
     * An array: its length and element size in the header, its lock record before the elements.
     */
    static final class Array extends BaseDescriber
    {
        Array()
        {
            super(BasicDescribers.paramNames(ArrayDescriptor.PARAM_LENGTH, "length", ArrayDescriptor.PARAM_ELEMENT_SIZE,
                "element size"));
        }

        @Override
        public String label(final SharedFileHeader header)
        {
            return "array " + header.typeTag();
        }

        @Override
        public String layoutProblem(final SharedFileHeader header)
        {
            final long length = header.param(ArrayDescriptor.PARAM_LENGTH);
            final long elementSize = header.param(ArrayDescriptor.PARAM_ELEMENT_SIZE);
            if (elementSize != ValueTypes.elementSize(header.typeTag()) || elementSize < 1 || length < 0 ||
                length > ArrayDescriptor.maxLength((int)elementSize))
            {
                return "parameters no array has: length " + length + ", element size " + elementSize;
            }
            return needs(header, ArrayDescriptor.bodyLength((int)length, (int)elementSize),
                "an array of " + length + " elements of " + elementSize + " bytes");
        }

        @Override
        public void read(final SharedFileHeader header, final FileBytes file, final Participants participants,
            final ObjectState out) throws IOException
        {
            final long length = header.param(ArrayDescriptor.PARAM_LENGTH);
            out.field("length", length).summary(length + " elements");
            readLock(file, ArrayDescriptor.LOCK_OFFSET, "lock", true, participants, out);
        }
    }

    /**
     * Locks, rlocks, semaphores, events, conditions and barriers (one kind, told apart by the type
     * tag), and the durable log's wake file.
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
            final String type = header.typeTag();
            if (type.equals(BARRIER) && index == BarrierDescriptor.PARAM_LAYOUT)
            {
                return "barrier layout version";
            }
            if (index != 0)
            {
                return null;
            }
            return switch (type)
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
                case LOCK, RLOCK -> needs(header, LockDescriptor.RECORD_LENGTH, "a " + header.typeTag());
                case SEMAPHORE, BOUNDED_SEMAPHORE -> needs(header, SemaphoreDescriptor.BODY_LENGTH, "a semaphore");
                case EVENT -> needs(header, EventDescriptor.BODY_LENGTH, "an event");
                case CONDITION -> needs(header, ConditionDescriptor.BODY_LENGTH, "a condition");
                case BARRIER ->
                {
                    final String version = versionProblem(header, BarrierDescriptor.PARAM_LAYOUT, "barrier",
                        BarrierDescriptor.LAYOUT_VERSION);
                    final long parties = header.param(BarrierDescriptor.PARAM_PARTIES);
                    final String barrier = "a barrier of " + parties + " parties";
                    yield version != null ? version : parties < 1 || parties > BarrierDescriptor.MAX_PARTIES ?
                        "parameters no barrier has: " + parties + " parties, not in [1, " +
                        BarrierDescriptor.MAX_PARTIES + "]" :
                        needs(header, BarrierDescriptor.bodyLength((int)parties), barrier);
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
            switch (type)
            {
                case LOCK, RLOCK -> readLock(file, 0, type, type.equals(RLOCK), participants, out);
                case SEMAPHORE, BOUNDED_SEMAPHORE ->
                {
                    final long available = file.getLong(body(SemaphoreDescriptor.PERMITS_OFFSET));
                    out.field("available", available).summary(available + " of " +
                        header.param(SemaphoreDescriptor.PARAM_PERMITS) + " permits available");
                    sleepers(header, file, SemaphoreDescriptor.WAKE_OFFSET, "waiters", out);
                }
                case EVENT ->
                {
                    final long word = file.getLong(body(EventDescriptor.WORD_OFFSET));
                    final boolean set = EventDescriptor.isSet(word);
                    out.field("set", set).field("setCount", EventDescriptor.setCount(word)).summary(set ? "set" : "clear");
                    sleepers(header, file, EventDescriptor.WAKE_OFFSET, "waiters", out);
                }
                case CONDITION ->
                {
                    final long word = file.getLong(body(ConditionDescriptor.WORD_OFFSET));
                    final long waiting = ConditionDescriptor.distance(ConditionDescriptor.waits(word),
                        ConditionDescriptor.wakeups(word));
                    out.field("waiting", waiting).summary(waiting + " waiting");
                    sleepers(header, file, ConditionDescriptor.WAKE_OFFSET, "waiters", out);
                }
                case BARRIER ->
                {
                    final long state = file.getLong(body(BarrierDescriptor.STATE_OFFSET));
                    final int arrived = BarrierDescriptor.arrived(state);
                    final boolean broken = BarrierDescriptor.isBroken(state);
                    out.field("generation", BarrierDescriptor.generation(state)).field("arrived", arrived)
                        .field("broken", broken)
                        .summary(arrived + " of " + header.param(BarrierDescriptor.PARAM_PARTIES) + " arrived" +
                            (broken ? ", broken" : ""));
                    sleepers(header, file, BarrierDescriptor.WAKE_OFFSET, "waiters", out);
                }
                // Blocked takes and polls of the log's tailers sleep on it; every append signals it.
                case LOG_WAKE -> sleepers(header, file, LogWakeDescriptor.WAKE_OFFSET, "tailers", out);
                default -> out.problem("unknown sync type \"" + type + "\"");
            }
        }

        private static void sleepers(final SharedFileHeader header, final FileBytes file, final int offset,
            final String who, final ObjectState out) throws IOException
        {
            final boolean asleep = WakeWords.read(header, file, offset, "", out);
            out.summary(asleep ? who + " may be asleep" : "no " + who.substring(0, who.length() - 1) + " asleep");
        }
    }
}
