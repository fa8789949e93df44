package io.mmipc.agrona.topic;

import io.mmipc.Topic;
import io.mmipc.agrona.queue.Handles;
import io.mmipc.agrona.queue.Payloads;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Child JVM programs of {@link TopicProcessesTest}. Each gets its topic as a serialized handle.
 */
public final class TopicChildren
{
    private TopicChildren()
    {
    }

    /**
     * Publishes messages 0..count-1 of one publisher (payloads derived from both). Args: handle,
     * publisher id, count.
     */
    public static final class Publisher
    {
        public static void main(final String[] args) throws Exception
        {
            final Topic<byte[]> topic = Handles.decode(args[0]);
            final int publisher = Integer.parseInt(args[1]);
            final int count = Integer.parseInt(args[2]);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
            try (Topic.Publisher<byte[]> out = topic.publisher())
            {
                for (int seq = 0; seq < count; seq++)
                {
                    out.put(buffer, 0, Payloads.write(buffer, publisher, seq));
                }
            }
            System.out.println("SENT " + count);
        }
    }

    /**
     * Subscribes, says so, then receives {@code total} messages and checks each is intact and
     * that every publisher's arrive complete and in order; exits 1 otherwise. Args: handle, total.
     */
    public static final class Subscriber
    {
        public static void main(final String[] args) throws Exception
        {
            final Topic<byte[]> topic = Handles.decode(args[0]);
            final int total = Integer.parseInt(args[1]);
            final int[] next = new int[64];
            final String[] problem = new String[1];
            try (Topic.Subscription<byte[]> sub = topic.subscribe())
            {
                System.out.println("SUBSCRIBED");
                int received = 0;
                while (received < total && problem[0] == null)
                {
                    if (!sub.take((buffer, offset, length) ->
                    {
                        final String bad = Payloads.check(buffer, offset, length);
                        final int publisher = buffer.getInt(offset);
                        final int seq = buffer.getInt(offset + 4);
                        if (bad != null)
                        {
                            problem[0] = bad;
                        }
                        else if (seq != next[publisher]++)
                        {
                            problem[0] = "publisher " + publisher + " sent " + seq + ", expected " + (next[publisher] - 1);
                        }
                    }, 60, TimeUnit.SECONDS))
                    {
                        problem[0] = "nothing for 60 s after " + received + " messages";
                    }
                    received++;
                }
                if (problem[0] != null)
                {
                    System.out.println("PROBLEM " + problem[0]);
                    System.exit(1);
                }
                System.out.println("RECEIVED " + received + " MISSED " + sub.missed() + " PER PUBLISHER " +
                    Arrays.toString(Arrays.copyOf(next, 4)));
            }
        }
    }

    /**
     * Subscribes, says so, and never reads: it holds a BLOCK topic's publishers back until it is
     * killed. Args: handle.
     */
    public static final class Stalled
    {
        public static void main(final String[] args) throws Exception
        {
            final Topic<byte[]> topic = Handles.decode(args[0]);
            final Topic.Subscription<byte[]> sub = topic.subscribe();
            System.out.println("SUBSCRIBED " + sub);
            Thread.sleep(TimeUnit.MINUTES.toMillis(5)); // until the test kills it
        }
    }

    /**
     * Claims a slot and never commits it, as a publisher stopped between claim and commit: the
     * subscribers wait at that slot until it is killed. Args: handle.
     */
    public static final class ClaimAndHang
    {
        public static void main(final String[] args) throws Exception
        {
            final Topic<byte[]> topic = Handles.decode(args[0]);
            final Topic.Publisher<byte[]> publisher = topic.publisher();
            System.out.println("CLAIMED " + publisher.tryClaim(8));
            Thread.sleep(TimeUnit.MINUTES.toMillis(5)); // until the test kills it
        }
    }
}
