package io.mmipc.bench.wake;

import io.mmipc.IpcContext;
import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.PeerJvm;
import io.mmipc.bench.support.Spinning;
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

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The floor of the machine: two JVMs ping-ponging one mapped long, back to back, both
 * busy-spinning. Nothing between two processes on this host goes faster; it moves from day to day
 * on a shared VM (about 150 to 500 ns), so every report records it beside the other results.
 * <pre>
 * java -jar bench/target/benchmarks.jar MachineFloorBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class MachineFloorBenchmark
{
    private IpcContext ctx;
    private PeerJvm peer;
    private WakeLink link;
    private long round;

    @Setup(Level.Trial)
    public void setup() throws Exception
    {
        ctx = IpcContext.create();
        final Path dir = ctx.directory();
        WakeContender.SPIN.prepare(dir);
        peer = PeerJvm.start(WakePeer.class, WakeContender.SPIN.name(), dir.toString());
        link = WakeContender.SPIN.open(dir, true);
        round = 0;
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        try
        {
            peer.checkAlive();
        }
        finally
        {
            peer.close();
            link.close();
            ctx.close();
        }
    }

    @Benchmark
    @Contender(suite = "machine floor: round trip of one mapped long, two JVMs",
        name = "busy-spin ping-pong of one mapped long", role = Contender.Role.CEILING)
    @Spinning(threads = 2, note = "the benchmark thread and the peer")
    public long pingPong()
    {
        return link.request(++round);
    }
}
