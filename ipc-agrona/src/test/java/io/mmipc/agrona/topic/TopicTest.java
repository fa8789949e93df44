package io.mmipc.agrona.topic;

import io.mmipc.IpcContext;
import io.mmipc.SharedObjectMismatchException;
import io.mmipc.Topic;
import io.mmipc.TopicOptions;
import io.mmipc.TopicPolicy;
import io.mmipc.agrona.queue.Handles;
import io.mmipc.codec.Codecs;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The public face of a topic in one JVM: both levels, blocking and timeouts, claims, options
 * stored in the file, handles, and close.
 */
class TopicTest
{
    private static final TopicOptions SMALL = TopicOptions.defaults().capacity(16).maxMessageLength(64)
        .deadProcessTimeout(Duration.ofMillis(200));

    @TempDir
    Path root;

    @Test
    @Timeout(30)
    void objectsReachEverySubscription() throws InterruptedException
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Topic<String> topic = ctx.topic("prices", Codecs.utf8(), SMALL);
            final Topic.Subscription<String> a = topic.subscribe();
            final Topic.Subscription<String> b = topic.subscribe();
            final Topic.Publisher<String> publisher = topic.publisher();
            publisher.put("ACME 12.5");
            assertTrue(publisher.offer("INIT 3.25"));
            assertEquals("ACME 12.5", a.take());
            assertEquals("INIT 3.25", a.poll());
            assertNull(a.poll());
            assertEquals("ACME 12.5", b.take(1, TimeUnit.SECONDS));
            assertEquals("INIT 3.25", b.take(Duration.ofSeconds(1)));
            assertNull(b.take(10, TimeUnit.MILLISECONDS));
            assertEquals(2, a.received());
            assertEquals(2, publisher.published());
            assertEquals(0, a.lag());
            assertEquals(TopicPolicy.BLOCK, topic.policy());
            assertEquals(16, topic.capacity());
            assertEquals(64, topic.maxMessageLength());
        }
    }

    @Test
    @Timeout(30)
    void zeroCopyLevelSendsBuffersAndClaimsAndHandsBytesToAHandler() throws InterruptedException
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Topic<byte[]> topic = ctx.topic("raw", Codecs.bytes(), SMALL);
            final Topic.Subscription<byte[]> sub = topic.subscribe();
            final Topic.Publisher<byte[]> publisher = topic.publisher();
            final UnsafeBuffer source = new UnsafeBuffer(new byte[8]);
            source.putLong(0, 42L);
            publisher.put(source, 0, 8);
            final int at = publisher.tryClaim(8);
            assertTrue(at >= 0);
            publisher.claimBuffer().putLong(at, 43L);
            publisher.commit(at);
            final int given = publisher.tryClaim(8);
            publisher.abort(given);
            assertThrows(IllegalArgumentException.class, () -> publisher.commit(given), "no claim is open");
            final List<Long> got = new ArrayList<>();
            assertEquals(2, sub.poll((buffer, offset, length) -> got.add(buffer.getLong(offset)), 10));
            assertEquals(List.of(42L, 43L), got);
            assertTrue(sub.take((buffer, offset, length) -> fail("nothing is left"), 10, TimeUnit.MILLISECONDS) == false);
        }
    }

    @Test
    @Timeout(30)
    void aBlockPublisherWaitsForTheSlowestSubscriberAndGoesOnWhenItReads() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Topic<String> topic = ctx.topic("slow", Codecs.utf8(), SMALL);
            final Topic.Subscription<String> slow = topic.subscribe();
            final Topic.Publisher<String> publisher = topic.publisher();
            for (int i = 0; i < 16; i++)
            {
                assertTrue(publisher.offer("m" + i));
            }
            assertFalse(publisher.offer("held"));
            assertFalse(publisher.offer("held", 20, TimeUnit.MILLISECONDS));
            final CountDownLatch started = new CountDownLatch(1);
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread blocked = new Thread(() ->
            {
                try (Topic.Publisher<String> other = topic.publisher())
                {
                    started.countDown();
                    other.put("after");
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            });
            blocked.start();
            started.await();
            assertEquals("m0", slow.take());
            blocked.join(10_000);
            assertFalse(blocked.isAlive(), "the blocked put went on once the subscriber read");
            assertNull(failure.get());
            for (int i = 1; i < 16; i++)
            {
                assertEquals("m" + i, slow.take());
            }
            assertEquals("after", slow.take());
        }
    }

    @Test
    void aMessageOverTheLimitIsRefusedAtThePublisher()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Topic<String> topic = ctx.topic("limit", Codecs.utf8(), SMALL);
            final Topic.Publisher<String> publisher = topic.publisher();
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> publisher.offer("x".repeat(65)));
            assertTrue(ex.getMessage().contains("65") && ex.getMessage().contains("64"), ex.getMessage());
        }
    }

    @Test
    void openingWithOtherParametersIsAnErrorNamingThem()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            ctx.topic("t", Codecs.utf8(), SMALL);
            assertThrows(SharedObjectMismatchException.class,
                () -> ctx.topic("t", Codecs.utf8(), SMALL.policy(TopicPolicy.LAP)));
            assertThrows(SharedObjectMismatchException.class, () -> ctx.topic("t", Codecs.utf8(), SMALL.capacity(32)));
            assertThrows(SharedObjectMismatchException.class, () -> ctx.topic("t", Codecs.bytes(), SMALL));
            assertNotNull(ctx.topic("t", Codecs.utf8(), SMALL), "the same parameters open it");
        }
    }

    @Test
    @Timeout(30)
    void aHandleReopensTheSameTopic() throws InterruptedException
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Topic<String> topic = ctx.topic("handled", Codecs.utf8(), SMALL.policy(TopicPolicy.LAP));
            final Topic<String> again = Handles.decode(Handles.encode(topic));
            assertEquals(topic.path(), again.path());
            assertEquals(TopicPolicy.LAP, again.policy());
            final Topic.Subscription<String> sub = again.subscribe();
            topic.publisher().put("through the handle");
            assertEquals("through the handle", sub.take(1, TimeUnit.SECONDS));
        }
    }

    @Test
    void closedObjectsRefuseCallsAndGiveTheirSlotsBack()
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Topic<byte[]> topic = ctx.topic("slots", Codecs.bytes(), SMALL.maxSubscribers(1).maxPublishers(1));
            final Topic.Subscription<byte[]> sub = topic.subscribe();
            assertThrows(IllegalStateException.class, topic::subscribe, "the one slot is held");
            sub.close();
            assertThrows(IllegalStateException.class, sub::poll);
            final Topic.Subscription<byte[]> next = topic.subscribe();
            final Topic.Publisher<byte[]> publisher = topic.publisher();
            publisher.close();
            assertThrows(IllegalStateException.class, () -> publisher.offer("x".getBytes(StandardCharsets.UTF_8)));
            topic.publisher().close();
            topic.close();
            assertTrue(topic.isClosed());
            assertTrue(next.isClosed(), "closing the topic closes its subscriptions");
            assertThrows(IllegalStateException.class, topic::publisher);
        }
    }
}
