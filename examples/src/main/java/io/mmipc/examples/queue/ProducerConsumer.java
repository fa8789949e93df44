package io.mmipc.examples.queue;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.MessageQueue;
import io.mmipc.codec.Codecs;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The producer/consumer pair with a completion signal and a {@code get(timeout)} (seed 002,
 * "Using Queue for Data Exchange"). Python's {@code None} sentinel becomes a poison-pill string.
 */
public final class ProducerConsumer
{
    /** Python's {@code None}: the completion signal. */
    static final String NONE = "<none>";

    /** Data producer process. */
    static void producer(final MessageQueue<String> queue, final int producerId) throws InterruptedException
    {
        for (int i = 0; i < 5; i++)
        {
            final String data = "Data from producer " + producerId + ": item " + i;
            queue.put(data);
            System.out.println("Producer " + producerId + " sent: " + data);
            Thread.sleep(ThreadLocalRandom.current().nextLong(100, 500));
        }
        queue.put(NONE); // completion signal
    }

    /** Data consumer process. */
    static void consumer(final MessageQueue<String> queue, final int consumerId) throws InterruptedException
    {
        while (true)
        {
            final String data = queue.poll(1, TimeUnit.SECONDS);   // queue.get(timeout=1)
            if (data == null || data.equals(NONE))
            {
                break;
            }
            System.out.println("Consumer " + consumerId + " received: " + data);
            Thread.sleep(ThreadLocalRandom.current().nextLong(100, 300));
        }
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final MessageQueue<String> queue = ctx.queue("queue", Codecs.utf8());

            // Creating processes
            final JvmProcess producerProcess = JvmProcess.of(() -> producer(queue, 1));
            final JvmProcess consumerProcess = JvmProcess.of(() -> consumer(queue, 1));

            // Starting processes
            producerProcess.start();
            consumerProcess.start();

            // Waiting for completion
            producerProcess.join();
            consumerProcess.join();
        }
    }
}
