package io.mmipc.examples;

import io.mmipc.examples.dict.UpdateSharedDict;
import io.mmipc.examples.pipe.PipeSenderReceiver;
import io.mmipc.examples.pool.ParallelMatrix;
import io.mmipc.examples.pool.PoolSquares;
import io.mmipc.examples.process.ThreeWorkers;
import io.mmipc.examples.queue.TaskAndResultQueues;
import io.mmipc.examples.sync.LockAndValue;
import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.internal.launch.ChildOutput;
import io.mmipc.internal.launch.JvmLauncher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The main job: a tour of the tutorials' programs, each running across real JVMs, then the
 * benchmark's quick mode with its ratio table. About a minute; it leaves no file and no process
 * behind.
 * <pre>
 * java -jar examples/target/mmipc-examples.jar              # the tour
 * java -jar examples/target/mmipc-examples.jar list         # every port
 * java -jar examples/target/mmipc-examples.jar QueueSquares # one port
 * </pre>
 * The benchmarks jar is looked for at {@code -Dmmipc.benchmarks.jar}, else at
 * {@code bench/target/benchmarks.jar} beside this jar's module.
 */
public final class Main
{
    /** System property naming the benchmarks jar. */
    public static final String BENCHMARKS_JAR = "mmipc.benchmarks.jar";

    @FunctionalInterface
    interface Program
    {
        void run(String[] args) throws Exception;
    }

    private Main()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length > 0)
        {
            if (args[0].equals("list") || args[0].equals("--help"))
            {
                Examples.list();
                return;
            }
            final Examples.Example example = Examples.find(args[0]);
            if (example == null)
            {
                System.err.println("no example named " + args[0]);
                Examples.list();
                System.exit(2);
            }
            Examples.run(example, java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        final long start = System.nanoTime();
        System.out.println("mmipc: Python's multiprocessing for JVMs, in shared memory. Every program below");
        System.out.println("starts real child JVMs; queues, pipes, values, locks and dicts live in mapped files.");

        section("Process: three workers start together and finish after two seconds", ThreeWorkers::main);
        section("Lock + Value: four workers increment a shared counter under a lock", LockAndValue::main);
        section("Queue: a task queue and a result queue shared by three workers", TaskAndResultQueues::main);
        section("Pipe: the receiver reads until end-of-stream, and stops (Python's hangs)",
            PipeSenderReceiver::main);
        section("Manager().dict() in shared memory: three processes fill one dict", UpdateSharedDict::main);
        section("Pool.map", PoolSquares::main);
        section("Pool: a 1000 x 1000 matrix computed in four worker JVMs", ParallelMatrix::main);
        section("Two JVMs, one mapped file: 100,000 requests answered", SharedMemoryDemo::main);

        final Path jar = benchmarksJar();
        if (jar == null)
        {
            System.out.println();
            System.out.println("(No benchmarks jar found: build it with 'mvn -B -q -DskipTests package', or name it with -D" +
                BENCHMARKS_JAR + "=..., to see the ratio table.)");
        }
        else
        {
            System.out.println();
            System.out.println("=== Benchmarks, quick mode: mmipc's Queue beside raw Agrona and an OS pipe with Java " +
                "serialization ===");
            runQuickBenchmarks(jar);
        }
        System.out.printf("%nDemo done in %.1f s.%n", (System.nanoTime() - start) / 1e9);
    }

    private static void section(final String title, final Program program) throws Exception
    {
        System.out.println();
        System.out.println("=== " + title + " ===");
        program.run(new String[0]);
    }

    /**
     * Runs the benchmarks jar's quick report in a child JVM whose temporary files (JMH's lock and
     * results) go to a directory removed afterwards.
     */
    private static void runQuickBenchmarks(final Path jar) throws IOException, InterruptedException
    {
        final Path tmp = Files.createTempDirectory("mmipc-demo-bench-");
        try (ChildJvm bench = JvmLauncher.mainClass("io.mmipc.bench.BenchMain")
            .classPath(jar.toString())
            .args("report", "--quick", "-jvmArgsAppend", "-Djava.io.tmpdir=" + tmp)
            .systemProperty("java.io.tmpdir", tmp.toString())
            .output(ChildOutput.INHERIT)
            .start())
        {
            final int code = bench.waitFor();
            if (code != 0)
            {
                System.out.println("(the benchmark run ended with exit code " + code + ")");
            }
        }
        finally
        {
            try (Stream<Path> files = Files.walk(tmp))
            {
                for (final Path p : files.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    static Path benchmarksJar()
    {
        final String configured = System.getProperty(BENCHMARKS_JAR);
        if (configured != null)
        {
            final Path path = Paths.get(configured);
            return Files.isRegularFile(path) ? path : null;
        }
        try
        {
            // examples/target/mmipc-examples.jar -> bench/target/benchmarks.jar
            final Path self = Paths.get(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            final Path candidate = self.getParent().getParent().getParent().resolve("bench/target/benchmarks.jar");
            if (Files.isRegularFile(candidate))
            {
                return candidate;
            }
        }
        catch (final Exception ignore)
        {
            // not run from the jar: try the working directory
        }
        final Path inWorkingDir = Paths.get("bench", "target", "benchmarks.jar");
        return Files.isRegularFile(inWorkingDir) ? inWorkingDir : null;
    }
}
