package io.mmipc.bench.wake;

import io.mmipc.IpcContext;
import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.PeerJvm;
import io.mmipc.bench.support.Spinning;
import io.mmipc.bench.support.Tally;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Many-to-one throughput: one or two producer JVMs ({@link FanInProducer}) send 64-byte messages
 * as fast as the channel takes them; the benchmark thread consumes, checksumming every byte. One
 * operation is one message received, so the score is the channel's delivery rate. Contenders:
 * mmipc's default many-to-many queue with default options (producers {@code put}, the consumer
 * polls with a timeout: both sleep in the kernel when they must wait) and Agrona's
 * {@code ManyToOneRingBuffer} over a mapped file, used directly and busy-spinning (the ceiling).
 * {@link CpuShare} reports the benchmark JVM's and the first producer's CPU time.
 * <pre>
 * java -jar bench/target/benchmarks.jar FanInThroughputBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class FanInThroughputBenchmark
{
    /** How long the consumer waits for one message before it asks whether the producers live. */
    private static final long RECEIVE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Param({"MMIPC_QUEUE", "AGRONA_MANY_TO_ONE"})
    public FanInContender contender;

    @Param({"1", "2"})
    public int producers;

    @Param({"64"})
    public int size;

    private IpcContext ctx;
    private final List<PeerJvm> peers = new ArrayList<>();
    private Tally tally;
    private FanInContender.Consumer consumer;

    @Setup(Level.Trial)
    public void setup() throws Exception
    {
        ctx = IpcContext.create();
        final Path dir = ctx.directory();
        try
        {
            contender.prepare(dir);
            for (int i = 0; i < producers; i++)
            {
                peers.add(PeerJvm.start(FanInProducer.class, contender.name(), dir.toString(), String.valueOf(size)));
            }
            tally = new Tally(size);
            consumer = contender.consumer(dir, tally);
        }
        catch (final Exception | Error ex)
        {
            stopAll();
            throw ex;
        }
        CpuShare.watch(contender.name() + " x" + producers + " (first producer)", peers.get(0).pid());
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        try
        {
            checkProducers();
            tally.checkIntact("FanInThroughputBenchmark over " + contender);
        }
        finally
        {
            stopAll();
        }
    }

    @Benchmark
    @Contender(suite = "many-to-one throughput {size} B, {producers} producer JVMs", param = "contender",
        variants = {
            @Variant(value = "MMIPC_QUEUE", name = "mmipc Queue, many-to-many, default options",
                role = Contender.Role.MMIPC),
            @Variant(value = "AGRONA_MANY_TO_ONE", name = "raw Agrona ManyToOneRingBuffer, busy-spin",
                role = Contender.Role.CEILING)})
    @Spinning(threads = 3, note = "while data flows the consumer and each producer are busy: 2 with one producer JVM, 3 with two")
    public long receive(final CpuShare cpu) throws Exception
    {
        while (!consumer.receive(RECEIVE_TIMEOUT_NANOS))
        {
            checkProducers();
        }
        return tally.sum();
    }

    private void checkProducers()
    {
        for (final PeerJvm peer : peers)
        {
            peer.checkAlive();
        }
    }

    private void stopAll()
    {
        try
        {
            for (final PeerJvm peer : peers)
            {
                peer.close();
            }
            peers.clear();
            if (consumer != null)
            {
                consumer.close();
            }
        }
        finally
        {
            ctx.close();
        }
    }
}
