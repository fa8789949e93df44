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

/**
 * Back-to-back round trips of 64-byte {@code byte[]} messages between two JVMs over two mmipc
 * queues (requests and replies, blocking {@code put} and {@code take}), with each queue kind and
 * wait the options offer, so one run gives their ratios:
 * <ul>
 *   <li>{@code MMIPC_QUEUE}: the default many-to-many queue, default options (spin, yield, futex sleep);</li>
 *   <li>{@code MMIPC_QUEUE_BUSY_SPIN}: the same queue with {@code idle(Idle.busySpin())}: what the
 *       default wait costs against never sleeping;</li>
 *   <li>{@code MMIPC_QUEUE_ONE_TO_ONE}: the one-to-one queue ({@code oneToOne(true)}), default
 *       options: what many-to-many costs.</li>
 * </ul>
 * Back to back, a reply often comes within the waiter's spin and yield phases, so the default
 * wait rarely sleeps here; {@link RequestResponseBenchmark} measures the sleeping case.
 * {@link CpuShare} adds each side's CPU time. Sample mode gives the percentiles.
 * <pre>
 * java -jar bench/target/benchmarks.jar QueueOptionsRoundTripBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class QueueOptionsRoundTripBenchmark
{
    @Param({"MMIPC_QUEUE", "MMIPC_QUEUE_BUSY_SPIN", "MMIPC_QUEUE_ONE_TO_ONE"})
    public ExchangeContender contender;

    @Param({"64"})
    public int size;

    private ExchangeTrial trial;

    @Setup(Level.Trial)
    public void setup() throws Exception
    {
        trial = new ExchangeTrial(contender, size);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        trial.close();
    }

    @Benchmark
    @Contender(suite = "queue round trip {size} B back to back, by options, two JVMs", param = "contender",
        variants = {
            @Variant(value = "MMIPC_QUEUE", name = "mmipc Queue, many-to-many, default options",
                role = Contender.Role.MMIPC),
            @Variant(value = "MMIPC_QUEUE_BUSY_SPIN", name = "mmipc Queue, many-to-many, idle(busySpin())",
                role = Contender.Role.MMIPC),
            @Variant(value = "MMIPC_QUEUE_ONE_TO_ONE", name = "mmipc Queue, oneToOne(true), default options",
                role = Contender.Role.MMIPC)})
    @Spinning(threads = 2, note = "back to back both sides are busy: busySpin() spins, the default spins and yields")
    public long roundTrip(final CpuShare cpu) throws Exception
    {
        return trial.roundTrip();
    }
}
