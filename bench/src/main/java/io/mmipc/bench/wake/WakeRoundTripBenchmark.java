package io.mmipc.bench.wake;

import io.mmipc.IpcContext;
import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.PeerJvm;
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

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Request/response between two JVMs with a gap between requests (1 ms by default), so that the
 * side that waits for a request has gone to sleep when it comes: what a user of the default
 * blocking calls sees, and what the kernel wake-ups of issue 13 are for. Sample mode gives the
 * round-trip percentiles; the gap is spent outside the measurement (a per-invocation setup).
 * {@link CpuShare} adds each side's CPU time, so the price of each contender's latency shows.
 * <ul>
 *   <li>{@code OS_PIPE}: one byte each way over blocking pipes, the kernel-wake floor;</li>
 *   <li>{@code MMIPC_FUTEX}: mmipc's waiter with wake words (futex sleeps, signalled);</li>
 *   <li>{@code MMIPC_BACKOFF}: mmipc's waiter before issue 13 (parks up to 1 ms, polling);</li>
 *   <li>{@code SPIN}: both sides busy-spin on one mapped long, the floor of the machine.</li>
 * </ul>
 * <pre>
 * java -jar bench/target/benchmarks.jar WakeRoundTripBenchmark
 * java -jar bench/target/benchmarks.jar WakeRoundTripBenchmark -p gapMicros=0,1000,10000
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class WakeRoundTripBenchmark
{
    @Param({"OS_PIPE", "MMIPC_FUTEX", "MMIPC_BACKOFF", "SPIN"})
    public WakeContender contender;

    /** Pause before each request, outside the measured time. */
    @Param({"1000"})
    public long gapMicros;

    private IpcContext ctx;
    private PeerJvm peer;
    private WakeLink link;
    private long round;

    @Setup(Level.Trial)
    public void setup() throws Exception
    {
        ctx = IpcContext.create();
        final Path dir = ctx.directory();
        contender.prepare(dir);
        peer = PeerJvm.start(WakePeer.class, contender.name(), dir.toString());
        link = contender.open(dir, true);
        round = 0;
        CpuShare.watch(contender.name(), peer.pid());
    }

    @Setup(Level.Invocation)
    public void gap()
    {
        if (gapMicros > 0)
        {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(gapMicros));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        try
        {
            peer.checkAlive();
            if (link instanceof WordLink)
            {
                System.out.println(contender + " wake words: " + ((WordLink)link).counters());
            }
        }
        finally
        {
            peer.close();
            link.close();
            ctx.close();
        }
    }

    @Benchmark
    @Contender(suite = "request/response 1 B, {gapMicros} us apart, two JVMs", param = "contender", variants = {
        @Variant(value = "MMIPC_FUTEX", name = "mmipc wait, futex wake words", role = Contender.Role.MMIPC),
        @Variant(value = "MMIPC_BACKOFF", name = "mmipc wait, backoff parks (before issue 13)",
            role = Contender.Role.MMIPC),
        @Variant(value = "OS_PIPE", name = "OS pipe, 1 byte, blocking read (kernel-wake floor)",
            role = Contender.Role.BASELINE),
        @Variant(value = "SPIN", name = "busy-spin on one mapped long (machine floor)", role = Contender.Role.CEILING)})
    @Spinning(threads = 0, note = "waits sleep in the kernel or park; SPIN alone keeps both sides spinning (2)")
    public long roundTrip(final CpuShare cpu)
    {
        return link.request(++round);
    }
}
