package io.mmipc.bench.peers;

import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.Payload;
import io.mmipc.bench.support.PeerJvm;
import io.mmipc.bench.support.SerializedFrames;
import io.mmipc.bench.support.Spinning;
import io.mmipc.bench.support.Tally;
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

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * A TCP loopback socket between two JVMs carrying Java-serialized 64-byte messages, one flushed
 * frame each: what a user without shared memory reaches for next after a pipe. Messages carry the
 * same {@link Payload} as the queue contenders; every consumer deserializes each frame and
 * checksums every byte of the array.
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TcpLoopbackBenchmark
{
    static final int SIZE = 64;

    abstract static class Connection
    {
        PeerJvm peer;
        Socket socket;
        SerializedFrames frames;
        final byte[] message = Payload.create(SIZE);

        void open(final String mode) throws Exception
        {
            peer = PeerJvm.start(TcpPeer.class, mode);
            socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(peer.outputLine("PORT")));
            socket.setTcpNoDelay(true);
            frames = new SerializedFrames(socket.getInputStream(), socket.getOutputStream());
        }

        void close() throws IOException
        {
            if (socket != null)
            {
                socket.close();
            }
            if (peer != null)
            {
                peer.close();
            }
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
        public void tearDown() throws IOException
        {
            close();
        }
    }

    @State(Scope.Benchmark)
    public static class Echo extends Connection
    {
        final Tally received = new Tally(SIZE);

        @Setup(Level.Trial)
        public void setup() throws Exception
        {
            open("echo");
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException
        {
            try
            {
                received.checkIntact("TcpLoopbackBenchmark round trip");
            }
            finally
            {
                close();
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Contender(suite = "throughput 64 B, two JVMs", name = "TCP loopback + Java serialization")
    @Spinning(threads = 0, note = "both sides block in the kernel")
    public void throughput(final Sink sink) throws IOException
    {
        sink.frames.write(sink.message);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Contender(suite = "round trip 64 B, two JVMs", name = "TCP loopback + Java serialization")
    @Spinning(threads = 0, note = "both sides block in the kernel")
    public long roundTrip(final Echo echo) throws Exception
    {
        echo.frames.write(echo.message);
        echo.received.add((byte[])echo.frames.read());
        return echo.received.sum();
    }
}
