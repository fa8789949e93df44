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
 * Append throughput of 64-byte messages to a durable channel on disk while a reader in another JVM
 * tails it (the peer drains with a backoff idle strategy: one thread here appends, none spins).
 * Every contender runs in the same run; compare them as ratios.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class LogAppendBenchmark
{
    @Param({LogContenders.MMIPC_LOG, LogContenders.CHRONICLE})
    public String contender;

    private Path dir;
    private LogContender channel;
    private PeerJvm reader;
    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(LogContenders.MESSAGE_LENGTH));
    private long seq;

    @Setup(Level.Trial)
    public void setup() throws Exception
    {
        dir = LogContenders.newDirectory("append-" + contender + "-");
        channel = LogContenders.open(contender, dir, null);
        channel.append(message); // creates the queue before the reader opens it
        reader = PeerJvm.start(LogPeer.class, "drain", contender, dir.toString());
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        reader.close();
        channel.close();
        LogContenders.delete(dir);
    }

    @Benchmark
    @Contender(suite = "durable log append 64 B, a reader JVM tailing", param = "contender", variants = {
        @Variant(value = LogContenders.MMIPC_LOG, name = "mmipc DurableLog", role = Contender.Role.MMIPC),
        @Variant(value = LogContenders.CHRONICLE, name = "raw Chronicle Queue", role = Contender.Role.CEILING)})
    @Spinning(threads = 1, note = "the appender; the peer reader backs off")
    public void append()
    {
        message.putLong(0, seq++);
        channel.append(message);
    }
}
