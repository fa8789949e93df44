package io.mmipc.bench.list;

import io.mmipc.IpcContext;
import io.mmipc.ListOptions;
import io.mmipc.SharedList;
import io.mmipc.bench.support.Contender;
import io.mmipc.bench.support.Spinning;
import io.mmipc.codec.Codecs;
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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code Manager().list()} from one process: {@code append} of a 32-byte string (the list
 * is cleared every {@value #ELEMENTS} appends, in every contender) and {@code get(i)} of one of
 * {@value #ELEMENTS} such strings, on the mmipc list, on a synchronized {@link ArrayList} in this
 * JVM, and on a server-owned list reached by Java-serialized requests over OS pipes (what a
 * manager's proxy does: every call a round trip to the server process). Only the get suite is in
 * the quick mode, to keep the demo short.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ListBenchmark
{
    static final String APPEND = "list append, 32 B strings";
    static final String GET = "list get(i), 32 B strings";
    static final int ELEMENTS = 1024;
    static final String[] VALUE = new String[ELEMENTS];

    static
    {
        for (int i = 0; i < ELEMENTS; i++)
        {
            VALUE[i] = String.format("value-%026d", (long)i * 7919);
        }
    }

    /**
     * @return the index after {@code i}: a stride that visits every element.
     */
    static int next(final int i)
    {
        return (i + 389) & (ELEMENTS - 1);
    }

    /** The mmipc list, filled, opened by the benchmark thread; appends go to a second one. */
    @State(Scope.Thread)
    public static class Mmipc
    {
        IpcContext ctx;
        SharedList<String> filled;
        SharedList<String> appended;
        int i;

        @Setup(Level.Trial)
        public void setup()
        {
            ctx = IpcContext.create();
            final ListOptions options = ListOptions.defaults().maxElements(ELEMENTS).dataBytes(ELEMENTS * 128L);
            filled = ctx.list("bench-filled", Codecs.utf8(), options);
            filled.extend(List.of(VALUE));
            appended = ctx.list("bench-appended", Codecs.utf8(), options);
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            ctx.close();
        }
    }

    /** Synchronized {@link ArrayList}s, as several threads of one JVM would share them. */
    @State(Scope.Thread)
    public static class Jdk
    {
        final List<String> filled = Collections.synchronizedList(new ArrayList<>(List.of(VALUE)));
        final List<String> appended = Collections.synchronizedList(new ArrayList<>());
        int i;
    }

    /** The pipe lists: one server JVM each, two FIFOs each. */
    @State(Scope.Thread)
    public static class Pipe
    {
        PipeList filled;
        PipeList appended;
        int i;

        @Setup(Level.Trial)
        public void setup() throws Exception
        {
            filled = PipeList.startServer();
            for (final String value : VALUE)
            {
                filled.append(value);
            }
            appended = PipeList.startServer();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception
        {
            filled.close();
            appended.close();
        }
    }

    @Benchmark
    @Contender(suite = APPEND, name = "mmipc list, one process", role = Contender.Role.MMIPC)
    @Spinning(threads = 1, note = "the benchmark thread")
    public void mmipcAppend(final Mmipc s)
    {
        s.i = next(s.i);
        if (s.i == 0)
        {
            s.appended.clear();
        }
        s.appended.add(VALUE[s.i]);
    }

    @Benchmark
    @Contender(suite = APPEND, name = "synchronized ArrayList, one JVM", role = Contender.Role.REFERENCE)
    @Spinning(threads = 1, note = "the benchmark thread")
    public void jdkAppend(final Jdk s)
    {
        s.i = next(s.i);
        if (s.i == 0)
        {
            s.appended.clear();
        }
        s.appended.add(VALUE[s.i]);
    }

    @Benchmark
    @Contender(suite = APPEND, name = "Manager-style list: server JVM, serialized requests over pipes",
        role = Contender.Role.BASELINE)
    @Spinning(threads = 0, note = "client and server block in the kernel in turn")
    public void pipeAppend(final Pipe s) throws Exception
    {
        s.i = next(s.i);
        if (s.i == 0)
        {
            s.appended.clear();
        }
        s.appended.append(VALUE[s.i]);
    }

    @Benchmark
    @Contender(suite = GET, name = "mmipc list, one process", role = Contender.Role.MMIPC, quick = true)
    @Spinning(threads = 1, note = "the benchmark thread")
    public String mmipcGet(final Mmipc s)
    {
        s.i = next(s.i);
        return s.filled.get(s.i);
    }

    @Benchmark
    @Contender(suite = GET, name = "synchronized ArrayList, one JVM", role = Contender.Role.REFERENCE)
    @Spinning(threads = 1, note = "the benchmark thread")
    public String jdkGet(final Jdk s)
    {
        s.i = next(s.i);
        return s.filled.get(s.i);
    }

    @Benchmark
    @Contender(suite = GET, name = "Manager-style list: server JVM, serialized requests over pipes",
        role = Contender.Role.BASELINE, quick = true)
    @Spinning(threads = 0, note = "client and server block in the kernel in turn")
    public Object pipeGet(final Pipe s) throws Exception
    {
        s.i = next(s.i);
        return s.filled.get(s.i);
    }
}
