package io.mmipc.bench.wake;

import io.mmipc.IpcContext;
import io.mmipc.MessageQueue;
import io.mmipc.QueueOptions;
import io.mmipc.bench.support.Payload;
import io.mmipc.bench.support.Tally;
import io.mmipc.codec.Codecs;
import org.agrona.IoUtil;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The contenders of {@link FanInThroughputBenchmark}: one channel that several producer JVMs
 * ({@link FanInProducer}) send into and the benchmark JVM consumes. Both use their buffer-level
 * calls (the producer copies its payload from a buffer, the consumer checksums every byte in
 * place), so the difference is the queue around the ring.
 */
public enum FanInContender
{
    /** The default many-to-many mmipc queue, default options: blocking {@code put}, {@code poll} with a timeout. */
    MMIPC_QUEUE
    {
        @Override
        Producer producer(final Path dir, final int size)
        {
            final MessageQueue<byte[]> queue = queue(dir);
            final UnsafeBuffer message = new UnsafeBuffer(Payload.create(size));
            return () -> queue.put(message, 0, size);
        }

        @Override
        Consumer consumer(final Path dir, final Tally tally)
        {
            final MessageQueue<byte[]> queue = queue(dir);
            final io.mmipc.MessageHandler handler = tally::add;
            return new Consumer()
            {
                @Override
                public boolean receive(final long timeoutNanos) throws InterruptedException
                {
                    return queue.poll(handler, timeoutNanos, TimeUnit.NANOSECONDS);
                }

                @Override
                public void close()
                {
                    queue.close();
                }
            };
        }
    },
    /** Agrona's {@code ManyToOneRingBuffer} over a mapped file, used directly, both sides busy-spinning: the ceiling. */
    AGRONA_MANY_TO_ONE
    {
        @Override
        void prepare(final Path dir)
        {
            IoUtil.unmap(IoUtil.mapNewFile(ring(dir).toFile(), RING_CAPACITY + RingBufferDescriptor.TRAILER_LENGTH));
        }

        @Override
        Producer producer(final Path dir, final int size)
        {
            final ManyToOneRingBuffer ring = new ManyToOneRingBuffer(new UnsafeBuffer(map(dir)));
            final UnsafeBuffer message = new UnsafeBuffer(Payload.create(size));
            return () ->
            {
                while (!ring.write(MSG_TYPE_ID, message, 0, size))
                {
                    Thread.onSpinWait();
                }
            };
        }

        @Override
        Consumer consumer(final Path dir, final Tally tally)
        {
            final MappedByteBuffer mapped = map(dir);
            final ManyToOneRingBuffer ring = new ManyToOneRingBuffer(new UnsafeBuffer(mapped));
            final MessageHandler handler = (type, buffer, index, length) -> tally.add(buffer, index, length);
            return new Consumer()
            {
                @Override
                public boolean receive(final long timeoutNanos)
                {
                    final long deadline = System.nanoTime() + timeoutNanos;
                    while (ring.read(handler, 1) == 0)
                    {
                        if (System.nanoTime() - deadline > 0)
                        {
                            return false;
                        }
                        Thread.onSpinWait();
                    }
                    return true;
                }

                @Override
                public void close()
                {
                    IoUtil.unmap(mapped);
                }
            };
        }
    };

    /** The ring's capacity: the mmipc queue's default, so both hold as much. */
    static final int RING_CAPACITY = QueueOptions.DEFAULT_CAPACITY;
    private static final String NAME = "fanin";
    private static final int MSG_TYPE_ID = 1;

    /** One producer's send of one message, waiting while the channel is full. */
    @FunctionalInterface
    interface Producer
    {
        void send() throws InterruptedException;
    }

    /** The consumer's side. */
    interface Consumer extends AutoCloseable
    {
        /**
         * Receives one message into the tally, waiting up to {@code timeoutNanos}.
         *
         * @return false when none came in time.
         */
        boolean receive(long timeoutNanos) throws InterruptedException;

        @Override
        void close();
    }

    /**
     * Makes the channel's files in the benchmark JVM, before the producers start.
     */
    void prepare(final Path dir)
    {
    }

    abstract Producer producer(Path dir, int size);

    abstract Consumer consumer(Path dir, Tally tally);

    private static MessageQueue<byte[]> queue(final Path dir)
    {
        return IpcContext.joined(dir).queue(NAME, Codecs.bytes(), QueueOptions.defaults());
    }

    private static Path ring(final Path dir)
    {
        return dir.resolve(NAME + ".ring");
    }

    private static MappedByteBuffer map(final Path dir)
    {
        return IoUtil.mapExistingFile(ring(dir).toFile(), NAME);
    }
}
