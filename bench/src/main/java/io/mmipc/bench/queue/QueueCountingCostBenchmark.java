package io.mmipc.bench.queue;

import io.mmipc.IpcContext;
import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.Spinning;
import io.mmipc.bench.support.Variant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
 * What mmipc's live counters cost a message on the zero-copy one-to-one path, without the
 * scheduler's noise: one thread sends {@value #BATCH} 64-byte messages, then receives them all,
 * through the same queue file, counted and uncounted ({@code -Dmmipc.counters=false}), beside raw
 * Agrona's ring. Two JVMs on two cores ({@link QueueThroughputBenchmark}) land each fork in one of
 * two placements whose speeds differ by up to 2× on a small VM, far more than the 3% this must
 * resolve; here both sides run on one core, so what differs is the code on the path: the count
 * in a field, its publication every 64 messages, and everything else mmipc adds to Agrona.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class QueueCountingCostBenchmark
{
    static final int BATCH = 64;

    @Param({"MMIPC_ZERO_COPY", "MMIPC_ZERO_COPY_UNCOUNTED", "AGRONA_RAW"})
    public Transport transport;

    @Param({"64"})
    public int size;

    private IpcContext ctx;
    private Link sender;
    private Link receiver;

    @Setup(Level.Trial)
    public void setup() throws Exception
    {
        transport.applyCounting();
        ctx = IpcContext.create();
        final Path dir = ctx.directory();
        transport.prepare(dir, "cost", size);
        receiver = transport.open(dir, "cost", size, false);
        sender = transport.open(dir, "cost", size, true);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        try
        {
            receiver.received().checkIntact("QueueCountingCostBenchmark " + transport);
        }
        finally
        {
            sender.close();
            receiver.close();
            ctx.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    @Contender(suite = "send then receive {size} B in one thread, counters on and off", param = "transport",
        variants = {
            @Variant(value = "MMIPC_ZERO_COPY", name = "mmipc Queue, zero-copy, counted (default)",
                role = Contender.Role.MMIPC),
            @Variant(value = "MMIPC_ZERO_COPY_UNCOUNTED", name = "mmipc Queue, zero-copy, -Dmmipc.counters=false",
                role = Contender.Role.MMIPC),
            @Variant(value = "AGRONA_RAW", name = "Agrona OneToOneRingBuffer", role = Contender.Role.CEILING)})
    @Spinning(threads = 0, note = "one thread, never waits: the ring holds a whole batch")
    public int sendThenReceive()
    {
        for (int i = 0; i < BATCH; i++)
        {
            if (!sender.offer())
            {
                throw new IllegalStateException(transport + ": the ring refused message " + i + " of a batch");
            }
        }
        int received = 0;
        while (received < BATCH)
        {
            received += receiver.poll(BATCH - received);
        }
        return received;
    }
}
