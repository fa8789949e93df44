package io.mmipc.agrona.queue;

import io.mmipc.IpcContext;
import io.mmipc.MessageQueue;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import io.mmipc.test.JfrEvents;
import jdk.jfr.consumer.RecordedEvent;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.mmipc.agrona.queue.QueueProcessesTest.CHILD_TIMEOUT;
import static io.mmipc.agrona.queue.QueueProcessesTest.OPTIONS;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15.3: a dead producer's skipped claim and a dead consumer's side taken over are JFR events
 * (the setups of {@link QueueProcessesTest}).
 */
class JfrQueueEventsTest
{
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path root;

    @Test
    @Timeout(120)
    void aSkippedClaimOfAKilledProducerIsAnEvent() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root);
            JfrEvents recording = new JfrEvents(root, "io.mmipc.ClaimSkipped"))
        {
            final MessageQueue<byte[]> queue = ctx.queue("work", Codecs.bytes(), OPTIONS);
            try (ChildJvm claimer = Children.start(QueueChildren.StuckClaimer.class, Handles.encode(queue)))
            {
                Children.awaitLine(claimer, "CLAIMED", CHILD_TIMEOUT);
                queue.put("after".getBytes());
                claimer.kill();
                assertTrue(claimer.waitFor(Duration.ofSeconds(30)));
                assertArrayEquals("after".getBytes(), queue.poll(30, TimeUnit.SECONDS));
                assertEquals(1, queue.skippedMessages());
            }
            final List<RecordedEvent> events = JfrEvents.named(recording.stopAndRead(), "io.mmipc.ClaimSkipped");
            assertEquals(1, events.size(), events::toString);
            final RecordedEvent event = events.get(0);
            assertTrue(event.getString("file").startsWith(ctx.directory().toString()), event.getString("file"));
            assertEquals(1, event.getInt("claims"));
            assertTrue(event.getLong("length") > 0 && event.getLong("offset") > 0, event::toString);
            assertEquals(PID, event.getLong("repairerPid"));
        }
    }

    @Test
    @Timeout(120)
    void aConsumerSideTakenOverFromAKilledConsumerIsAnEventNamingItsPid() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root);
            JfrEvents recording = new JfrEvents(root, "io.mmipc.ConsumerTakenOver", "io.mmipc.LockTakenOver"))
        {
            final MessageQueue<byte[]> queue = ctx.queue("work", Codecs.bytes(), OPTIONS.capacity(4096));
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
            for (int seq = 0; seq < 3; seq++)
            {
                queue.put(buffer, 0, Payloads.write(buffer, 0, seq));
            }
            final long deadPid;
            try (ChildJvm holder = Children.start(QueueChildren.HoldingConsumer.class, Handles.encode(queue)))
            {
                assertEquals("0", Children.awaitLine(holder, "HOLDING ", CHILD_TIMEOUT));
                deadPid = holder.pid();
                holder.kill();
                assertTrue(holder.waitFor(Duration.ofSeconds(30)));
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int received = 0;
            while (received < 2)
            {
                assertTrue(System.nanoTime() < deadline, "no takeover: got " + received);
                received += queue.poll(100, TimeUnit.MILLISECONDS) != null ? 1 : 0;
            }
            final List<RecordedEvent> all = recording.stopAndRead();
            final List<RecordedEvent> events = JfrEvents.named(all, "io.mmipc.ConsumerTakenOver");
            assertEquals(1, events.size(), all::toString);
            final RecordedEvent event = events.get(0);
            assertEquals(deadPid, event.getLong("deadPid"));
            assertEquals(PID, event.getLong("takerPid"));
            assertEquals(1, event.getInt("skippedRecords"), "message 0 died with its consumer");
            assertTrue(event.getString("consumer").contains("work"), event.getString("consumer"));
            final List<RecordedEvent> owners = JfrEvents.named(all, "io.mmipc.LockTakenOver");
            assertTrue(owners.stream().anyMatch(e -> e.getLong("deadPid") == deadPid), all::toString);
        }
    }
}
