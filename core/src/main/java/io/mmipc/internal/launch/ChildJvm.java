package io.mmipc.internal.launch;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by {@link JvmLauncher}. Closing it kills the child if it still runs.
 * <p>
 * When this JVM shuts down normally, children that were not started to outlive it are terminated
 * by a shutdown hook, and their own parent watch ends any that are left when this JVM is killed.
 */
public final class ChildJvm implements AutoCloseable
{
    private static final Set<ChildJvm> LIVE = ConcurrentHashMap.newKeySet();

    static
    {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildJvm::terminateLiveChildren, "mmipc-children-shutdown"));
    }

    private final String name;
    private final Process process;
    private final boolean outliveParent;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stdoutPump;
    private final Thread stderrPump;

    ChildJvm(final String name, final Process process, final ChildOutput output, final boolean outliveParent)
    {
        this.name = name;
        this.process = process;
        this.outliveParent = outliveParent;
        this.stdoutPump = output.pump("mmipc-out-" + name, process.getInputStream(), System.out, stdout);
        this.stderrPump = output.pump("mmipc-err-" + name, process.getErrorStream(), System.err, stderr);
        if (!outliveParent)
        {
            LIVE.add(this);
            process.onExit().thenRun(() -> LIVE.remove(this));
        }
    }

    public String name()
    {
        return name;
    }

    public long pid()
    {
        return process.pid();
    }

    public Process process()
    {
        return process;
    }

    public boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * @return the exit code, or empty while the child runs.
     */
    public OptionalInt exitCode()
    {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /**
     * Waits for the child to end and for its captured output to be read in full.
     *
     * @return the exit code.
     */
    public int waitFor() throws InterruptedException
    {
        final int code = process.waitFor();
        joinPumps();
        return code;
    }

    /**
     * @return true when the child ended within {@code timeout}.
     */
    public boolean waitFor(final Duration timeout) throws InterruptedException
    {
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS))
        {
            return false;
        }
        joinPumps();
        return true;
    }

    /**
     * Asks the child to stop (SIGTERM): its shutdown hooks run, and what they print still arrives.
     */
    public void terminate()
    {
        // Through the handle: Process.destroy() would also close our ends of the child's output
        // pipes, and whatever its shutdown hooks print would be lost.
        process.toHandle().destroy();
    }

    /**
     * Kills the child (SIGKILL): nothing of it runs any more; what it wrote before is still read.
     */
    public void kill()
    {
        process.toHandle().destroyForcibly();
    }

    /**
     * @return what the child wrote to stdout, when its output is captured.
     */
    public String stdout()
    {
        return stdout.toString();
    }

    /**
     * @return what the child wrote to stderr, when its output is captured.
     */
    public String stderr()
    {
        return stderr.toString();
    }

    /**
     * Kills the child if it still runs and waits for it to go.
     */
    @Override
    public void close()
    {
        if (process.isAlive())
        {
            process.destroyForcibly();
        }
        try
        {
            process.waitFor(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(this);
    }

    @Override
    public String toString()
    {
        return "child JVM " + name + " (pid " + process.pid() + (process.isAlive() ? ", running)" :
            ", exit " + process.exitValue() + ")");
    }

    private void joinPumps() throws InterruptedException
    {
        if (stdoutPump != null)
        {
            stdoutPump.join(5_000);
        }
        if (stderrPump != null)
        {
            stderrPump.join(5_000);
        }
    }

    private static void terminateLiveChildren()
    {
        for (final ChildJvm child : LIVE)
        {
            if (!child.outliveParent)
            {
                child.process.destroy();
            }
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (final ChildJvm child : LIVE)
        {
            try
            {
                final long left = deadline - System.nanoTime();
                if (left <= 0 || !child.process.waitFor(left, TimeUnit.NANOSECONDS))
                {
                    child.process.destroyForcibly();
                }
            }
            catch (final InterruptedException ex)
            {
                child.process.destroyForcibly();
            }
        }
    }
}
