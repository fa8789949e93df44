package io.mmipc.cli.describe;

import io.mmipc.QueueOptions;
import io.mmipc.agrona.queue.JoinableDescriptor;
import io.mmipc.cli.read.FileBytes;
import io.mmipc.cli.read.Participants;
import io.mmipc.internal.file.SharedFileHeader;

import java.io.IOException;
import java.nio.ByteBuffer;

import static io.mmipc.agrona.queue.JoinableDescriptor.*;

/**
 * A joinable queue's task file ({@link JoinableDescriptor}, {@code <queue>.joinable} beside the
 * queue): its unfinished tasks (what {@code join()} waits for), tasks lost with holders that died,
 * whether joiners sleep, and each queue object holding tasks (its slots are the queue's
 * {@code maxProcesses}).
 */
final class JoinableDescriber extends BaseDescriber
{
    JoinableDescriber()
    {
        super("maxProcesses", "joinable layout version");
    }

    @Override
    public String label(final SharedFileHeader header)
    {
        return "joinable tasks";
    }

    @Override
    public String layoutProblem(final SharedFileHeader header)
    {
        final String version = versionProblem(header, PARAM_LAYOUT, "joinable", LAYOUT_VERSION);
        if (version != null)
        {
            return version;
        }
        final long slots = header.param(PARAM_SLOTS);
        if (slots < 1 || slots > QueueOptions.MAX_PROCESSES)
        {
            return "parameters no joinable file has: maxProcesses " + slots + " not in [1, " +
                QueueOptions.MAX_PROCESSES + "]";
        }
        return needs(header, bodyLength((int)slots), "a joinable file of " + slots + " holder slots");
    }

    @Override
    public void read(final SharedFileHeader header, final FileBytes file, final Participants participants,
        final ObjectState out) throws IOException
    {
        final long unfinished = file.getLong(body(UNFINISHED_OFFSET));
        final long lost = file.getLong(body(LOST_OFFSET));
        final int slots = (int)header.param(PARAM_SLOTS);
        final ByteBuffer all = file.readFully(body(SLOTS_OFFSET), slots * SLOT_LENGTH);
        long held = 0;
        int holders = 0;
        for (int s = 0; s < slots; s++)
        {
            final int slot = s * SLOT_LENGTH;
            final Holder holder = Holder.of("holder (slot " + s + ")", all.getLong(slot + SLOT_HOLDER_OFFSET), participants);
            if (holder != null)
            {
                out.holder(holder);
                holders++;
                held += all.getLong(slot + SLOT_HELD_OFFSET);
            }
        }
        out.field("unfinishedTasks", unfinished).field("lostTasks", lost).field("heldTasks", held)
            .field("taskHolders", holders)
            .summary(unfinished + (unfinished == 1 ? " unfinished task" : " unfinished tasks"))
            .summary(lost + " lost");
        if (unfinished < 0)
        {
            out.problem("unfinished tasks " + unfinished + " is below 0");
        }
        final boolean sleepers = WakeWords.read(header, file, ALL_DONE_WAKE_OFFSET, "joiners", out);
        out.summary(sleepers ? "joiners may be asleep" : "no joiner asleep");
    }
}
