package io.mmipc.bench.queue;

import io.mmipc.bench.support.Payload;
import org.agrona.IoUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * Agrona's {@code OneToOneRingBuffer} over a mapped file, with nothing of mmipc in the way.
 */
final class AgronaRingLink extends Link implements MessageHandler
{
    private static final int MSG_TYPE_ID = 1;

    private final MappedByteBuffer mapped;
    private final OneToOneRingBuffer ring;
    private final UnsafeBuffer message;

    AgronaRingLink(final Path file, final int size)
    {
        super(size);
        this.mapped = IoUtil.mapExistingFile(file.toFile(), "ring");
        this.ring = new OneToOneRingBuffer(new UnsafeBuffer(mapped));
        this.message = new UnsafeBuffer(Payload.create(size));
    }

    static void create(final Path file, final int capacity) throws IOException
    {
        IoUtil.unmap(IoUtil.mapNewFile(file.toFile(), capacity + RingBufferDescriptor.TRAILER_LENGTH));
    }

    @Override
    public boolean offer()
    {
        return ring.write(MSG_TYPE_ID, message, 0, size);
    }

    @Override
    public int poll(final int limit)
    {
        return ring.read(this, limit);
    }

    @Override
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        received.add(buffer, index, length);
    }

    @Override
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
