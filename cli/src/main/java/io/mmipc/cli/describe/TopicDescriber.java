package io.mmipc.cli.describe;

import io.mmipc.TopicOptions;
import io.mmipc.TopicPolicy;
import io.mmipc.agrona.topic.TopicDescriptor;
import io.mmipc.cli.read.FileBytes;
import io.mmipc.cli.read.Participants;
import io.mmipc.internal.file.SharedFileHeader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.mmipc.agrona.topic.TopicDescriptor.*;

/**
 * A fan-out topic ({@link TopicDescriptor}): its tail (the next sequence publishers claim), who
 * publishes and who subscribes, and each subscriber's position, lag behind the tail, and the
 * messages it received and missed (lapped, or claims of dead publishers skipped).
 */
final class TopicDescriber extends BaseDescriber
{
    TopicDescriber()
    {
        super("capacity", "maxMessageLength", "maxPublishers", "maxSubscribers", "policy", "topic layout version");
    }

    @Override
    public String label(final SharedFileHeader header)
    {
        final long policy = header.param(PARAM_POLICY);
        return "topic " + (policy >= 0 && policy < TopicPolicy.values().length ?
            TopicPolicy.values()[(int)policy].name() : "policy " + policy);
    }

    @Override
    public String layoutProblem(final SharedFileHeader header)
    {
        final String version = versionProblem(header, PARAM_LAYOUT, "topic", LAYOUT_VERSION);
        if (version != null)
        {
            return version;
        }
        final long policy = header.param(PARAM_POLICY);
        if (policy < 0 || policy >= TopicPolicy.values().length)
        {
            return "parameters no topic has: policy " + policy + " (0 BLOCK, 1 LAP)";
        }
        try
        {
            TopicOptions.defaults().capacity(toInt(header, PARAM_CAPACITY, "capacity"))
                .maxMessageLength(toInt(header, PARAM_MAX_MESSAGE_LENGTH, "maxMessageLength"))
                .maxPublishers(toInt(header, PARAM_PUBLISHERS, "maxPublishers"))
                .maxSubscribers(toInt(header, PARAM_SUBSCRIBERS, "maxSubscribers"));
        }
        catch (final IllegalArgumentException impossible)
        {
            return "parameters no topic has: " + impossible.getMessage();
        }
        return needs(header, bodyLength((int)header.param(PARAM_CAPACITY), (int)header.param(PARAM_MAX_MESSAGE_LENGTH),
            (int)header.param(PARAM_PUBLISHERS), (int)header.param(PARAM_SUBSCRIBERS)), "a topic of these parameters");
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

    @Override
    public void read(final SharedFileHeader header, final FileBytes file, final Participants participants,
        final ObjectState out) throws IOException
    {
        final int publishers = (int)header.param(PARAM_PUBLISHERS);
        final int subscribers = (int)header.param(PARAM_SUBSCRIBERS);
        final ByteBuffer pubSlots = file.readFully(body(PUBLISHERS_OFFSET), publishers * MEMBER_SLOT_LENGTH);
        final ByteBuffer subSlots = file.readFully(body(subscribersOffset(publishers)), subscribers * MEMBER_SLOT_LENGTH);
        // The tail after the positions: it only grows and no position passes it, so no lag reads negative.
        final long tail = file.getLong(body(TAIL_OFFSET));

        int attachedPublishers = 0;
        long published = 0;
        for (int s = 0; s < publishers; s++)
        {
            final int slot = s * MEMBER_SLOT_LENGTH;
            published += pubSlots.getLong(slot + PUBLISHED_OFFSET);
            final Holder holder = Holder.of("publisher (slot " + s + ")", pubSlots.getLong(slot + HOLDER_OFFSET), participants);
            out.holder(holder);
            attachedPublishers += holder == null ? 0 : 1;
        }

        final List<Object> subs = new ArrayList<>();
        long missed = 0;
        long maxLag = 0;
        for (int s = 0; s < subscribers; s++)
        {
            final int slot = s * MEMBER_SLOT_LENGTH;
            final Holder holder = Holder.of("subscriber (slot " + s + ")", subSlots.getLong(slot + HOLDER_OFFSET),
                participants);
            if (holder == null)
            {
                continue;
            }
            out.holder(holder);
            final long position = subSlots.getLong(slot + POSITION_OFFSET);
            final long lag = tail - position;
            final long slotMissed = subSlots.getLong(slot + MISSED_OFFSET);
            missed += slotMissed;
            maxLag = Math.max(maxLag, lag);
            final Map<String, Object> sub = new LinkedHashMap<>();
            sub.put("slot", s);
            sub.put("pid", holder.pid() == 0 ? null : holder.pid());
            sub.put("alive", holder.alive());
            sub.put("position", position);
            sub.put("lag", lag);
            sub.put("received", subSlots.getLong(slot + RECEIVED_OFFSET));
            sub.put("missed", slotMissed);
            subs.add(sub);
            if (position < 0 || lag < 0)
            {
                out.problem("subscriber slot " + s + ": position " + position + " is not behind the tail " + tail);
            }
        }
        out.field("tail", tail).field("published", published).field("publishers", attachedPublishers)
            .field("subscribers", subs.size()).field("missed", missed).field("maxLag", maxLag)
            .field("subscriberSlots", subs)
            .summary("tail " + tail)
            .summary(attachedPublishers + (attachedPublishers == 1 ? " publisher" : " publishers"))
            .summary(subs.size() + (subs.size() == 1 ? " subscriber" : " subscribers") +
                (subs.isEmpty() ? "" : " (lag up to " + maxLag + ")"))
            .summary(missed + " missed");
    }
}
