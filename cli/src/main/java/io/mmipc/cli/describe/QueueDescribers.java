package io.mmipc.cli.describe;

import io.mmipc.agrona.queue.PipeDescriptor;
import io.mmipc.agrona.queue.QueueDescriptor;
import io.mmipc.cli.read.FileBytes;
import io.mmipc.cli.read.Participants;
import io.mmipc.QueueOptions;
import io.mmipc.cli.text.Formats;
import io.mmipc.internal.file.ObjectKind;
import io.mmipc.internal.file.SharedFileHeader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Describers of ipc-agrona's queues and pipes: the messages waiting in each channel, the
 * consumer's counts, and who is attached: a queue's consumer and producers (its owner words and
 * process slots), a pipe's ends, each with its process and whether that lives.
 */
public final class QueueDescribers
{
    /**
     * One direction of messages in a queue or pipe file.
     *
     * @param name     "queue", "to end 1", "to end 2".
     * @param offset   the channel's file offset.
     * @param capacity the ring's capacity in bytes.
     */
    public record Channel(String name, long offset, int capacity)
    {
    }

    private QueueDescribers()
    {
    }

    /**
     * @return the channels of a queue or pipe file, empty for other kinds.
     */
    public static List<Channel> channels(final SharedFileHeader header)
    {
        final List<Channel> channels = new ArrayList<>();
        final ObjectKind kind = header.kind();
        if (kind == ObjectKind.QUEUE_ONE_TO_ONE || kind == ObjectKind.QUEUE_MANY_TO_MANY)
        {
            channels.add(new Channel("queue", BaseDescriber.body(QueueDescriptor.CHANNEL_OFFSET),
                (int)header.param(QueueDescriptor.PARAM_CAPACITY)));
        }
        else if (kind == ObjectKind.PIPE)
        {
            final long capacity = header.param(PipeDescriptor.PARAM_CAPACITY);
            channels.add(new Channel("to end 1", BaseDescriber.body(PipeDescriptor.channelOffset((int)capacity, 1)), (int)capacity));
            if (header.param(PipeDescriptor.PARAM_DUPLEX) != 0)
            {
                channels.add(new Channel("to end 2", BaseDescriber.body(PipeDescriptor.channelOffset((int)capacity, 2)), (int)capacity));
            }
        }
        return channels;
    }

    static String capacityProblem(final long capacity)
    {
        if (capacity < QueueOptions.MIN_CAPACITY || capacity > QueueOptions.MAX_CAPACITY || Long.bitCount(capacity) != 1)
        {
            return "capacity " + capacity + " is not a power of two in [" + QueueOptions.MIN_CAPACITY + ", " +
                QueueOptions.MAX_CAPACITY + "]";
        }
        return null;
    }

    /**
     * Reads every channel into {@code out}: message counts, bytes used, consumed and skipped counts.
     */
    static void readChannels(final SharedFileHeader header, final FileBytes file, final ObjectState out)
        throws IOException
    {
        final List<Map<String, Object>> fields = new ArrayList<>();
        for (final Channel channel : channels(header))
        {
            final RingSnapshot ring = RingSnapshot.read(file, channel.offset(), channel.capacity(), 0);
            final Map<String, Object> json = new LinkedHashMap<>();
            json.put("channel", channel.name());
            json.put("messages", ring.messages());
            json.put("usedBytes", ring.usedBytes());
            json.put("capacity", channel.capacity());
            json.put("head", ring.head());
            json.put("tail", ring.tail());
            json.put("consumed", ring.consumed());
            json.put("skipped", ring.skipped());
            json.put("claimPending", ring.claimPending());
            fields.add(json);
            final String prefix = channel.name().equals("queue") ? "" : channel.name() + ": ";
            out.summary(prefix + ring.messages() + (ring.messages() == 1 ? " message" : " messages") + " (" +
                Formats.size(ring.usedBytes()) + " of " + Formats.size(channel.capacity()) + "), " +
                ring.consumed() + " consumed" + (ring.skipped() != 0 ? ", " + ring.skipped() + " skipped" : "") +
                (ring.claimPending() ? ", a claim not committed" : ""));
            if (ring.problem() != null)
            {
                out.problem(channel.name() + ": " + ring.problem());
            }
        }
        out.field("channels", fields);
    }

    static final class Queue extends BaseDescriber
    {
        private final boolean oneToOne;

        Queue(final boolean oneToOne)
        {
            super("capacity", "maxMessageLength", oneToOne ? "producer slots" : "maxProcesses", "queue layout version");
            this.oneToOne = oneToOne;
        }

        @Override
        public String label(final SharedFileHeader header)
        {
            return oneToOne ? "queue 1:1" : "queue n:n";
        }

        @Override
        public String layoutProblem(final SharedFileHeader header)
        {
            final String version = versionProblem(header, QueueDescriptor.PARAM_LAYOUT, "queue",
                QueueDescriptor.LAYOUT_VERSION);
            if (version != null)
            {
                return version;
            }
            final long capacity = header.param(QueueDescriptor.PARAM_CAPACITY);
            final long slots = header.param(QueueDescriptor.PARAM_SLOTS);
            final String bad = capacityProblem(capacity);
            if (bad != null)
            {
                return bad;
            }
            if (oneToOne ? slots != 1 : slots < 1 || slots > QueueOptions.MAX_PROCESSES)
            {
                return "process slots " + slots +
                    (oneToOne ? ", not 1" : " not in [1, " + QueueOptions.MAX_PROCESSES + "]");
            }
            return needs(header, QueueDescriptor.bodyLength((int)capacity, (int)slots),
                "a queue of capacity " + capacity + " with " + slots + " slots");
        }

