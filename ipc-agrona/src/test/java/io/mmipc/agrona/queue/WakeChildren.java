package io.mmipc.agrona.queue;

import io.mmipc.MessageQueue;
import io.mmipc.PipeEnd;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Child JVM programs of {@link WakeProcessesTest}: echo servers that answer each request with a
 * reply derived from its sequence number, waiting with default options (so they sleep in the
 * kernel between requests).
 */
public final class WakeChildren
{
    private WakeChildren()
    {
    }

    /**
     * Every 25th request the echo pauses 2 ms before it replies, so the requester goes to sleep
     * for sure (pacing, not synchronisation).
     */
    static void pauseBeforeReply(final long seq)
    {
        if (seq % 25 == 12)
        {
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000L);
        }
    }

    /** The reply to request {@code seq}. */
    static long reply(final long seq)
    {
        return seq * 31 + 13;
    }

    /**
     * Takes requests (a long each) from one queue and puts replies on another until request -1.
     * Args: requests handle, replies handle.
     */
    public static final class QueueEcho
    {
        public static void main(final String[] args) throws Exception
        {
            final MessageQueue<byte[]> requests = Handles.decode(args[0]);
            final MessageQueue<byte[]> replies = Handles.decode(args[1]);
            final UnsafeBuffer out = new UnsafeBuffer(new byte[8]);
            final long[] seq = {0};
            System.out.println("READY");
            while (seq[0] != -1)
            {
                requests.take((buffer, offset, length) -> seq[0] = length == 8 ? buffer.getLong(offset) : -2);
                if (seq[0] == -2)
                {
                    System.out.println("PROBLEM request of a wrong length");
                    System.exit(1);
                }
                pauseBeforeReply(seq[0]);
                out.putLong(0, reply(seq[0]));
                replies.put(out, 0, 8);
            }
            System.out.println("DONE");
        }
    }

    /**
     * Receives requests on its pipe end and sends replies back until request -1. Args: end handle.
     */
    public static final class PipeEcho
    {
        public static void main(final String[] args) throws Exception
        {
            final PipeEnd<Long> end = Handles.decode(args[0]);
            end.open();
            System.out.println("READY");
            long seq = 0;
            while (seq != -1)
            {
                seq = end.recv();
                pauseBeforeReply(seq);
                end.send(reply(seq));
            }
            System.out.println("DONE");
        }
    }

    /**
     * Takes messages and prints how many it took, until an empty one. Args: queue handle.
     */
    public static final class Counter
    {
        public static void main(final String[] args) throws Exception
        {
            final MessageQueue<byte[]> queue = Handles.decode(args[0]);
            System.out.println("READY");
            int received = 0;
            while (queue.take().length != 0)
            {
                received++;
            }
            System.out.println("RECEIVED " + received);
        }
    }
}
