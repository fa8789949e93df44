package io.mmipc.bench.process;

import io.mmipc.JvmProcess;
import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.Spinning;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.internal.launch.ChildOutput;
import io.mmipc.internal.launch.JvmLauncher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What a child JVM costs: from {@code start()} to the end of a child that ran an empty task, beside
 * a bare JVM that runs an empty {@code main} (the floor: the JVM's own start-up) started the same way.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
@State(Scope.Benchmark)
public class StartupBenchmark
{
    /** An empty main: the JVM's own start and exit. */
    public static final class Empty
    {
        public static void main(final String[] args)
        {
        }
    }

    static void nothing()
    {
    }

    @Benchmark
    @Contender(suite = "child JVM start-up to first task done", name = "mmipc JvmProcess (empty task)",
        role = Contender.Role.MMIPC)
    @Spinning(threads = 0)
    public int processStartRunJoin() throws Exception
    {
        final JvmProcess p = JvmProcess.of(StartupBenchmark::nothing).start();
        p.join();
        return p.exitCode().getAsInt();
    }

    @Benchmark
    @Contender(suite = "child JVM start-up to first task done", name = "bare java (empty main, same launcher)", role = Contender.Role.REFERENCE)
    @Spinning(threads = 0)
    public int bareJvm() throws Exception
    {
        try (ChildJvm child = JvmLauncher.mainClass(Empty.class).output(ChildOutput.INHERIT).start())
        {
            return child.waitFor();
        }
    }
}
