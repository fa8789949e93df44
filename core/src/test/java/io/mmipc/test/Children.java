package io.mmipc.test;

import io.mmipc.internal.launch.ChildJvm;
import io.mmipc.internal.launch.ChildOutput;
import io.mmipc.internal.launch.JvmLauncher;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Starts child JVMs for tests and waits on them with deadlines.
 */
public final class Children
{
    /** Small, quick-starting children: this machine has two cores. */
    public static final List<String> QUICK_JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m");

    private Children()
    {
    }

    public static JvmLauncher launcher(final Class<?> main, final String... args)
    {
        return JvmLauncher.mainClass(main).args(args).jvmOptions(QUICK_JVM).output(ChildOutput.CAPTURE);
    }

    public static ChildJvm start(final Class<?> main, final String... args) throws IOException
    {
        return launcher(main, args).start();
    }

    /**
     * Runs a child to its end and checks it exited with 0.
     *
     * @return its stdout.
     */
    public static String run(final Duration timeout, final Class<?> main, final String... args)
        throws IOException, InterruptedException
    {
        try (ChildJvm child = start(main, args))
        {
            return finish(child, timeout);
        }
    }

    /**
     * Waits for {@code child} to end with exit code 0.
     *
     * @return its stdout.
     */
    public static String finish(final ChildJvm child, final Duration timeout) throws InterruptedException
    {
        if (!child.waitFor(timeout))
        {
            child.kill();
            fail(child + " did not finish within " + timeout + "\nstdout:\n" + child.stdout() +
                "\nstderr:\n" + child.stderr());
        }
        assertEquals(0, child.exitCode().getAsInt(),
            () -> child + " failed\nstdout:\n" + child.stdout() + "\nstderr:\n" + child.stderr());
        return child.stdout();
    }

    /**
     * Waits until the child has printed a line starting with {@code prefix}.
     *
     * @return the rest of that line.
     */
    public static String awaitLine(final ChildJvm child, final String prefix, final Duration timeout)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline)
        {
            for (final String line : child.stdout().split("\n"))
            {
                if (line.startsWith(prefix))
                {
                    return line.substring(prefix.length());
                }
            }
            if (!child.isAlive() && !child.stdout().contains(prefix))
            {
                child.waitFor(Duration.ofSeconds(5));
                fail(child + " ended before printing \"" + prefix + "\"\nstdout:\n" + child.stdout() +
                    "\nstderr:\n" + child.stderr());
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        fail(child + " did not print \"" + prefix + "\" within " + timeout + "\nstdout:\n" + child.stdout() +
            "\nstderr:\n" + child.stderr());
        return null;
    }

    /**
     * Polls {@code condition} until it holds or the deadline passes.
     */
    public static void await(final String what, final Duration timeout, final BooleanSupplier condition)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out after " + timeout + " waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
