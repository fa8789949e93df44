package io.mmipc.aeron;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.mmipc.EndOfStreamException;
import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.MessageQueue;
import io.mmipc.NetworkOptions;
import io.mmipc.Pipe;
import io.mmipc.PipeEnd;
import io.mmipc.QueueOptions;
import io.mmipc.codec.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes in one JVM on the loopback address: the protocol without namespaces (the namespace
 * suite, {@link NamespaceNetworkTest}, runs them in separate JVMs and networks).
 */
@Timeout(120)
class LoopbackNetworkTest
{
    static final byte[] SECRET = "a test secret of 32 bytes.......".getBytes(StandardCharsets.US_ASCII);
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path root;

    static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private IpcContext home(final int port, final byte[] secret)
    {
        return IpcContext.builder().root(root).network(NetworkOptions.node("127.0.0.1", port).secret(secret)
            .peerTimeout(PEER_TIMEOUT)).build();
    }

    private IpcContext remote(final int homePort, final byte[] secret)
    {
        return IpcContext.builder().root(root).network(NetworkOptions.node("127.0.0.1", 0)
            .home("127.0.0.1", homePort).secret(secret).peerTimeout(PEER_TIMEOUT)).build();
    }

    @Test
    void pipeCarriesBothWaysInOrderAndEndsWhenTheRemoteEndCloses() throws Exception
    {
        final int port = freeUdpPort();
        try (IpcContext home = home(port, SECRET); IpcContext remote = remote(port, SECRET))
        {
            final Pipe<String> pipe = home.pipe("p", Codecs.utf8());
            final PipeEnd<String> end1 = pipe.end1();
            final PipeEnd<String> end2 = remote.openPipe("p", Codecs.utf8()).end2();
            end2.open();
            for (int i = 0; i < 200; i++)
            {
                end2.send("m" + i);
            }
            for (int i = 0; i < 200; i++)
            {
                assertEquals("m" + i, end1.recv(10, TimeUnit.SECONDS));
            }
            end1.send("back");
            assertEquals("back", end2.recv(10, TimeUnit.SECONDS));
            end2.close();
            assertThrows(EndOfStreamException.class, () -> end1.recv(10, TimeUnit.SECONDS));
        }
    }

    /**
     * Small messages sent back to back share authenticated frames (batches), both ways, and arrive
     * whole and in order; the last of a burst goes within the linger with no further send; a node
     * whose linger is zero sends every message in a frame of its own.
     */
    @Test
    void aStreamOfSmallMessagesSharesFramesAndItsLastMessageIsNotHeldBack() throws Exception
    {
        final int port = freeUdpPort();
        try (IpcContext home = home(port, SECRET); IpcContext remote = remote(port, SECRET);
            IpcContext unbatched = IpcContext.builder().root(root).network(NetworkOptions.node("127.0.0.1", 0)
                .home("127.0.0.1", port).secret(SECRET).peerTimeout(PEER_TIMEOUT).batchLinger(Duration.ZERO)).build())
        {
            final PipeEnd<String> end1 = home.pipe("stream", Codecs.utf8()).end1();
            final PipeEnd<String> end2 = remote.openPipe("stream", Codecs.utf8()).end2();
            end2.open();
            final int messages = 2_000;
            for (int burst = 0; burst < 3; burst++)
            {
                for (int i = 0; i < messages; i++)
                {
                    end2.send(burst + ":" + i);
                }
                for (int i = 0; i < messages; i++)
                {
                    assertEquals(burst + ":" + i, end1.recv(10, TimeUnit.SECONDS)); // the last: flushed by the agent
                }
                for (int i = 0; i < messages; i++)
                {
                    end1.send("back " + burst + ":" + i);
                }
                for (int i = 0; i < messages; i++)
                {
                    assertEquals("back " + burst + ":" + i, end2.recv(10, TimeUnit.SECONDS));
                }
            }
            final long remoteBatched = ((AeronPipeEnd<?>)end2).channel().endpoint().connection().batchedMessages();
            final long homeBatched = ((AeronPipeEnd<?>)end1).channel().endpoint().liveSession().batchedMessages();
            assertTrue(remoteBatched > messages, "remote to home: " + remoteBatched + " of " + 3 * messages + " batched");
            assertTrue(homeBatched > messages, "home to remote: " + homeBatched + " of " + 3 * messages + " batched");

            final PipeEnd<String> single1 = home.pipe("single", Codecs.utf8()).end1();
            final PipeEnd<String> single2 = unbatched.openPipe("single", Codecs.utf8()).end2();
            single2.open();
            for (int i = 0; i < messages; i++)
            {
                single2.send("s" + i);
            }
            for (int i = 0; i < messages; i++)
            {
                assertEquals("s" + i, single1.recv(10, TimeUnit.SECONDS));
            }
            assertEquals(0, ((AeronPipeEnd<?>)single2).channel().endpoint().connection().batchedMessages());
        }
    }

