package io.mmipc.examples;

import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.internal.launch.ChildOutput;
import io.mmipc.internal.launch.JvmLauncher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The main job: a tour of the tutorials' programs, each running across real JVMs, then the
 * benchmark's quick mode with its ratio table. It leaves no file and no process behind.
 * <pre>
 * java -jar examples/target/mmipc-examples.jar              # the tour
 * java -jar examples/target/mmipc-examples.jar list         # every port
 * java -jar examples/target/mmipc-examples.jar QueueSquares # one port
 * java -jar examples/target/mmipc-examples.jar --help       # usage
 * </pre>
 * The benchmarks jar is looked for at {@code -Dmmipc.benchmarks.jar}, else at
 * {@code bench/target/benchmarks.jar} beside this jar's module.
 */
public final class Main
{
    /** System property naming the benchmarks jar. */
    public static final String BENCHMARKS_JAR = "mmipc.benchmarks.jar";
    /**
     * The option that makes the benchmarks jar's {@code report --quick} print one progress line per
     * benchmark and then only the ratio tables, instead of JMH's own output.
     */
    static final String BENCH_QUIET_FLAG = "--quiet";

    /** The ports the tour runs, in order: name (as in {@link Examples}) and what to watch for. */
    static final List<String[]> TOUR = List.of(
        new String[] {"ThreeWorkers", "three worker JVMs start together, end after 2 s"},
        new String[] {"LockAndValue", "four workers add to one counter under one lock"},
        new String[] {"TaskAndResultQueues", "three workers share a task and a result queue"},
        new String[] {"PipeSenderReceiver", "read until end-of-stream, then stop (Python's hangs)"},
        new String[] {"UpdateSharedDict", "Manager().dict() in shared memory, three writers"},
        new String[] {"PoolSquares", "Pool.map over three worker JVMs"},
        new String[] {"ParallelMatrix", "a 1000 x 1000 matrix computed by four worker JVMs"},
        new String[] {"SharedMemoryDemo", "two JVMs, one mapped file, 100,000 requests"});

    static final String USAGE = String.join(System.lineSeparator(),
        "usage: java -jar mmipc-examples.jar [list | NAME [ARGS...] | -h | --help]",
        "",
        "  (no argument)  the tour: " + TOUR.size() + " ports of Python's multiprocessing",
        "                 tutorials, each across real JVMs, then the benchmarks'",
        "                 quick mode (mmipc's Queue beside raw Agrona and an OS pipe);",
        "                 nothing is left behind",
        "  list           every port, with the tutorial (seed) it comes from",
        "  NAME [ARGS]    run one port, for example LockAndValue",
        "  NAME --help    what that port does, without running it",
        "  -h, --help     this help");

    private Main()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length > 0)
        {
            final int code = command(args, System.out, System.err);
            if (code != 0)
            {
                System.exit(code);
            }
            return;
        }
        tour();
    }

    static boolean isHelp(final String arg)
    {
        return arg.equals("-h") || arg.equals("--help") || arg.equals("help");
    }

    /**
     * Answers help and list, or runs one port.
     *
     * @return the exit code: 0, or 2 for an unknown name.
     */
    static int command(final String[] args, final PrintStream out, final PrintStream err) throws Exception
    {
        if (isHelp(args[0]))
        {
            out.println(USAGE);
            return 0;
        }
        if (args[0].equals("list"))
        {
            Examples.list(out);
            return 0;
        }
        final Examples.Example example = Examples.find(args[0]);
        if (example == null)
        {
            err.println("no example named " + args[0]);
            err.println(USAGE);
            return 2;
        }
        if (args.length > 1 && isHelp(args[1]))
        {
            out.println(example.name() + ": " + example.what() + " (seed " + example.seed() + ", " +
                example.main().getName() + ")");
            out.println("usage: java -jar mmipc-examples.jar " + example.name());
            return 0;
        }
        Examples.run(example, Arrays.copyOfRange(args, 1, args.length));
        return 0;
    }

    private static void tour() throws Exception
    {
        final long start = System.nanoTime();
        System.out.println("mmipc: Python's multiprocessing for JVMs, in shared memory.");
        System.out.println("Each program below starts real child JVMs; queues, pipes, values,");
        System.out.println("locks and dicts live in mapped files. (--help for the options)");
        for (int i = 0; i < TOUR.size(); i++)
        {
            final Examples.Example example = Examples.find(TOUR.get(i)[0]);
            System.out.println();
            System.out.println("== " + (i + 1) + "/" + TOUR.size() + " " + example.name() + ": " + TOUR.get(i)[1]);
            Examples.run(example, new String[0]);
        }
        System.out.printf("%n(the ports took %.1f s)%n", (System.nanoTime() - start) / 1e9);

        final Path jar = benchmarksJar();
        if (jar == null)
        {
            System.out.println();
            System.out.println("(No benchmarks jar found: build it with 'mvn -B -q -DskipTests package',");
            System.out.println(" or name it with -D" + BENCHMARKS_JAR + "=..., to see the ratio table.)");
        }
        else
        {
            System.out.println();
            System.out.println("== Benchmarks, quick mode: mmipc's Queue beside raw Agrona and an OS pipe");
            System.out.println("   carrying Java-serialized objects, as ratios");
            runQuickBenchmarks(jar);
        }
        System.out.printf("%nDemo done in %.1f s.%n", (System.nanoTime() - start) / 1e9);
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
            .args(benchArgs())
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

    /**
     * @return the benchmark child's arguments. Its JMH forks inherit its {@code -Djava.io.tmpdir}
     *         (JMH passes a host's JVM options on), so it is not appended again.
     */
    static List<String> benchArgs()
    {
        final List<String> args = new ArrayList<>(List.of("report", "--quick"));
        if (BENCH_QUIET_FLAG != null)
        {
            args.add(BENCH_QUIET_FLAG);
        }
        return args;
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
