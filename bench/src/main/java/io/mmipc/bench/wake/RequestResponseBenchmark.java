package io.mmipc.bench.wake;

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
import java.util.concurrent.locks.LockSupport;

/**
 * Request/response between two JVMs at about 1,000 requests a second (a request every
 * {@code gapMicros}), default options, 64-byte {@code byte[]} messages, every byte checksummed on
 * both sides: mmipc's many-to-many queue (one for requests, one for replies) and duplex pipe,
 * both waiting the default way (a futex sleep the sender wakes), beside what Python users and
 * plain Java would use: Java-serialized {@code byte[]} over blocking OS pipes (CPython's
 * {@code multiprocessing.Pipe}) and a blocking Unix domain socket.
 * <p>
 * How it is measured: the gap is a {@code @Setup(Level.Invocation)} that parks until the next
 * tick, one gap from the end of the previous round trip; JMH runs invocation-level fixtures
 * outside the timed region, and in {@code Mode.SampleTime} it times each invocation on its own
 * (a timestamp before and after the call), so each sample is exactly one round trip and its
 * percentiles are the round trip's. The gap lets the peer fall asleep between requests, so each
 * request pays a kernel wake-up where the transport sleeps. {@link CpuShare} adds each side's CPU
 * time per iteration: what the latency costs while idle between requests.
 * <pre>
 * java -jar bench/target/benchmarks.jar RequestResponseBenchmark
 * java -jar bench/target/benchmarks.jar RequestResponseBenchmark -p gapMicros=0,1000,10000
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RequestResponseBenchmark
{
    @Param({"MMIPC_QUEUE", "MMIPC_PIPE", "OS_PIPE", "UNIX_SOCKET"})
    public ExchangeContender contender;

    /** Pause before each request, outside the measured time. */
    @Param({"1000"})
    public long gapMicros;

    @Param({"64"})
    public int size;

    private ExchangeTrial trial;

    @Setup(Level.Trial)
    public void setup() throws Exception
    {
        trial = new ExchangeTrial(contender, size);
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
        trial.close();
    }

    @Benchmark
    @Contender(suite = "request/response {size} B, {gapMicros} us apart, default options, two JVMs",
        param = "contender", variants = {
            @Variant(value = "MMIPC_QUEUE", name = "mmipc MessageQueue<byte[]> x2, default (many-to-many)",
                role = Contender.Role.MMIPC),
            @Variant(value = "MMIPC_PIPE", name = "mmipc Pipe<byte[]>, duplex, default", role = Contender.Role.MMIPC),
            @Variant(value = "OS_PIPE", name = "OS pipes + Java serialization, blocking (Python's Pipe)",
                role = Contender.Role.BASELINE),
            @Variant(value = "UNIX_SOCKET", name = "Unix domain socket, blocking", role = Contender.Role.PEER)})
    @Spinning(threads = 0, note = "every wait sleeps in the kernel after mmipc's brief spin and yields")
    public long roundTrip(final CpuShare cpu) throws Exception
    {
        return trial.roundTrip();
    }
}
