package io.mmipc.agrona.queue;

import io.mmipc.IpcContext;
import io.mmipc.MessageQueue;
import io.mmipc.SharedMemory;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.BufferedOutputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Child JVM programs of {@link QueueProcessesTest}. Each gets its queue as a serialized handle.
 */
public final class QueueChildren
{
    private QueueChildren()
    {
    }

    /**
     * Sends messages 0..count-1 of one producer; with a progress block, records how many put()
     * calls returned there after each (so a test that kills it knows what was committed).
     * Args: handle, producer id, count, [progress block name].
     */
    public static final class Producer
    {
        public static void main(final String[] args) throws Exception
        {
            final MessageQueue<byte[]> queue = Handles.decode(args[0]);
            final int producer = Integer.parseInt(args[1]);
            final int count = Integer.parseInt(args[2]);
            final SharedMemory progress = args.length > 3 ?
                IpcContext.joined(queue.path().getParent()).sharedMemory(args[3]) : null;
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
            for (int seq = 0; seq < count; seq++)
            {
                queue.put(buffer, 0, Payloads.write(buffer, producer, seq));
                if (progress != null)
                {
                    progress.putLongRelease(0, seq + 1);
                }
            }
            System.out.println("SENT " + count);
        }
    }

    /**
     * Takes messages until an empty one, checks each is intact and that every producer's arrive
     * in order, and writes the (producer, sequence) pairs it got to a file. Args: handle, file.
     */
    public static final class Consumer
    {
        public static void main(final String[] args) throws Exception
        {
            final MessageQueue<byte[]> queue = Handles.decode(args[0]);
            final int[] last = new int[64];
            Arrays.fill(last, -1);
            final boolean[] done = {false};
            final String[] problem = {null};
            int received = 0;
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(args[1]))))
            {
                while (!done[0])
                {
                    queue.take((buffer, offset, length) ->
                    {
                        if (length == 0)
                        {
                            done[0] = true;
                            return;
                        }
                        final String bad = Payloads.check(buffer, offset, length);
                        final int producer = buffer.getInt(offset);
                        final int seq = buffer.getInt(offset + 4);
                        if (bad == null && seq <= last[producer])
                        {
                            problem[0] = "producer " + producer + " seq " + seq + " after " + last[producer];
                        }
                        if (bad != null && problem[0] == null)
                        {
                            problem[0] = bad;
                        }
                        last[producer] = Math.max(last[producer], seq);
                        try
                        {
                            out.writeInt(producer);
                            out.writeInt(seq);
                        }
                        catch (final java.io.IOException ex)
                        {
                            throw new java.io.UncheckedIOException(ex);
                        }
                    });
                    received++;
                }
            }
            if (problem[0] != null)
            {
                System.out.println("PROBLEM " + problem[0]);
                System.exit(1);
            }
            System.out.println("RECEIVED " + (received - 1));
        }
    }

    /**
     * Claims space in the ring and never commits it: the test kills it there. Args: handle.
     */
    public static final class StuckClaimer
    {
        public static void main(final String[] args) throws Exception
        {
            final MessageQueue<byte[]> queue = Handles.decode(args[0]);
            final int index = queue.tryClaim(16);
            System.out.println(index >= 0 ? "CLAIMED" : "FULL");
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    /**
     * Claims room for message (producer, 0) of {@link Payloads}, writes it, says CLAIMED and stays
     * inside the claim until the release file exists (the test may also stop the process there),
     * then commits and says COMMITTED. Args: handle, producer, release file.
     */
    public static final class StalledClaimer
    {
        public static void main(final String[] args) throws Exception
        {
            final MessageQueue<byte[]> queue = Handles.decode(args[0]);
            final int producer = Integer.parseInt(args[1]);
            final java.nio.file.Path release = java.nio.file.Path.of(args[2]);
            final UnsafeBuffer message = new UnsafeBuffer(new byte[256]);
            final int length = Payloads.write(message, producer, 0);
            final int index = queue.tryClaim(length);
            if (index < 0)
            {
                System.out.println("FULL");
                return;
            }
            queue.claimBuffer().putBytes(index, message, 0, length);
            System.out.println("CLAIMED");
            final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!java.nio.file.Files.exists(release) && System.nanoTime() - deadline < 0)
            {
                Thread.sleep(1); // a child standing in a claim, not a test synchronising
            }
            queue.commit(index);
            System.out.println("COMMITTED");
            queue.close();
        }
    }

    /**
     * Takes one message and stays inside the handler, holding the consumer side, until killed.
     * Args: handle.
     */
    public static final class HoldingConsumer
    {
        public static void main(final String[] args) throws Exception
        {
            final MessageQueue<byte[]> queue = Handles.decode(args[0]);
            queue.take((buffer, offset, length) ->
            {
                System.out.println("HOLDING " + buffer.getInt(offset + 4));
                try
                {
                    Thread.sleep(TimeUnit.MINUTES.toMillis(5));
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    /**
     * Sends one large message whose bytes derive from their index. Args: handle, length.
     */
    public static final class LargeSender
    {
        public static void main(final String[] args) throws Exception
        {
            final MessageQueue<byte[]> queue = Handles.decode(args[0]);
            final byte[] message = new byte[Integer.parseInt(args[1])];
            for (int i = 0; i < message.length; i++)
            {
                message[i] = (byte)(i * 31 + 7);
            }
            queue.put(message);
            System.out.println("SENT");
        }
    }

    /**
     * A one-to-one producer that sends {@code count} messages and then, with "claim", claims space
     * it never commits; it stays alive until killed, or exits (without closing) with "exit".
     * Args: handle, first sequence, count, claim|hang|exit.
     */
    public static final class OneToOneProducer
    {
        public static void main(final String[] args) throws Exception
        {
            final MessageQueue<Long> queue = Handles.decode(args[0]);
            final long first = Long.parseLong(args[1]);
            final int count = Integer.parseInt(args[2]);
            for (int i = 0; i < count; i++)
            {
                queue.put(first + i);
            }
            if (args[3].equals("claim"))
            {
                queue.tryClaim(8);
            }
            System.out.println("SENT " + count);
            if (!args[3].equals("exit"))
            {
                Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            }
        }
    }
}