        @Override
        public void read(final SharedFileHeader header, final FileBytes file, final Participants participants,
            final ObjectState out) throws IOException
        {
            readChannels(header, file, out);
            final ByteBuffer words = file.readFully(body(0), QueueDescriptor.CHANNEL_OFFSET);
            final long consumer = words.getLong(QueueDescriptor.CONSUMER_WORD_OFFSET);
            out.field("consumerWordTaken", consumer != 0).field("retired", words.getLong(QueueDescriptor.RETIRED_COUNT_OFFSET));
            final long capacity = header.param(QueueDescriptor.PARAM_CAPACITY);
            final int slots = (int)header.param(QueueDescriptor.PARAM_SLOTS);
            final ByteBuffer slotBytes = file.readFully(body(QueueDescriptor.slotsOffset((int)capacity)), slots * QueueDescriptor.SLOT_LENGTH);
            final List<String> producers = new ArrayList<>();
            final List<String> consumers = new ArrayList<>();
            if (oneToOne)
            {
                final Holder producer = Holder.of("producer", slotBytes.getLong(QueueDescriptor.SLOT_HOLDER_OFFSET), participants);
                final Holder taker = Holder.of("consumer", consumer, participants);
                out.holder(producer).holder(taker);
                addText(producers, producer);
                addText(consumers, taker);
            }
            else
            {
                out.holder(Holder.of("consumer turn", consumer, participants));
                for (int s = 0; s < slots; s++)
                {
                    final int slot = s * QueueDescriptor.SLOT_LENGTH;
                    final long roles = slotBytes.getLong(slot + QueueDescriptor.SLOT_ROLES_OFFSET);
                    final String role = (roles & QueueDescriptor.ROLE_PRODUCER) != 0 ?
                        (roles & QueueDescriptor.ROLE_CONSUMER) != 0 ? "producer+consumer" : "producer" :
                        (roles & QueueDescriptor.ROLE_CONSUMER) != 0 ? "consumer" : "slot";
                    final Holder holder = Holder.of(role + " (slot " + s + ")",
                        slotBytes.getLong(slot + QueueDescriptor.SLOT_HOLDER_OFFSET), participants);
                    out.holder(holder);
                    if ((roles & QueueDescriptor.ROLE_PRODUCER) != 0)
                    {
                        addText(producers, holder);
                    }
                    if ((roles & QueueDescriptor.ROLE_CONSUMER) != 0)
                    {
                        addText(consumers, holder);
                    }
                }
            }
            out.summary(attached("producer", producers)).summary(attached("consumer", consumers));
        }

        private static void addText(final List<String> texts, final Holder holder)
        {
            if (holder != null)
            {
                texts.add(holder.corrupt() ? holder.text() : holder.pid() != 0 ?
                    "pid " + holder.pid() + (holder.alive() ? " (alive)" : " (dead)") : "a process that left (dead)");
            }
        }

        private static String attached(final String role, final List<String> who)
        {
            return who.isEmpty() ? "no " + role : (who.size() == 1 ? role + " " : role + "s ") + String.join(" ", who);
        }
    }

    static final class Pipe extends BaseDescriber
    {
        Pipe()
        {
            super("capacity", "maxMessageLength", "duplex", "pipe layout version");
        }

        @Override
        public String label(final SharedFileHeader header)
        {
            return header.param(PipeDescriptor.PARAM_DUPLEX) != 0 ? "pipe duplex" : "pipe one-way";
        }

        @Override
        public String layoutProblem(final SharedFileHeader header)
        {
            final String version = versionProblem(header, PipeDescriptor.PARAM_LAYOUT, "pipe",
                PipeDescriptor.LAYOUT_VERSION);
            if (version != null)
            {
                return version;
            }
            final long capacity = header.param(PipeDescriptor.PARAM_CAPACITY);
            final String bad = capacityProblem(capacity);
            if (bad != null)
            {
                return bad;
            }
            final boolean duplex = header.param(PipeDescriptor.PARAM_DUPLEX) != 0;
            return needs(header, PipeDescriptor.bodyLength((int)capacity, duplex),
                "a " + (duplex ? "duplex" : "one-way") + " pipe of capacity " + capacity);
        }

        @Override
        public void read(final SharedFileHeader header, final FileBytes file, final Participants participants,
            final ObjectState out) throws IOException
        {
            final ByteBuffer ends = file.readFully(body(0), 2 * PipeDescriptor.END_SLOT_LENGTH);
            for (int end = 1; end <= 2; end++)
            {
                final int slot = (end - 1) * PipeDescriptor.END_SLOT_LENGTH;
                final long word = ends.getLong(slot + PipeDescriptor.END_HOLDER_OFFSET);
                final boolean open = word != 0;
                final boolean everOpened = ends.getLong(slot + PipeDescriptor.END_EVER_OPENED_OFFSET) != 0;
                final Holder holder = Holder.of("end " + end, word, participants);
                out.field("end" + end + "Open", open).holder(holder);
                out.summary("end " + end + (holder != null ? " open by " + (holder.corrupt() ? holder.text() :
                    holder.pid() != 0 ? "pid " + holder.pid() + (holder.alive() ? " (alive)" : " (dead)") :
                    "a process that left (dead)") : everOpened ? " closed" : " never opened"));
            }
            readChannels(header, file, out);
        }
    }
}