    /**
     * A message that waits at an end nobody polls runs the end's arrival signal (the pool's
     * dispatcher sleeps on a local wake word that a network reply does not touch), and is still
     * there for the next receive.
     */
    @Test
    void aMessageWaitingForAReceiverThatIsNotPollingRunsTheArrivalSignal() throws Exception
    {
        final int port = freeUdpPort();
        try (IpcContext home = home(port, SECRET); IpcContext remote = remote(port, SECRET))
        {
            final PipeEnd<String> end1 = home.pipe("arrivals", Codecs.utf8()).end1();
            final java.util.concurrent.atomic.AtomicInteger signals = new java.util.concurrent.atomic.AtomicInteger();
            ((io.mmipc.internal.spi.ArrivalSignal)end1).onArrival(signals::incrementAndGet);
            final PipeEnd<String> end2 = remote.openPipe("arrivals", Codecs.utf8()).end2();
            end2.open();
            end2.send("waiting");
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (signals.get() == 0 && System.nanoTime() - deadline < 0)
            {
                Thread.sleep(5);
            }
            assertTrue(signals.get() > 0, "no arrival signal within 20 s");
            assertEquals("waiting", end1.recv(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void whatAnEndSendsJustBeforeItClosesAndItsNodeGoesArrivesBeforeEndOfStream() throws Exception
    {
        final int port = freeUdpPort();
        try (IpcContext home = home(port, SECRET))
        {
            for (int round = 0; round < 5; round++)
            {
                final PipeEnd<String> end1 = home.pipe("p" + round, Codecs.utf8()).end1();
                try (IpcContext remote = remote(port, SECRET))
                {
                    final PipeEnd<String> end2 = remote.openPipe("p" + round, Codecs.utf8()).end2();
                    end2.send("first " + round);
                    assertEquals("first " + round, end1.recv(10, TimeUnit.SECONDS));
                    end1.send("question " + round);
                    assertEquals("question " + round, end2.recv(10, TimeUnit.SECONDS));
                    end2.send("last " + round);
                    end2.close();
                }
                assertEquals("last " + round, end1.recv(10, TimeUnit.SECONDS), "round " + round);
                final int r = round;
                assertThrows(EndOfStreamException.class, () -> end1.recv(10, TimeUnit.SECONDS), "round " + r);
            }
        }
    }

    @Test
    void aKilledRemoteEndIsEndOfStreamAtTheHome() throws Exception
    {
        final int port = freeUdpPort();
        try (IpcContext home = home(port, SECRET))
        {
            final PipeEnd<String> end1 = home.pipe("k", Codecs.utf8()).end1();
            final PipeEnd<String> end2 = home.pipe("k", Codecs.utf8()).end2();
            final JvmProcess child = home.process(() ->
            {
                for (int i = 0; ; i++)
                {
                    end2.send("m" + i);
                    TimeUnit.MILLISECONDS.sleep(1);
                }
            }).jvmOptions("-XX:TieredStopAtLevel=1", "-Xmx128m").start();
            assertEquals("m0", end1.recv(60, TimeUnit.SECONDS));
            ProcessHandle.of(child.pid()).orElseThrow().destroyForcibly();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            boolean ended = false;
            while (!ended && System.nanoTime() < deadline)
            {
                try
                {
                    end1.recv(1, TimeUnit.SECONDS);
                }
                catch (final EndOfStreamException eos)
                {
                    ended = true;
                    assertTrue(eos.getMessage().contains("went away") || eos.getMessage().contains("sent nothing"),
                        eos.getMessage());
                }
            }
            assertTrue(ended, "end-of-stream within 40 s of the remote end's kill");
        }
    }

    @Test
    void aHelloIsAnsweredAtTheAddressItCameFromNotTheOneItNames() throws Exception
    {
        final int port = freeUdpPort();
        final int replyPort = freeUdpPort();
        final Path aeronDir = root.resolve("raw-aeron");
        try (IpcContext home = home(port, SECRET);
            MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .aeronDirectoryName(aeronDir.toString()).threadingMode(ThreadingMode.SHARED)
                .dirDeleteOnStart(true).dirDeleteOnShutdown(true));
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            Subscription source = aeron.addSubscription(AeronNode.channel("127.0.0.1", replyPort),
                StreamIds.out(StreamIds.QUEUE, "q"));
            Subscription named = aeron.addSubscription(AeronNode.channel("127.0.0.2", replyPort),
                StreamIds.out(StreamIds.QUEUE, "q"));
            ExclusivePublication hello = aeron.addExclusivePublication(AeronNode.channel("127.0.0.1", port),
                StreamIds.in(StreamIds.QUEUE, "q")))
        {
            home.queue("q", Codecs.utf8());
            // A HELLO sent from 127.0.0.1 that names 127.0.0.2 (a stand-in for a victim) as where to answer.
            final byte[] frame = new byte[FrameDescriptor.MAX_HELLO_LENGTH];
            final int length = Hello.write(frame, Handshake.nonce(), "127.0.0.2", replyPort, (byte)0,
                StreamIds.QUEUE, "q", "utf8");
            final java.util.concurrent.atomic.AtomicInteger atSource = new java.util.concurrent.atomic.AtomicInteger();
            final java.util.concurrent.atomic.AtomicInteger atNamed = new java.util.concurrent.atomic.AtomicInteger();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            boolean sent = false;
            while (atSource.get() == 0 && System.nanoTime() < deadline)
            {
                if (!sent)
                {
                    sent = hello.offer(new org.agrona.concurrent.UnsafeBuffer(frame), 0, length) > 0;
                }
                source.poll((buffer, offset, len, header) -> atSource.incrementAndGet(), 10);
                named.poll((buffer, offset, len, header) -> atNamed.incrementAndGet(), 10);
                TimeUnit.MILLISECONDS.sleep(1); // polling with a deadline
            }
            assertTrue(atSource.get() > 0, "the CHALLENGE went to the HELLO's source address");
            final long quiet = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (System.nanoTime() < quiet)
            {
                named.poll((buffer, offset, len, header) -> atNamed.incrementAndGet(), 10);
                TimeUnit.MILLISECONDS.sleep(1);
            }
            assertEquals(0, atNamed.get(), "nothing went to the address the HELLO named");
        }
    }

    @Test
    void queueCarriesLargeMessagesInChunksAndOfferIsFalseWhenNobodyListens() throws Exception
    {
        final int port = freeUdpPort();
        try (IpcContext home = home(port, SECRET); IpcContext remote = remote(port, SECRET))
        {
            final MessageQueue<byte[]> consumer = home.queue("q", Codecs.bytes(), QueueOptions.defaults());
            final MessageQueue<byte[]> producer = remote.openQueue("q", Codecs.bytes());
            final byte[] big = new byte[300_000];
            Arrays.fill(big, (byte)7);
            big[299_999] = 9;
            assertTrue(producer.offer(big, 10, TimeUnit.SECONDS));
            assertTrue(producer.offer(new byte[] {1, 2, 3}, 10, TimeUnit.SECONDS));
            assertArrayEquals(big, consumer.poll(10, TimeUnit.SECONDS));
            assertArrayEquals(new byte[] {1, 2, 3}, consumer.poll(10, TimeUnit.SECONDS));
            assertNull(consumer.poll());

            final MessageQueue<byte[]> nowhere = remote.queue("nobody-home", Codecs.bytes());
            assertFalse(nowhere.offer(new byte[] {1}));
            assertNull(nowhere.poll(200, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void handlesOfNetworkObjectsCrossIntoAChildJvm() throws Exception
    {
        final int port = freeUdpPort();
        try (IpcContext home = home(port, SECRET))
        {
            final MessageQueue<String> results = home.queue("results", Codecs.utf8());
            final PipeEnd<String> end1 = home.pipe("p", Codecs.utf8()).end1();
            final PipeEnd<String> end2 = home.pipe("p", Codecs.utf8()).end2();
            final JvmProcess child = home.process(() ->
            {
                final String question = end2.recv(30, TimeUnit.SECONDS);
                results.put("child got " + question);
                end2.send(question.toUpperCase());
                end2.close();
            }).jvmOptions("-XX:TieredStopAtLevel=1", "-Xmx128m").start();
            end1.send("ping");
            assertEquals("PING", end1.recv(60, TimeUnit.SECONDS));
            assertEquals("child got ping", results.poll(30, TimeUnit.SECONDS));
            assertThrows(EndOfStreamException.class, () -> end1.recv(30, TimeUnit.SECONDS));
            assertTrue(child.join(Duration.ofSeconds(60)));
            assertEquals(0, child.exitCode().getAsInt(), child::stderr);
        }
    }

    @Test
    void consumersOnOtherNodesCompeteThroughTheHomesDispatcher() throws Exception
    {
        final int port = freeUdpPort();
        try (IpcContext home = home(port, SECRET); IpcContext a = remote(port, SECRET);
            IpcContext b = remote(port, SECRET))
        {
            final MessageQueue<String> work = home.queue("work", Codecs.utf8());
            final MessageQueue<String> consumerA = a.openQueue("work", Codecs.utf8());
            final MessageQueue<String> consumerB = b.openQueue("work", Codecs.utf8());
            final int count = 300;
            for (int i = 0; i < count; i++)
            {
                work.put("task-" + i);
            }
            final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            final java.util.concurrent.atomic.AtomicInteger duplicates = new java.util.concurrent.atomic.AtomicInteger();
            final Thread other = new Thread(() -> drain(consumerB, seen, duplicates, count));
            other.start();
            drain(consumerA, seen, duplicates, count);
            other.join(TimeUnit.SECONDS.toMillis(60));
            assertEquals(0, duplicates.get());
            assertEquals(count, seen.size());
        }
    }

    private static void drain(final MessageQueue<String> queue, final java.util.Set<String> seen,
        final java.util.concurrent.atomic.AtomicInteger duplicates, final int count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try
        {
            while (seen.size() < count && System.nanoTime() < deadline)
            {
                final String task = queue.poll(200, TimeUnit.MILLISECONDS);
                if (task != null && !seen.add(task))
                {
                    duplicates.incrementAndGet();
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aRemoteWithoutTheSecretIsRefusedAndDeliversNothing() throws Exception
    {
        final int port = freeUdpPort();
        final byte[] wrong = SECRET.clone();
        wrong[0] ^= 1;
        try (IpcContext home = home(port, SECRET); IpcContext intruder = remote(port, wrong))
        {
            final MessageQueue<String> consumer = home.queue("q", Codecs.utf8());
            final MessageQueue<String> forged = intruder.openQueue("q", Codecs.utf8());
            assertFalse(forged.offer("injected", 3, TimeUnit.SECONDS));
            assertNull(consumer.poll(500, TimeUnit.MILLISECONDS));
        }
    }
}
