package io.mmipc.bench.log;

import io.mmipc.bench.support.Variant;
import io.mmipc.bench.support.Spinning;
import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.PeerJvm;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Writer-to-reader latency across JVMs as a round trip: this JVM appends a 64-byte message to one
 * channel, the peer JVM reads it and appends its sequence number to a second channel, and this JVM
 * reads that. One sample is two writer-to-reader hops. Two threads busy-spin (this one and the
 * peer's), which fills a two-core machine. Percentiles come from JMH's sample mode.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class LogLatencyBenchmark
{
    @Param({LogContenders.MMIPC_LOG, LogContenders.CHRONICLE})
    public String contender;

    private Path ping;
    private Path pong;
    private LogContender channel;
    private PeerJvm echo;
    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(LogContenders.MESSAGE_LENGTH));
    private long seq;

    @Setup(Level.Trial)
    public void setup() throws Exception
    {
        ping = LogContenders.newDirectory("ping-" + contender + "-");
        pong = LogContenders.newDirectory("pong-" + contender + "-");
        // Both channels exist before the peer opens them: create each with a first message.
        try (LogContender creator = LogContenders.open(contender, pong, null))
        {
            creator.append(message);
        }
        channel = LogContenders.open(contender, ping, pong);
        channel.append(message);
        if (channel.poll() != 0)
        {
            throw new IllegalStateException("pong channel did not start with message 0");
        }
        echo = PeerJvm.start(LogPeer.class, "echo", contender, ping.toString(), pong.toString());
        // The peer answers the first ping (sequence 0) appended above.
        awaitEcho(0);
        seq = 1;
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        echo.close();
        channel.close();
        LogContenders.delete(ping);
        LogContenders.delete(pong);
    }

    @Benchmark
    @Contender(suite = "durable log round trip 64 B, two JVMs", param = "contender", variants = {
        @Variant(value = LogContenders.MMIPC_LOG, name = "mmipc DurableLog", role = Contender.Role.MMIPC),
        @Variant(value = LogContenders.CHRONICLE, name = "raw Chronicle Queue", role = Contender.Role.CEILING)})
    @Spinning(threads = 2, note = "the benchmark thread and the peer echo spin")
    public long roundTrip()
    {
        final long sent = seq++;
        message.putLong(0, sent);
        channel.append(message);
        return awaitEcho(sent);
    }

    private long awaitEcho(final long expected)
    {
        long spins = 0;
        while (true)
        {
            final long got = channel.poll();
            if (got == expected)
            {
                return got;
            }
            if (got >= 0)
            {
                throw new IllegalStateException("echo " + got + " while waiting for " + expected);
            }
            if ((++spins & 0xFFFFF) == 0)
            {
                echo.checkAlive();
            }
        }
    }
}
