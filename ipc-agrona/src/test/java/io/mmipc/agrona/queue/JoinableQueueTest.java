package io.mmipc.agrona.queue;

import io.mmipc.Connection;
import io.mmipc.IpcContext;
import io.mmipc.JoinableQueue;
import io.mmipc.MessageQueue;
import io.mmipc.QueueOptions;
import io.mmipc.SharedFileException;
import io.mmipc.SharedObjectMismatchException;
import io.mmipc.internal.file.SharedFileDescriptor;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link JoinableQueue}: Python's {@code task_done()}/{@code join()} across real JVMs, and a
 * consumer killed with kill -9 while it holds tasks.
 */
@Timeout(180)
class JoinableQueueTest
{
    static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path root;

    @Test
    void joinReturnsOnceChildWorkersMarkedEveryTaskDone() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final JoinableQueue<Long> tasks = ctx.joinableQueue("tasks", Codecs.int64());
            final int count = 200;
            long expected = 0;
            for (long i = 1; i <= count; i++)
            {
                tasks.put(i);
                expected += i;
            }
            assertEquals(count, tasks.unfinishedTasks());
            assertFalse(tasks.join(Duration.ofMillis(20)), "nobody works yet");
            final List<ChildJvm> workers = new ArrayList<>();
            try
            {
                for (int i = 0; i < 2; i++)
                {
                    workers.add(Children.start(JoinableChildren.Worker.class, Handles.encode(tasks)));
                }
                assertTrue(tasks.join(CHILD_TIMEOUT), "join: " + tasks.unfinishedTasks() + " unfinished");
                assertEquals(0, tasks.unfinishedTasks());
                tasks.put(-1L);
                tasks.put(-1L);
                tasks.join();
                long sum = 0;
                for (final ChildJvm worker : workers)
                {
                    sum += Long.parseLong(Children.awaitLine(worker, "SUM ", CHILD_TIMEOUT).trim());
                    Children.finish(worker, CHILD_TIMEOUT);
                }
                assertEquals(expected, sum, "every task once");
                assertEquals(0, tasks.lostTasks());
            }
            finally
            {
                workers.forEach(ChildJvm::close);
            }
        }
    }

    @Test
    void aConsumerKilledWithTheTasksItHoldsIsSettledAndAWaitingJoinReturns() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final JoinableQueue<Long> tasks = ctx.joinableQueue("tasks", Codecs.int64());
            for (long i = 0; i < 5; i++)
            {
                tasks.put(i);
            }
            try (ChildJvm hoarder = Children.start(JoinableChildren.Hoarder.class, Handles.encode(tasks), "3"))
            {
                Children.awaitLine(hoarder, "HOLDING", CHILD_TIMEOUT);
                assertEquals(5, tasks.unfinishedTasks());
                for (int i = 0; i < 2; i++)
                {
                    assertNotNull(tasks.poll(10, TimeUnit.SECONDS));
                    tasks.taskDone();
                }
                assertEquals(3, tasks.unfinishedTasks());
                final CompletableFuture<Boolean> joined = CompletableFuture.supplyAsync(() ->
                {
                    try
                    {
                        return tasks.join(CHILD_TIMEOUT);
                    }
                    catch (final InterruptedException ex)
                    {
                        throw new IllegalStateException(ex);
                    }
                });
                assertFalse(tasks.join(Duration.ofMillis(300)), "the hoarder lives and holds 3");
                hoarder.process().destroyForcibly();
                assertTrue(hoarder.waitFor(CHILD_TIMEOUT));
                assertTrue(joined.get(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "join after the kill");
                assertEquals(3, tasks.lostTasks());
                assertEquals(0, tasks.unfinishedTasks());
                assertThrows(IllegalStateException.class, tasks::taskDone, "nothing left to mark done");
            }
        }
    }

    /**
     * An idle worker waits for the queue without a reservation: killing it loses nothing.
     */
    @Test
    void aWorkerKilledWhileItWaitsForATaskHoldsNothing() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final JoinableQueue<Long> tasks = ctx.joinableQueue("tasks", Codecs.int64());
            try (ChildJvm worker = Children.start(JoinableChildren.Worker.class, Handles.encode(tasks)))
            {
                Children.awaitLine(worker, "READY", CHILD_TIMEOUT);
                worker.process().destroyForcibly();
                assertTrue(worker.waitFor(CHILD_TIMEOUT));
            }
            tasks.put(1L);
            tasks.put(2L);
            assertFalse(tasks.join(Duration.ofMillis(300)), "two tasks nobody took");
            assertEquals(2, tasks.unfinishedTasks());
            assertEquals(0, tasks.lostTasks());
            for (int i = 0; i < 2; i++)
            {
                assertNotNull(tasks.poll(10, TimeUnit.SECONDS));
                tasks.taskDone();
            }
            assertTrue(tasks.join(Duration.ofSeconds(10)));
        }
    }

    @Test
    void aKilledConsumerIsSettledWhenItsSlotIsNeeded() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final QueueOptions oneSlot = QueueOptions.defaults().maxProcesses(2);
            final JoinableQueue<Long> tasks = ctx.joinableQueue("small", Codecs.int64(), oneSlot);
            tasks.put(1L); // the parent's object takes one slot
            try (ChildJvm hoarder = Children.start(JoinableChildren.Hoarder.class, Handles.encode(tasks), "1"))
            {
                Children.awaitLine(hoarder, "HOLDING", CHILD_TIMEOUT);
                hoarder.process().destroyForcibly();
                assertTrue(hoarder.waitFor(CHILD_TIMEOUT));
            }
            try (JoinableQueue<Long> second = ctx.openJoinableQueue("small", Codecs.int64()))
            {
                second.put(2L); // both slots named: the dead one's is settled and reused
                assertEquals(1, tasks.lostTasks());
                assertEquals(1, tasks.unfinishedTasks());
                assertEquals(2L, second.take());
                second.taskDone();
                assertTrue(tasks.join(Duration.ofSeconds(10)));
            }
        }
    }

    @Test
    void taskDoneMoreTimesThanTasksIsRefused() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final JoinableQueue<String> tasks = ctx.joinableQueue("tasks", Codecs.utf8());
            final IllegalStateException none = assertThrows(IllegalStateException.class, tasks::taskDone);
            assertTrue(none.getMessage().contains("tasks"), none.getMessage());
            tasks.put("a");
            assertEquals("a", tasks.take());
            tasks.taskDone();
            assertThrows(IllegalStateException.class, tasks::taskDone);
            assertTrue(tasks.join(Duration.ZERO));
            assertEquals(0, tasks.unfinishedTasks());
        }
    }

    @Test
    void everySendPathCountsAndAFailedSendDoesNot() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final JoinableQueue<byte[]> tasks = ctx.joinableQueue("tiny", Codecs.bytes(),
                QueueOptions.defaults().capacity(QueueOptions.MIN_CAPACITY).maxMessageLength(64));
            int sent = 0;
            while (tasks.offer(new byte[32]))
            {
                sent++;
            }
            assertEquals(sent, tasks.unfinishedTasks(), "a full ring's refusal is no task");
            assertFalse(tasks.offer(new byte[32], 10, TimeUnit.MILLISECONDS));
            assertEquals(-1, tasks.tryClaim(32), "no room for what offer refused");
            assertEquals(sent, tasks.unfinishedTasks());
            final List<byte[]> drained = new ArrayList<>();
            assertEquals(sent, tasks.drainTo(drained, Integer.MAX_VALUE));
            final int claim = tasks.tryClaim(8);
            assertTrue(claim >= 0);
            assertEquals(sent + 1, tasks.unfinishedTasks());
            tasks.abort(claim);
            assertEquals(sent, tasks.unfinishedTasks());
            final int committed = tasks.tryClaim(8);
            tasks.claimBuffer().putLong(committed, 7);
            tasks.commit(committed);
            tasks.put(new UnsafeBuffer(new byte[8]), 0, 8);
            assertEquals(sent + 2, tasks.unfinishedTasks());
            assertTrue(tasks.poll((buffer, offset, length) -> { }));
            assertTrue(tasks.poll((buffer, offset, length) -> { }, 1, TimeUnit.SECONDS));
            for (int i = 0; i < sent + 2; i++)
            {
                tasks.taskDone();
            }
            assertTrue(tasks.join(Duration.ZERO));
        }
    }

    @Test
    void aMessageThatFailsToDecodeCountsAsDoneAndTheQueueIsWaitable() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final JoinableQueue<Long> tasks = ctx.joinableQueue("tasks", Codecs.int64());
            tasks.put(new UnsafeBuffer(new byte[3]), 0, 3); // not a long
            assertEquals(List.of(tasks), Connection.wait(List.of(tasks), Duration.ofSeconds(10)));
            assertThrows(RuntimeException.class, tasks::poll);
            assertEquals(0, tasks.unfinishedTasks());
            assertTrue(tasks.join(Duration.ZERO));
        }
    }

    @Test
    void aPlainQueueOfTheSameNameIsTheSameQueue() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final JoinableQueue<Long> tasks = ctx.joinableQueue("tasks", Codecs.int64());
            final MessageQueue<Long> plain = ctx.openQueue("tasks", Codecs.int64());
            tasks.put(5L);
            assertEquals(5L, plain.poll());
            assertEquals(1, tasks.unfinishedTasks(), "taken without counting: the plain queue does not know");
            tasks.taskDone();
            assertTrue(Files.exists(tasks.path().resolveSibling("tasks.joinable")));
        }
    }

    @Test
    void aTaskFileOfAnotherLayoutOrWithImpossibleSlotsIsRefusedByName() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Path file = ctx.joinableQueue("tasks", Codecs.int64()).path().resolveSibling("tasks.joinable");
            writeParam(file, JoinableDescriptor.PARAM_LAYOUT, 0);
            final UncheckedIOException layout = assertThrows(UncheckedIOException.class,
                () -> ctx.openJoinableQueue("tasks", Codecs.int64()));
            assertEquals(SharedFileException.Reason.UNSUPPORTED_VERSION, ((SharedFileException)layout.getCause()).reason());
            assertTrue(layout.getMessage().contains(file.toString()), layout.getMessage());
            writeParam(file, JoinableDescriptor.PARAM_LAYOUT, JoinableDescriptor.LAYOUT_VERSION);
            writeParam(file, JoinableDescriptor.PARAM_SLOTS, -5);
            final UncheckedIOException slots = assertThrows(UncheckedIOException.class,
                () -> ctx.openJoinableQueue("tasks", Codecs.int64()));
            assertTrue(slots.getMessage().contains("task slots -5") && slots.getMessage().contains(file.toString()),
                slots.getMessage());
            assertThrows(SharedObjectMismatchException.class, () -> ctx.openQueue("tasks.joinable", Codecs.int64()),
                "a task file is no queue");
        }
    }

    private static void writeParam(final Path file, final int param, final long value) throws Exception
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value),
                SharedFileDescriptor.paramOffset(param));
        }
    }
}
