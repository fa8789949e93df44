package io.mmipc.agrona.queue;

import io.mmipc.MessageHandler;
import io.mmipc.internal.counters.CounterSet;
import io.mmipc.internal.counters.Counters;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static io.mmipc.agrona.queue.ChannelDescriptor.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One channel in plain memory (no file) for the ring's unit tests: recording views of its
 * consumer slot and ring, the {@link RingChannel} over them, Agrona's producer, a reader.
 */
final class TestRing
{
    static final Path PATH = Paths.get("/test/ring");
    /** Where the ring would lie in its file: messages name offsets from here. */
    static final long RING_FILE_OFFSET = 1000;
    static final int CAPACITY = 1024;
    static final int MAX_MESSAGE_LENGTH = 4096;

    final List<String> log = new ArrayList<>();
    final UnsafeBuffer memory = new UnsafeBuffer(BufferUtil.allocateDirectAligned(length(CAPACITY), 64));
    final RecordingBuffer consumer = new RecordingBuffer(memory, 0, CONSUMER_SLOT_LENGTH, "consumer", log);
    final RecordingBuffer ring = new RecordingBuffer(memory, RING_OFFSET, ringLength(CAPACITY), "ring", log);
    final RingChannel channel;
    final RingBuffer producer;
    final RingReader reader;

    TestRing(final boolean manyProducers)
    {
        channel = new RingChannel(PATH, consumer, ring,
            new UnsafeBuffer(memory, wakesOffset(CAPACITY), WAKES_LENGTH), RING_FILE_OFFSET, CAPACITY,
            ChannelDescriptor.maxInlineLength(CAPACITY, MAX_MESSAGE_LENGTH), manyProducers);
        producer = channel.newProducer();
        reader = new RingReader(channel, null, Counters.uncounted(CounterSet.QUEUE, "test"), 1);
    }

    /**
     * Writes one data message of {@code length} bytes, each {@code seed}.
     */
    void write(final int length, final int seed)
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[Math.max(1, length)]);
        message.setMemory(0, length, (byte)seed);
        assertTrue(producer.write(typeId(DATA_MSG_TYPE_ID, length + 8), message, 0, length), "ring full");
    }

    /**
     * @return the seeds of the messages read, one per message (-1 for an empty one).
     */
    List<Integer> readAll()
    {
        final List<Integer> seeds = new ArrayList<>();
        final MessageHandler handler = (buffer, offset, length) -> seeds.add(length == 0 ? -1 : (int)buffer.getByte(offset));
        reader.read(handler, Integer.MAX_VALUE);
        return seeds;
    }

    long head()
    {
        return channel.headPosition();
    }

    long tail()
    {
        return channel.tailPosition();
    }

    void setTail(final long position)
    {
        ring.putLongRelease(channel.tailPositionIndex(), position);
    }

    void setHead(final long position)
    {
        ring.putLongRelease(channel.headPositionIndex(), position);
    }

    /**
     * @return the position in {@link #log} of the first entry that starts with {@code prefix}.
     */
    int logged(final String prefix)
    {
        for (int i = 0; i < log.size(); i++)
        {
            if (log.get(i).startsWith(prefix))
            {
                return i;
            }
        }
        throw new AssertionError("no store \"" + prefix + "...\" in " + log);
    }
}
