package io.mmipc.agrona.queue;

import io.mmipc.IpcContext;
import io.mmipc.MessageHandler;
import io.mmipc.MessageQueue;
import io.mmipc.Pipe;
import io.mmipc.QueueOptions;
import io.mmipc.SharedLock;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.counters.CounterSet;
import io.mmipc.internal.counters.CountersReader;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static io.mmipc.internal.counters.CounterSet.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * What queues, pipe ends and locks count in this process's counters file, read back as
 * {@code mmipc stat} reads it. (Across processes: the cli module's tests.)
 */
@Timeout(60)
class ObjectCountersTest
{
    @TempDir
    Path root;

    private final MessageHandler ignore = (buffer, offset, length) -> { };

    @Test
    void aOneToOneQueueCountsMessagesBytesAndFullRings() throws IOException
    {
        countsOfAQueue(true);
    }

    @Test
    void aManyToManyQueueCountsMessagesBytesAndFullRings() throws IOException
    {
        countsOfAQueue(false);
    }

    private void countsOfAQueue(final boolean oneToOne) throws IOException
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<byte[]> queue = ctx.queue("q", Codecs.bytes(),
                QueueOptions.defaults().oneToOne(oneToOne).capacity(4096));
            final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
            for (int i = 0; i < 3; i++)
            {
                assertTrue(queue.offer(message, 0, 64));
            }
            final int index = queue.tryClaim(32);
            queue.commit(index);
            assertNotNull(queue.poll()); // the object path counts too
            int polled = 1;
            while (queue.poll(ignore))
            {
                polled++;
            }
            assertEquals(4, polled);
            int sent = 0;
            while (queue.offer(message, 0, 64))
            {
                sent++;
            }
            assertTrue(sent > 0);
            final CountersReader.Record q = only(ctx.directory(), "q");
            assertEquals(QUEUE, q.set());
            assertEquals(4 + sent, q.get(MESSAGES_OUT));
            assertEquals(3 * 64 + 32 + sent * 64L, q.get(BYTES_OUT));
            assertEquals(1, q.get(FULL_EVENTS), "the one offer that found the ring full");
            assertEquals(4, q.get(MESSAGES_IN));
            assertEquals(3 * 64 + 32, q.get(BYTES_IN));
            assertEquals(0, q.get(SKIPPED_CLAIMS));
            assertEquals(0, q.get(CONSUMER_TAKEOVERS));
        }
    }

    @Test
    void eachEndOfAPipeCountsWhatItSentAndReceived() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Pipe<byte[]> pipe = ctx.pipe("p", Codecs.bytes());
            final UnsafeBuffer message = new UnsafeBuffer(new byte[100]);
            pipe.end2().send(message, 0, 100);
            pipe.end2().send(message, 0, 10);
            pipe.end1().send(message, 0, 1);
            pipe.end1().recv(ignore);
            pipe.end1().recv(ignore);
            final List<CountersReader.ProcessFile> files = CountersReader.read(ctx.directory());
            final List<CountersReader.Record> records = CountersReader.sumByObject(files).get("p");
            assertEquals(2, records.size());
            final CountersReader.Record end1 = records.get(0);
            final CountersReader.Record end2 = records.get(1);
            assertEquals(PIPE_END_1, end1.set());
            assertEquals(PIPE_END_2, end2.set());
            assertEquals(2, end2.get(MESSAGES_OUT));
            assertEquals(110, end2.get(BYTES_OUT));
            assertEquals(0, end2.get(MESSAGES_IN), "end 2 has not received its message");
            assertEquals(2, end1.get(MESSAGES_IN));
            assertEquals(110, end1.get(BYTES_IN));
            assertEquals(1, end1.get(MESSAGES_OUT));
        }
    }

    @Test
    void aLockCountsItsHoldsFromEveryThread() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLock lock = ctx.lock("guard");
            for (int i = 0; i < 3; i++)
            {
                lock.lock();
                lock.unlock();
            }
            final CountDownLatch waiting = new CountDownLatch(1);
            lock.lock();
            final Thread other = new Thread(() ->
            {
                waiting.countDown();
                lock.lock();
                lock.unlock();
            });
            other.start();
            waiting.await();
            lock.unlock(); // the other thread may or may not have found it held by now

            other.join();
            final CountersReader.Record guard = only(ctx.directory(), "guard");
            assertEquals(LOCK, guard.set());
            assertEquals(5, guard.get(ACQUISITIONS));
            assertTrue(guard.get(CONTENDED) <= 1, "at most the other thread's hold was contended");
            // (A contended hold and one taken from a dead holder, counted exactly: the cli's StatCountersTest.)
            assertEquals(0, guard.get(OWNER_DIED_TAKEOVERS));
        }
    }

    @Test
    void aClosedObjectsCountsStayAndTheNextOneOfItsNameGoesOn() throws IOException
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
            for (int round = 1; round <= 3; round++)
            {
                try (MessageQueue<byte[]> queue = ctx.queue("again", Codecs.bytes()))
                {
                    assertTrue(queue.offer(message, 0, 8));
                    assertTrue(queue.poll(ignore));
                }
                assertEquals(round, only(ctx.directory(), "again").get(MESSAGES_OUT));
            }
            final CountersReader.ProcessFile file = CountersReader.read(ctx.directory()).get(0);
            assertEquals(1, file.records().size(), "one record, reused");
        }
    }

    private static CountersReader.Record only(final Path directory, final String object) throws IOException
    {
        final List<CountersReader.ProcessFile> files = CountersReader.read(directory);
        assertEquals(1, files.size(), "one process counts here");
        assertNull(files.get(0).problem());
        final List<CountersReader.Record> records = CountersReader.sumByObject(files).get(object);
        assertNotNull(records, object + " is counted");
        assertEquals(1, records.size());
        return records.get(0);
    }
}
