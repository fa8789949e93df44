package io.mmipc.agrona.queue;

import io.mmipc.Connection;
import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.MessageQueue;
import io.mmipc.Pipe;
import io.mmipc.PipeEnd;
import io.mmipc.PipeOptions;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Connection#wait} across real JVMs: pipe ends, queues and processes, with kill -9.
 */
@Timeout(180)
class ConnectionWaitTest
{
    static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);
    static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path root;

    @Test
    void ofThreePipeEndsReturnsExactlyTheOneAChildWroteTo() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final List<Pipe<Long>> pipes = pipes(ctx, 3);
            final List<PipeEnd<Long>> mine = ends1(pipes);
            try (ChildJvm child = Children.start(WaitChildren.Answerer.class, Handles.encode(pipes.get(0).end2()),
                Handles.encode(pipes.get(1).end2()), Handles.encode(pipes.get(2).end2())))
            {
                Children.awaitLine(child, "READY", CHILD_TIMEOUT);
                for (int round = 0; round < 30; round++)
                {
                    final int which = round % 3;
                    mine.get(which).send((long)round);
                    final List<PipeEnd<Long>> ready = Connection.wait(mine, LONG);
                    assertEquals(List.of(mine.get(which)), ready, "round " + round);
                    assertEquals(round + 1, mine.get(which).recv());
                }
                assertEquals(List.of(), Connection.wait(mine, Duration.ZERO), "nothing left");
                mine.get(0).send(-1L);
                assertTrue(Children.finish(child, CHILD_TIMEOUT).contains("DONE"));
            }
        }
    }

    @Test
    void endOfStreamAfterKillMinus9MakesOnlyThatEndReady() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final List<Pipe<Long>> pipes = pipes(ctx, 3);
            final List<PipeEnd<Long>> mine = ends1(pipes);
            try (ChildJvm victim = Children.start(WaitChildren.Holder.class, Handles.encode(pipes.get(1).end2()));
                 ChildJvm survivor = Children.start(WaitChildren.Holder.class, Handles.encode(pipes.get(0).end2()),
                     Handles.encode(pipes.get(2).end2())))
            {
                Children.awaitLine(victim, "READY", CHILD_TIMEOUT);
                Children.awaitLine(survivor, "READY", CHILD_TIMEOUT);
                assertEquals(List.of(), Connection.wait(mine, Duration.ofMillis(50)));
                final CompletableFuture<List<PipeEnd<Long>>> waiting = waitInThread(mine, LONG);
                victim.process().destroyForcibly();
                assertEquals(List.of(mine.get(1)), waiting.get(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
                assertThrows(io.mmipc.EndOfStreamException.class, () -> mine.get(1).recv());
                survivor.process().destroyForcibly();
                assertTrue(survivor.waitFor(CHILD_TIMEOUT));
            }
        }
    }

    @Test
    void aProcessThatExitsIsReturned() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final List<Pipe<Long>> pipes = pipes(ctx, 1);
            final PipeEnd<Long> end = pipes.get(0).end1();
            try (ChildJvm child = Children.start(WaitChildren.Answerer.class, Handles.encode(pipes.get(0).end2())))
            {
                Children.awaitLine(child, "READY", CHILD_TIMEOUT);
                final Process process = child.process();
                final List<Object> objects = List.of(process, end);
                assertEquals(List.of(), Connection.wait(objects, Duration.ofMillis(20)));
                end.send(-1L); // the child ends; its end closes, so the pipe ends too
                final List<Object> ready = Connection.wait(List.of(process), LONG);
                assertEquals(List.of(process), ready);
                assertFalse(process.isAlive());
                assertEquals(List.of(end), Connection.wait(List.of(end), LONG), "end-of-stream after the exit");
            }
        }
    }

    @Test
    void aKilledProcessIsReturnedBesideIdleEnds() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Pipe<Long> idle = ctx.pipe("idle", Codecs.int64());
            try (ChildJvm child = Children.start(WaitChildren.Holder.class))
            {
                Children.awaitLine(child, "READY", CHILD_TIMEOUT);
                final ProcessHandle handle = child.process().toHandle();
                final List<Object> objects = List.of(idle.end1(), handle);
                final CompletableFuture<List<Object>> waiting = waitInThread(objects, LONG);
                child.process().destroyForcibly();
                assertEquals(List.of(handle), waiting.get(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void jvmProcessesAreReturnedAsTheyExitOrAreKilled() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Pipe<Long> idle = ctx.pipe("idle", Codecs.int64());
            final JvmProcess quick = JvmProcess.of(() -> { }).jvmOptions(Children.QUICK_JVM.toArray(new String[0]));
            final JvmProcess sleeper = JvmProcess.of(() -> Thread.sleep(Long.MAX_VALUE))
                .jvmOptions(Children.QUICK_JVM.toArray(new String[0]));
            assertThrows(IllegalStateException.class, () -> Connection.wait(List.of(quick), Duration.ZERO),
                "not started");
            quick.start();
            sleeper.start();
            final List<Object> all = List.of(idle.end1(), quick, sleeper);
            assertEquals(List.of(quick), Connection.wait(all, LONG));
            assertEquals(0, quick.exitCode().getAsInt());
            final CompletableFuture<List<Object>> waiting = waitInThread(List.of(idle.end1(), sleeper), LONG);
            sleeper.kill();
            assertEquals(List.of(sleeper), waiting.get(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(137, sleeper.exitCode().getAsInt());
        }
    }

    @Test
    void aQueueAChildPutsOnIsReturned() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final MessageQueue<Long> requests = ctx.queue("requests", Codecs.int64());
            final MessageQueue<Long> replies = ctx.queue("replies", Codecs.int64());
            final MessageQueue<Long> quiet = ctx.queue("quiet", Codecs.int64());
            try (ChildJvm child = Children.start(WaitChildren.QueueRelay.class, Handles.encode(requests),
                Handles.encode(replies)))
            {
                Children.awaitLine(child, "READY", CHILD_TIMEOUT);
                requests.put(41L);
                final List<MessageQueue<Long>> objects = List.of(quiet, replies);
                assertEquals(List.of(replies), Connection.wait(objects, LONG));
                assertEquals(42L, replies.poll());
                assertTrue(Children.finish(child, CHILD_TIMEOUT).contains("DONE"));
            }
        }
    }

    @Test
    void aTimeoutReturnsNothingAndAnInterruptEndsTheWait() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final List<PipeEnd<Long>> mine = ends1(pipes(ctx, 3));
            for (final PipeEnd<Long> end : mine)
            {
                end.open();
            }
            assertEquals(List.of(), Connection.wait(mine, Duration.ofMillis(30)));
            assertEquals(List.of(), Connection.wait(mine, Duration.ZERO));
            final CompletableFuture<List<PipeEnd<Long>>> waiting = new CompletableFuture<>();
            final Thread waiter = new Thread(() ->
            {
                try
                {
                    waiting.complete(Connection.wait(mine));
                }
                catch (final Throwable ex)
                {
                    waiting.completeExceptionally(ex);
                }
            });
            waiter.start();
            waiter.interrupt();
            final ExecutionException failed = assertThrows(ExecutionException.class,
                () -> waiting.get(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            assertInstanceOf(InterruptedException.class, failed.getCause());
            waiter.join(CHILD_TIMEOUT.toMillis());
        }
    }

    @Test
    void refusesWhatItCannotWaitFor() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Pipe<Long> oneWay = ctx.pipe("one-way", Codecs.int64(), PipeOptions.defaults().duplex(false));
            assertThrows(IllegalArgumentException.class, () -> Connection.wait(List.of(oneWay.end2()), Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> Connection.wait(List.of("text"), Duration.ZERO));
            assertThrows(IllegalArgumentException.class,
                () -> Connection.wait(List.of(oneWay.end1()), Duration.ofSeconds(-1)));
            final PipeEnd<Long> closed = ctx.pipe("closed", Codecs.int64()).end1();
            closed.close();
            assertThrows(IllegalStateException.class, () -> Connection.wait(List.of(closed), Duration.ZERO));
        }
    }

    private static <T> CompletableFuture<List<T>> waitInThread(final List<T> objects, final Duration timeout)
    {
        return CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return Connection.wait(objects, timeout);
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
    }

    private static List<Pipe<Long>> pipes(final IpcContext ctx, final int count)
    {
        final List<Pipe<Long>> pipes = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            pipes.add(ctx.pipe("pipe-" + i, Codecs.int64()));
        }
        return pipes;
    }

    private static List<PipeEnd<Long>> ends1(final List<Pipe<Long>> pipes)
    {
        final List<PipeEnd<Long>> ends = new ArrayList<>();
        for (final Pipe<Long> pipe : pipes)
        {
            ends.add(pipe.end1());
        }
        return ends;
    }
}
