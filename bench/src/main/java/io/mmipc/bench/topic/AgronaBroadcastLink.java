package io.mmipc.bench.topic;

import org.agrona.IoUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.broadcast.BroadcastBufferDescriptor;
import org.agrona.concurrent.broadcast.BroadcastReceiver;
import org.agrona.concurrent.broadcast.BroadcastTransmitter;
import org.agrona.concurrent.broadcast.CopyBroadcastReceiver;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * Agrona used directly, with nothing of mmipc in the way: requests through a
 * {@link BroadcastTransmitter} over a mapped file, read by each subscriber with a
 * {@link CopyBroadcastReceiver} (which copies, then checks it was not lapped: what mmipc's LAP
 * policy does); replies back through a {@link ManyToOneRingBuffer}. A broadcast transmitter never
 * waits: a subscriber that falls behind is lapped and loses messages.
 */
final class AgronaBroadcastLink extends FanOutLink
{
    private static final int MSG_TYPE_ID = 1;

    private final MappedByteBuffer broadcastFile;
    private final MappedByteBuffer repliesFile;
    private final BroadcastTransmitter transmitter;
    private final CopyBroadcastReceiver receiver;
    private final ManyToOneRingBuffer replies;
    private final UnsafeBuffer message;
    private final boolean publisher;
    private long lappedWhileCopying;
    private final org.agrona.concurrent.MessageHandler onBroadcast = this::onBroadcast;

    AgronaBroadcastLink(final Path dir, final int size, final boolean publisher)
    {
        super(size);
        this.publisher = publisher;
        this.broadcastFile = IoUtil.mapExistingFile(dir.resolve("requests.broadcast").toFile(), "broadcast");
        this.repliesFile = IoUtil.mapExistingFile(dir.resolve("replies.ring").toFile(), "replies");
        final UnsafeBuffer broadcast = new UnsafeBuffer(broadcastFile);
        this.transmitter = publisher ? new BroadcastTransmitter(broadcast) : null;
        this.receiver = publisher ? null :
            new CopyBroadcastReceiver(new BroadcastReceiver(broadcast), new UnsafeBuffer(new byte[size + 64]));
        this.replies = new ManyToOneRingBuffer(new UnsafeBuffer(repliesFile));
        this.message = new UnsafeBuffer(payload);
    }

    static void create(final Path dir, final int capacity) throws IOException
    {
        IoUtil.unmap(IoUtil.mapNewFile(dir.resolve("requests.broadcast").toFile(),
            capacity + BroadcastBufferDescriptor.TRAILER_LENGTH));
        IoUtil.unmap(IoUtil.mapNewFile(dir.resolve("replies.ring").toFile(),
            capacity + RingBufferDescriptor.TRAILER_LENGTH));
    }

    @Override
    boolean offer()
    {
        if (publisher)
        {
            transmitter.transmit(MSG_TYPE_ID, message, 0, size);
            return true;
        }
        return replies.write(MSG_TYPE_ID, message, 0, size);
    }

    @Override
    int poll(final int limit)
    {
        if (publisher)
        {
            return replies.read((type, buffer, offset, length) -> received.add(buffer, offset, length), limit);
        }
        int messages = 0;
        try
        {
            while (messages < limit && receiver.receive(onBroadcast) > 0)
            {
                messages++;
            }
        }
        catch (final IllegalStateException lappedDuringCopy)
        {
            // Agrona's "unable to keep up with broadcast": the copy was overwritten; the next receive goes on
            lappedWhileCopying++;
        }
        return messages;
    }

    private void onBroadcast(final int type, final MutableDirectBuffer buffer, final int offset, final int length)
    {
        received.add(buffer, offset, length);
    }

    @Override
    long lapped()
    {
        return publisher ? 0 : receiver.broadcastReceiver().lappedCount() + lappedWhileCopying;
    }

    @Override
    public void close()
    {
        IoUtil.unmap(broadcastFile);
        IoUtil.unmap(repliesFile);
    }
}
