package io.mmipc.agrona.topic;

import io.mmipc.IpcContext;
import io.mmipc.Topic;
import io.mmipc.TopicOptions;
import io.mmipc.TopicPolicy;
import io.mmipc.agrona.queue.Handles;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Topics between real child JVMs: fan-out from two publisher JVMs to three subscriber JVMs, the
 * two slow-subscriber policies, and subscribers killed with SIGKILL.
 */
class TopicProcessesTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(120);
    private static final TopicOptions OPTIONS = TopicOptions.defaults().capacity(64).maxMessageLength(128)
        .deadProcessTimeout(Duration.ofMillis(300));

    @TempDir
    Path root;

    @Test
    @Timeout(240)
    void threeSubscriberJvmsEachReceiveEveryMessageOfTwoPublisherJvmsInOrder() throws Exception
    {
        final int publishers = 2;
        final int subscribers = 3;
        final int perPublisher = 5_000;
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Topic<byte[]> topic = ctx.topic("fan", Codecs.bytes(), OPTIONS);
            final String handle = Handles.encode(topic);
            final List<ChildJvm> subscriberJvms = new ArrayList<>();
            final List<ChildJvm> publisherJvms = new ArrayList<>();
            try
            {
                for (int s = 0; s < subscribers; s++)
                {
                    final ChildJvm child = Children.start(TopicChildren.Subscriber.class, handle,
                        String.valueOf(publishers * perPublisher));
                    subscriberJvms.add(child);
                }
                for (final ChildJvm child : subscriberJvms)
                {
                    Children.awaitLine(child, "SUBSCRIBED", CHILD_TIMEOUT);
                }
                for (int p = 0; p < publishers; p++)
                {
                    publisherJvms.add(Children.start(TopicChildren.Publisher.class, handle, String.valueOf(p),
                        String.valueOf(perPublisher)));
                }
                for (final ChildJvm publisher : publisherJvms)
                {
                    assertTrue(Children.finish(publisher, CHILD_TIMEOUT).contains("SENT " + perPublisher));
                }
                for (final ChildJvm subscriber : subscriberJvms)
                {
                    final String out = Children.finish(subscriber, CHILD_TIMEOUT); // exits 1 on a torn, lost or reordered message
                    assertTrue(out.contains("RECEIVED " + publishers * perPublisher + " MISSED 0 PER PUBLISHER [" +
                        perPublisher + ", " + perPublisher + ", 0, 0]"), out);
                }
            }
            finally
            {
                publisherJvms.forEach(ChildJvm::close);
                subscriberJvms.forEach(ChildJvm::close);
            }
        }
    }

    @Test
    @Timeout(120)
    void aStalledSubscriberJvmHoldsABlockPublisherBackUntilItIsKilledThenNoLongerThanTheTimeout() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Topic<byte[]> topic = ctx.topic("held", Codecs.bytes(), OPTIONS);
            final Topic.Subscription<byte[]> live = topic.subscribe();
            try (ChildJvm stalled = Children.start(TopicChildren.Stalled.class, Handles.encode(topic));
                Topic.Publisher<byte[]> publisher = topic.publisher())
            {
                Children.awaitLine(stalled, "SUBSCRIBED", CHILD_TIMEOUT);
                final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
                for (int i = 0; i < OPTIONS.capacity(); i++)
                {
                    message.putLong(0, i);
                    assertTrue(publisher.offer(message, 0, 8));
                }
                assertEquals(OPTIONS.capacity(), live.poll((buffer, offset, length) -> { }, Integer.MAX_VALUE));
                message.putLong(0, -1);
                assertFalse(publisher.offer(message, 0, 8), "the stalled subscriber is a ring behind");
                assertFalse(publisher.offer(byteArray(message), 500, TimeUnit.MILLISECONDS),
                    "a live stalled subscriber holds a BLOCK publisher back past the dead-process timeout");

                stalled.kill(); // SIGKILL
                assertTrue(stalled.waitFor(Duration.ofSeconds(30)));
                message.putLong(0, 64);
                publisher.put(message, 0, 8); // returns once the dead subscriber's slot is freed
                final long[] got = new long[1];
                assertTrue(live.take((buffer, offset, length) -> got[0] = buffer.getLong(offset), 10, TimeUnit.SECONDS));
                assertEquals(64, got[0]);
                for (int i = 0; i < OPTIONS.capacity() * 3; i++)
                {
                    publisher.put(message, 0, 8); // the dead subscriber governs no more
                    live.poll((buffer, offset, length) -> { }, 1);
                }
            }
        }
    }

    private static byte[] byteArray(final UnsafeBuffer message)
    {
        final byte[] bytes = new byte[8];
        message.getBytes(0, bytes);
        return bytes;
    }

    @Test
    @Timeout(120)
    void aLapSubscriberOutrunByAPublisherJvmCountsWhatItMissed() throws Exception
    {
        final int count = 1_000;
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Topic<byte[]> topic = ctx.topic("lapped", Codecs.bytes(), OPTIONS.policy(TopicPolicy.LAP));
            final Topic.Subscription<byte[]> sub = topic.subscribe();
            assertTrue(Children.run(CHILD_TIMEOUT, TopicChildren.Publisher.class, Handles.encode(topic), "0",
                String.valueOf(count)).contains("SENT " + count), "a LAP publisher never waits for the idle subscriber");
            final List<Integer> sequences = new ArrayList<>();
            sub.poll((buffer, offset, length) -> sequences.add(buffer.getInt(offset + 4)), Integer.MAX_VALUE);
            assertEquals(OPTIONS.capacity(), sequences.size(), "the ring's worth still in it");
            assertEquals(count - OPTIONS.capacity(), sub.missed());
            for (int i = 0; i < sequences.size(); i++)
            {
                assertEquals(count - OPTIONS.capacity() + i, sequences.get(i));
            }
        }
    }

    @Test
    @Timeout(120)
    void aSubscriberJvmKilledWhileReadingLeavesNoSlotBehindForBlockPublishers() throws Exception
    {
        final int count = 3_000;
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Topic<byte[]> topic = ctx.topic("crash", Codecs.bytes(), OPTIONS.maxSubscribers(2));
            final String handle = Handles.encode(topic);
            final ChildJvm victim = Children.start(TopicChildren.Subscriber.class, handle, String.valueOf(count * 10));
            final ChildJvm survivor = Children.start(TopicChildren.Subscriber.class, handle, String.valueOf(count));
            try (victim; survivor)
            {
                Children.awaitLine(victim, "SUBSCRIBED", CHILD_TIMEOUT);
                Children.awaitLine(survivor, "SUBSCRIBED", CHILD_TIMEOUT);
                final ChildJvm publisher = Children.start(TopicChildren.Publisher.class, handle, "0",
                    String.valueOf(count));
                try (publisher)
                {
                    Children.await("the publisher to be under way", CHILD_TIMEOUT,
                        () -> publisher.stdout().contains("SENT") || topicTail(topic) > count / 3);
                    victim.kill(); // SIGKILL while it reads
                    assertTrue(Children.finish(publisher, CHILD_TIMEOUT).contains("SENT " + count),
                        "the publisher finished despite the dead subscriber's slot");
                }
                assertTrue(Children.finish(survivor, CHILD_TIMEOUT).contains("RECEIVED " + count + " MISSED 0"));
                try (Topic.Subscription<byte[]> again = topic.subscribe())
                {
                    assertNotNull(again, "the dead subscriber's slot was freed or is taken over");
                }
            }
        }
    }

    @Test
    @Timeout(120)
    void aPublisherJvmKilledBetweenClaimAndCommitCostsSubscribersThatMessageOnly() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Topic<byte[]> topic = ctx.topic("claims", Codecs.bytes(), OPTIONS);
            final Topic.Subscription<byte[]> sub = topic.subscribe();
            try (ChildJvm hanging = Children.start(TopicChildren.ClaimAndHang.class, Handles.encode(topic));
                Topic.Publisher<byte[]> publisher = topic.publisher())
            {
                Children.awaitLine(hanging, "CLAIMED", CHILD_TIMEOUT);
                final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
                message.putLong(0, 7);
                publisher.put(message, 0, 8); // claimed after the hanging one
                final long[] got = {-1};
                assertFalse(sub.take((buffer, offset, length) -> got[0] = buffer.getLong(offset), 500,
                    TimeUnit.MILLISECONDS), "a live publisher's open claim is waited for, past the dead-process timeout");

                hanging.kill(); // SIGKILL with its claim open
                assertTrue(hanging.waitFor(Duration.ofSeconds(30)));
                assertTrue(sub.take((buffer, offset, length) -> got[0] = buffer.getLong(offset), 30, TimeUnit.SECONDS));
                assertEquals(7, got[0], "the message after the dead claim arrives");
                assertEquals(1, sub.missed(), "the dead claim is counted");
            }
        }
    }

    private static long topicTail(final Topic<byte[]> topic)
    {
        final AgronaTopic<byte[]> agrona = (AgronaTopic<byte[]>)topic;
        return agrona.tail();
    }
}
