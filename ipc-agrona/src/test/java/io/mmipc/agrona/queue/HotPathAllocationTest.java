package io.mmipc.agrona.queue;

import io.mmipc.IpcContext;
import io.mmipc.MessageHandler;
import io.mmipc.MessageQueue;
import io.mmipc.Pipe;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codecs;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The zero-copy paths allocate nothing per message once warm: {@code offer(buffer)},
 * {@code tryClaim}/{@code commit} and {@code poll(handler)} of the one-to-one queue, and a pipe's
 * bytes {@code send} and {@code recv(handler)}. Measured with the JDK's per-thread allocation
 * counter over many messages: a per-message allocation of even 8 bytes would show as hundreds
 * of kilobytes, the allowance covers the JIT's rare one-off deoptimisation.
 */
@Timeout(120)
class HotPathAllocationTest
{
    static final int WARM_UP = 50_000;
    static final int MESSAGES = 200_000;
    /** Far less than one byte per message. */
    static final long ALLOWANCE = 64 * 1024;

    @TempDir
    Path root;

    private final long[] checksum = new long[1];
    private final MessageHandler handler = (buffer, offset, length) -> checksum[0] += buffer.getLong(offset) + length;

    @Test
    void theOneToOneQueuesZeroCopyPathsAllocateNothingPerMessage()
    {
        final com.sun.management.ThreadMXBean threads = allocationCounter();
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<byte[]> queue = ctx.queue("hot", Codecs.bytes(),
                QueueOptions.defaults().oneToOne(true).capacity(1 << 16));
            final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
            final Runnable round = () ->
            {
                message.putLong(0, checksum[0]);
                assertTrue(queue.offer(message, 0, 64));
                final int index = queue.tryClaim(32);
                queue.claimBuffer().putLong(index, 7);
                queue.commit(index);
                assertTrue(queue.poll(handler));
                assertTrue(queue.poll(handler));
            };
            final long allocated = allocatedBy(threads, round);
            assertTrue(allocated < ALLOWANCE, allocated + " bytes allocated for " + 2 * MESSAGES + " messages");
        }
    }

    @Test
    void aPipesBytesPathAllocatesNothingPerMessage()
    {
        final com.sun.management.ThreadMXBean threads = allocationCounter();
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Pipe<byte[]> pipe = ctx.pipe("hot", Codecs.bytes());
            final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
            final Runnable round = () ->
            {
                try
                {
                    pipe.end2().send(message, 0, 64);
                    pipe.end1().recv(handler);
                }
                catch (final InterruptedException ex)
                {
                    throw new AssertionError(ex);
                }
            };
            final long allocated = allocatedBy(threads, round);
            assertTrue(allocated < ALLOWANCE, allocated + " bytes allocated for " + MESSAGES + " messages");
        }
    }

    private static com.sun.management.ThreadMXBean allocationCounter()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "a JDK that counts allocated bytes");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        return threads;
    }

    private static long allocatedBy(final com.sun.management.ThreadMXBean threads, final Runnable round)
    {
        for (int i = 0; i < WARM_UP; i++)
        {
            round.run();
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < MESSAGES; i++)
        {
            round.run();
        }
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
