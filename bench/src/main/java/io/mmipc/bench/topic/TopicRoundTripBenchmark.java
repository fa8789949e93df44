package io.mmipc.bench.topic;

import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.Spinning;
import io.mmipc.bench.support.Variant;
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

import java.util.concurrent.TimeUnit;

/**
 * Fan-out round trip: publish one message, then wait until every subscriber JVM (two or three)
 * has answered it with one of the same size: the time until the slowest subscriber has it, plus
 * a reply. Sample mode gives the percentiles. Replies travel over the contender's own kind of
 * channel (an mmipc topic, an Agrona many-to-one ring, an Aeron IPC stream).
 * <pre>
 * java -jar bench/target/benchmarks.jar TopicRoundTripBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class TopicRoundTripBenchmark
{
    @Param({"MMIPC_ZERO_COPY", "MMIPC_CODEC", "MMIPC_LAP", "AGRONA_BROADCAST", "AERON_IPC"})
    public FanOut fanOut;

    @Param({"2", "3"})
    public int subscribers;

    @Param({"64"})
    public int size;

    private TopicState state;

    @Setup(Level.Trial)
    public void setup() throws Exception
    {
        state = new TopicState(fanOut, subscribers, size, "echo");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception
    {
        try
        {
            state.link.received().checkIntact("TopicRoundTripBenchmark over " + fanOut);
        }
        finally
        {
            state.close();
        }
    }

    @Benchmark
    @Contender(suite = "fan-out round trip {size} B, {subscribers} subscriber JVMs", param = "fanOut", variants = {
        @Variant(value = "MMIPC_ZERO_COPY", name = "mmipc Topic BLOCK, zero-copy", role = Contender.Role.MMIPC),
        @Variant(value = "MMIPC_CODEC", name = "mmipc Topic BLOCK, Codec (byte[])", role = Contender.Role.MMIPC),
        @Variant(value = "MMIPC_LAP", name = "mmipc Topic LAP, zero-copy", role = Contender.Role.MMIPC),
        @Variant(value = "AGRONA_BROADCAST", name = "raw Agrona BroadcastTransmitter", role = Contender.Role.CEILING),
        @Variant(value = "AERON_IPC", name = "Aeron IPC (embedded driver)", role = Contender.Role.PEER)})
    @Spinning(threads = 1, note = "the publisher spins awaiting replies; each subscriber peer spins, then yields " +
        "when idle (1 + subscribers busy threads); Aeron's driver backs off")
    public long roundTrip()
    {
        state.link.send();
        return state.link.receive(subscribers);
    }
}
