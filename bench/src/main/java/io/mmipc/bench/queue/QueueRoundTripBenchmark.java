package io.mmipc.bench.queue;

import io.mmipc.bench.support.Variant;
import io.mmipc.bench.support.Spinning;
import io.mmipc.bench.support.Contender;
import io.mmipc.IpcContext;
import io.mmipc.bench.support.PeerJvm;
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

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One-to-one round trip between two JVMs: send a message on "ping", wait for the peer's reply of
 * the same size on "pong". Sample mode gives the percentiles (p50, p99, p99.9, max). Both sides
 * busy-spin: two spinning threads.
 * <pre>
 * java -jar bench/target/benchmarks.jar QueueRoundTripBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class QueueRoundTripBenchmark
{
    @Param({"MMIPC_ZERO_COPY", "MMIPC_ZERO_COPY_UNCOUNTED", "MMIPC_CODEC", "MMIPC_CODEC_UNCOUNTED", "AGRONA_RAW", "OS_PIPE"})
    public Transport transport;

    @Param({"64", "1024", "65536"})
    public int size;

    private IpcContext ctx;
    private PeerJvm peer;
    private Link ping;
    private Link pong;

    @Setup(Level.Trial)
    public void setup() throws Exception
    {
        transport.applyCounting(); // before any mmipc object opens
        ctx = IpcContext.create();
        final Path dir = ctx.directory();
        transport.prepare(dir, "ping", size);
        transport.prepare(dir, "pong", size);
        peer = PeerJvm.start(QueuePeer.class, transport.name(), "echo", dir.toString(), String.valueOf(size),
            "ping", "pong");
        ping = transport.open(dir, "ping", size, true); // same order as the peer; in this thread
        pong = transport.open(dir, "pong", size, false);
        ping.watch(peer);
        pong.watch(peer);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        try
        {
            peer.checkAlive();
            pong.received().checkIntact("QueueRoundTripBenchmark over " + transport);
        }
        finally
        {
            peer.close();
            ping.close();
            pong.close();
            ctx.close();
        }
    }

    @Benchmark
    @Contender(suite = "round trip {size} B, two JVMs", param = "transport", variants = {
        @Variant(value = "MMIPC_ZERO_COPY", name = "mmipc Queue, zero-copy", role = Contender.Role.MMIPC, quick = true),
        @Variant(value = "MMIPC_ZERO_COPY_UNCOUNTED", name = "mmipc Queue, zero-copy, counters off",
            role = Contender.Role.MMIPC),
        @Variant(value = "MMIPC_CODEC", name = "mmipc Queue, Codec (byte[])", role = Contender.Role.MMIPC),
        @Variant(value = "MMIPC_CODEC_UNCOUNTED", name = "mmipc Queue, Codec (byte[]), counters off",
            role = Contender.Role.MMIPC),
        @Variant(value = "AGRONA_RAW", name = "raw Agrona OneToOneRingBuffer", role = Contender.Role.CEILING, quick = true),
        @Variant(value = "OS_PIPE", name = "OS pipe + Java serialization", role = Contender.Role.BASELINE, quick = true)})
    @Spinning(threads = 2, note = "rings: the sender and the peer's receiver spin; the OS pipe blocks in the kernel")
    public long roundTrip()
    {
        ping.send();
        pong.receive();
        return pong.checksum();
    }
}
