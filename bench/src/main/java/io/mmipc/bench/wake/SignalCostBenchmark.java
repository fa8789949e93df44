package io.mmipc.bench.wake;

import io.mmipc.IpcContext;
import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.Spinning;
import io.mmipc.internal.file.SharedFile;
import io.mmipc.internal.wait.WakeWord;
import org.agrona.concurrent.AtomicBuffer;
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

import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

import static io.mmipc.bench.wake.WakeFileDescriptor.REPLY_OFFSET;
import static io.mmipc.bench.wake.WakeFileDescriptor.REQUEST_WORD_OFFSET;

/**
 * What a publisher pays for wake-ups when nobody sleeps: a release store of a position (how a
 * ring publishes) alone, and followed by {@link WakeWord#signal()} (one atomic add, no system
 * call). The difference is what wiring a wake word adds to each publication of a busy channel,
 * or to each batch when a channel signals once per batch. A full fence after the store is the
 * floor of any wake protocol that loses no wake-up (the publisher must order its store before its
 * look at the sleepers: store-load), so it is measured too.
 * <pre>
 * java -jar bench/target/benchmarks.jar SignalCostBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SignalCostBenchmark
{
    private IpcContext ctx;
    private SharedFile file;
    private AtomicBuffer body;
    private WakeWord word;
    private long position;

    @Setup(Level.Trial)
    public void setup() throws Exception
    {
        ctx = IpcContext.create();
        file = WordLink.open(ctx.directory());
        body = file.body();
        word = WakeWord.of(body, REQUEST_WORD_OFFSET);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        if (word.wakeCount() != 0)
        {
            throw new IllegalStateException("a signal with nobody asleep made a system call: " + word);
        }
        file.close();
        ctx.close();
    }

    @Benchmark
    @Contender(suite = "publish cost with nobody asleep, one thread", name = "release store of a position",
        role = Contender.Role.REFERENCE)
    @Spinning(threads = 1, note = "the benchmark thread")
    public long releaseStore()
    {
        body.putLongRelease(REPLY_OFFSET, ++position);
        return position;
    }

    @Benchmark
    @Contender(suite = "publish cost with nobody asleep, one thread", name = "release store, then a full fence",
        role = Contender.Role.REFERENCE)
    @Spinning(threads = 1, note = "the benchmark thread")
    public long releaseStoreAndFullFence()
    {
        body.putLongRelease(REPLY_OFFSET, ++position);
        VarHandle.fullFence();
        return position;
    }

    @Benchmark
    @Contender(suite = "publish cost with nobody asleep, one thread", name = "release store, then WakeWord.signal()",
        role = Contender.Role.MMIPC)
    @Spinning(threads = 1, note = "the benchmark thread")
    public long releaseStoreAndSignal()
    {
        body.putLongRelease(REPLY_OFFSET, ++position);
        word.signal();
        return position;
    }
}
