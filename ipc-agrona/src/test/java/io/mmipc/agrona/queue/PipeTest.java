package io.mmipc.agrona.queue;

import io.mmipc.EndOfStreamException;
import io.mmipc.IpcContext;
import io.mmipc.Pipe;
import io.mmipc.PipeEnd;
import io.mmipc.PipeOptions;
import io.mmipc.codec.Codecs;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Pipes within a process and between child JVMs.
 */
@Timeout(120)
class PipeTest
{
    static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path root;

    @Test
    void theTutorialsReceiverThatReadsUntilEndOfStreamTerminates() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            // Python: parent_conn, child_conn = multiprocessing.Pipe(); the parent keeps both ends.
            final Pipe<String> pipe = ctx.pipe("pipe", Codecs.utf8());
            final PipeEnd<String> parentConn = pipe.end1();
            final PipeEnd<String> childConn = pipe.end2();
            try (ChildJvm sender = Children.start(PipeChildren.Sender.class, Handles.encode(childConn));
                ChildJvm receiver = Children.start(PipeChildren.Receiver.class, Handles.encode(parentConn)))
            {
                final String sent = Children.finish(sender, CHILD_TIMEOUT);
                final String received = Children.finish(receiver, CHILD_TIMEOUT);
                assertEquals(List.of("Sent: Message 1", "Sent: Message 2", "Sent: Message 3"), sent.lines().toList());
                assertEquals(List.of("Received: Message 1", "Received: Message 2", "Received: Message 3", "EOF"),
                    received.lines().toList());
            }
            assertFalse(parentConn.isOpen(), "creating the pipe held neither end open");
        }
    }

    @Test
    void aKilledSendersEndIsEndOfStreamAfterWhatItSent() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Pipe<String> pipe = ctx.pipe("pipe", Codecs.utf8());
            final PipeEnd<String> mine = pipe.end1();
            try (ChildJvm holder = Children.start(PipeChildren.Holder.class, Handles.encode(pipe.end2()), "a", "b"))
            {
                Children.awaitLine(holder, "HOLDING", CHILD_TIMEOUT);
                final IllegalStateException busy = assertThrows(IllegalStateException.class, () -> pipe.end2().open());
                assertTrue(busy.getMessage().contains("pid " + holder.pid()), busy.getMessage());
                assertEquals("a", mine.recv());
                assertEquals("b", mine.recv());
                assertNull(mine.recv(50, TimeUnit.MILLISECONDS), "the holder lives: no end of stream yet");
                assertFalse(mine.poll());
                holder.kill();
                assertTrue(holder.waitFor(Duration.ofSeconds(30)));
                assertThrows(EndOfStreamException.class, mine::recv);
                assertTrue(mine.poll(), "poll says recv would not wait");
            }
            // The dead holder's end can be opened again, here.
            final PipeEnd<String> again = ctx.openPipe("pipe", Codecs.utf8()).end2();
            again.send("c");
            assertEquals("c", mine.recv());
        }
    }

    /**
     * The sender's JVM runs under {@code sh -c 'java ... & exec sleep 60'}: its parent becomes
     * {@code sleep}, which never reaps, so once killed it stays a zombie, which
     * {@link ProcessHandle#isAlive()} calls alive. The receiver must still see end-of-stream.
     */
    @Test
    void aSendersEndKilledUnderAParentThatDoesNotReapIsEndOfStream() throws Exception
    {
        assumeTrue(Files.isDirectory(Paths.get("/proc/self")) && Files.isExecutable(Paths.get("/bin/sh")),
            "Linux: /proc and /bin/sh");
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Pipe<String> pipe = ctx.pipe("pipe", Codecs.utf8());
            final PipeEnd<String> mine = pipe.end1();
            final List<String> java = Children.launcher(PipeChildren.Holder.class, Handles.encode(pipe.end2()), "a")
                .command();
            final Path log = root.resolve("sender.log");
            final Process sh = new ProcessBuilder("/bin/sh", "-c",
                java.stream().map(PipeTest::shellQuote).collect(Collectors.joining(" ")) + " & exec sleep 60")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try
            {
                assertEquals("a", mine.recv(60, TimeUnit.SECONDS), () -> "the sender did not send: " + read(log));
                final ProcessHandle sender = childOf(sh.toHandle(), Duration.ofSeconds(30));
                assertTrue(sender.info().command().orElse("").endsWith("java"), sender.info().toString());
                assertNull(mine.recv(50, TimeUnit.MILLISECONDS), "the sender lives: no end of stream yet");

                sender.destroyForcibly();
                Children.await("the killed sender to be a zombie", Duration.ofSeconds(30),
                    () -> "Z".equals(procState(sender.pid())));
                assertTrue(sender.isAlive(), "the JDK calls a zombie alive: the reason for the ownership core's check");

                assertThrows(EndOfStreamException.class, () -> mine.recv(30, TimeUnit.SECONDS));
                assertTrue(mine.poll(), "poll says recv would not wait");
            }
            finally
            {
                sh.destroyForcibly(); // sleep: the zombie goes to init, which reaps it
                assertTrue(sh.waitFor(30, TimeUnit.SECONDS));
            }
        }
    }

    private static String shellQuote(final String word)
    {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static ProcessHandle childOf(final ProcessHandle parent, final Duration timeout) throws InterruptedException
    {
        final AtomicReference<ProcessHandle> child = new AtomicReference<>();
        Children.await("the sender JVM under " + parent.pid(), timeout, () ->
        {
            parent.children().findFirst().ifPresent(child::set);
            return child.get() != null;
        });
        return child.get();
    }

    /**
     * @return the state letter of {@code /proc/<pid>/stat} (field 3), or "gone".
     */
    private static String procState(final long pid)
    {
        try
        {
            final String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        }
        catch (final IOException ex)
        {
            return "gone";
        }
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
    }

    @Test
    void aPipeAndItsEndsTravelAsHandlesThatResolveToOneObjectPerJvm() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Pipe<String> pipe = ctx.pipe("handled", Codecs.utf8());
            final Pipe<String> copy = Handles.decode(Handles.encode(pipe));
            assertNotSame(pipe, copy);
            assertSame(copy, Handles.decode(Handles.encode(pipe)), "one pipe object per JVM");
            final PipeEnd<String> end2 = Handles.decode(Handles.encode(pipe.end2()));
            assertSame(copy.end2(), end2, "an end resolves through its pipe's handle");
            assertSame(copy.end1(), Handles.decode(Handles.encode(pipe.end1())));
            assertFalse(end2.isOpen(), "a handle opens nothing until used");
            end2.send("over");
            assertEquals("over", pipe.end1().recv());
            assertThrows(IllegalStateException.class, () -> pipe.end2().open(), "the end is open in the copy");
        }
    }

    @Test
    void aDuplexPipeCarriesBothWaysAndAOneWayPipeOnlyOne() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Pipe<String> duplex = ctx.pipe("duplex", Codecs.utf8());
            duplex.end1().send("ping");
            assertEquals("ping", duplex.end2().recv());
            duplex.end2().send("pong");
            assertTrue(duplex.end1().poll(1, TimeUnit.SECONDS));
            assertEquals("pong", duplex.end1().recv());

            final Pipe<String> oneWay = ctx.pipe("oneway", Codecs.utf8(), PipeOptions.defaults().duplex(false));
            assertFalse(oneWay.isDuplex());
            assertFalse(oneWay.end1().canSend());
            assertThrows(IllegalStateException.class, () -> oneWay.end1().send("no"));
            assertThrows(IllegalStateException.class, () -> oneWay.end2().recv());
            oneWay.end2().send("yes");
            assertEquals("yes", oneWay.end1().recv());
        }
    }

    @Test
    void endOfStreamIsAStateThatEndsWhenTheOtherEndOpensAgain() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Pipe<String> pipe = ctx.pipe("pipe", Codecs.utf8(), PipeOptions.defaults().capacity(1024));
            final PipeEnd<String> reader = pipe.end1();
            assertNull(reader.recv(20, TimeUnit.MILLISECONDS), "the other end never opened: no end of stream");
            pipe.end2().send("last");
            pipe.end2().close();
            assertThrows(IllegalStateException.class, () -> pipe.end2().send("after close"));
            assertEquals("last", reader.recv());
            assertThrows(EndOfStreamException.class, reader::recv);

            final PipeEnd<String> writer = ctx.openPipe("pipe", Codecs.utf8()).end2();
            writer.send("again");
            assertEquals("again", reader.recv());

            // The receiving end closes: a sender that fills the pipe is told nobody will read.
            reader.close();
            assertThrows(EndOfStreamException.class, () ->
            {
                for (int i = 0; i < 1000; i++)
                {
                    writer.send("filler " + i);
                }
            });
        }
    }

    @Test
    void aLargeMessageCrossesAPipe() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final Pipe<byte[]> pipe = ctx.pipe("big");
            final byte[] big = new byte[5 << 20];
            for (int i = 0; i < big.length; i++)
            {
                big[i] = (byte)(i ^ (i >>> 9));
            }
            pipe.end2().send(big);
            assertArrayEquals(big, pipe.end1().recv());
            final IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> pipe.end2().send(new byte[PipeOptions.defaults().maxMessageLength() + 1]));
            assertTrue(tooBig.getMessage().contains(String.valueOf(PipeOptions.defaults().maxMessageLength())));
        }
    }
}
