package io.mmipc.bench.peers;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.Payload;
import io.mmipc.bench.support.PeerJvm;
import io.mmipc.bench.support.Spinning;
import io.mmipc.bench.support.Tally;
import org.agrona.IoUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.File;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Aeron IPC between two JVMs, 64-byte messages: the media driver runs embedded in the benchmark
 * JVM with a backoff idle strategy (so its thread does not take one of the contenders' cores), its
 * directory under {@code /dev/shm}; the peer JVM subscribes through it. Messages carry the same
 * {@link Payload} as the queue contenders, and every consumer (the peer, and this JVM for replies)
 * checksums every byte it receives.
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AeronIpcBenchmark
{
    static final String CHANNEL = "aeron:ipc";
    static final int REQUESTS = 1001;
    static final int REPLIES = 1002;
    static final int SIZE = 64;

    /** A driver, a client, and a peer in the given mode. */
    abstract static class Connection
    {
        MediaDriver driver;
        Aeron aeron;
        ExclusivePublication requests;
        Subscription replies;
        PeerJvm peer;
        File dir;
        final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(SIZE));

        Connection()
        {
            message.putBytes(0, Payload.create(SIZE));
        }

        void open(final String mode) throws Exception
        {
            dir = new File("/dev/shm", "aeron-mmipc-bench-" + ProcessHandle.current().pid() + "-" + mode);
            driver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(dir.getPath())
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy(10, 10, 1_000, 1_000_000))
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir.getPath()));
            requests = aeron.addExclusivePublication(CHANNEL, REQUESTS);
            replies = aeron.addSubscription(CHANNEL, REPLIES);
            peer = PeerJvm.start(AeronPeer.class, dir.getPath(), mode);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!requests.isConnected() || (mode.equals("echo") && !replies.isConnected()))
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("Aeron peer did not connect within 30 s");
                }
                Thread.sleep(1);
            }
        }

        void close()
        {
            if (peer != null)
            {
                peer.close();
            }
            if (aeron != null)
            {
                aeron.close();
            }
            if (driver != null)
            {
                driver.close();
            }
            if (dir != null)
            {
                IoUtil.delete(dir, true);
            }
        }

        void send()
        {
            long spins = 0;
            while (requests.offer(message, 0, SIZE) < 0)
            {
                spun(++spins);
            }
        }

        /**
         * Fails, rather than spinning forever, once the peer has died (it exits when a message
         * it receives is corrupted).
         */
        void spun(final long spins)
        {
            if ((spins & ((1 << 20) - 1)) == 0)
            {
                peer.checkAlive();
            }
            Thread.onSpinWait();
        }
    }

    @State(Scope.Benchmark)
    public static class Sink extends Connection
    {
        @Setup(Level.Trial)
        public void setup() throws Exception
        {
            open("sink");
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            close();
        }
    }

    @State(Scope.Benchmark)
    public static class Echo extends Connection
    {
        private final Tally received = new Tally(SIZE);
        private final FragmentHandler onReply = (buffer, offset, length, header) -> received.add(buffer, offset, length);

        @Setup(Level.Trial)
        public void setup() throws Exception
        {
            open("echo");
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            try
            {
                received.checkIntact("AeronIpcBenchmark round trip");
            }
            finally
            {
                close();
            }
        }

        /**
         * @return the sum of the checksums of every reply so far.
         */
        long awaitReply()
        {
            final long before = received.messages();
            long spins = 0;
            while (received.messages() == before)
            {
                if (replies.poll(onReply, 1) == 0)
                {
                    spun(++spins);
                }
            }
            return received.sum();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Contender(suite = "throughput 64 B, two JVMs", name = "Aeron IPC (embedded driver)")
    @Spinning(threads = 2, note = "benchmark thread offering + peer polling; driver thread backs off")
    public void throughput(final Sink sink)
    {
        sink.send();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Contender(suite = "round trip 64 B, two JVMs", name = "Aeron IPC (embedded driver)")
    @Spinning(threads = 2, note = "benchmark thread awaiting the reply + peer polling")
    public long roundTrip(final Echo echo)
    {
        echo.send();
        return echo.awaitReply();
    }
}
