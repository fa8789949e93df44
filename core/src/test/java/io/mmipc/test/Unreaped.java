package io.mmipc.test;

import io.mmipc.internal.launch.JvmLauncher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A JVM whose parent never reaps it: the launcher's command runs under
 * {@code sh -c 'java … & exec sleep 600'}, so its parent is {@code sleep}, which never waits for
 * children. Killed, the JVM stays a zombie until {@link #close()}: the state in which
 * {@link ProcessHandle#isAlive()} calls a dead process alive, and the normal state of every dead
 * process in a container whose PID 1 reaps slowly. Its stdout and stderr, and those of the JVMs it
 * starts with inherited output, go to files.
 */
public final class Unreaped implements AutoCloseable
{
    private static final String SCRIPT = "\"$@\" & echo $! > \"$0\"; exec sleep 600";

    private final Process sleeper;
    private final long pid;
    private final Path stdout;
    private final Path stderr;

    private Unreaped(final Process sleeper, final long pid, final Path stdout, final Path stderr)
    {
        this.sleeper = sleeper;
        this.pid = pid;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code launcher}'s command under a parent that never reaps it.
     *
     * @param dir where the pid and output files go (a test's own temporary directory).
     */
    public static Unreaped start(final JvmLauncher launcher, final Path dir) throws IOException, InterruptedException
    {
        final Path pidFile = Files.createTempFile(dir, "unreaped", ".pid");
        final Path out = Files.createTempFile(dir, "unreaped", ".out");
        final Path err = Files.createTempFile(dir, "unreaped", ".err");
        final List<String> command = new ArrayList<>(List.of("sh", "-c", SCRIPT, pidFile.toString()));
        command.addAll(launcher.command());
        final Process sleeper = new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(Paths.get("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String pid = "";
        while (!pid.endsWith("\n"))
        {
            if (System.nanoTime() - deadline > 0 || !sleeper.isAlive())
            {
                sleeper.destroyForcibly();
                fail("the shell did not report the pid of " + command + " (shell alive: " + sleeper.isAlive() + ")");
            }
            TimeUnit.MILLISECONDS.sleep(10);
            pid = Files.readString(pidFile);
        }
        return new Unreaped(sleeper, Long.parseLong(pid.trim()), out, err);
    }

    /**
     * @return the pid of the JVM (not of its parent).
     */
    public long pid()
    {
        return pid;
    }

    /**
     * Kills the JVM (SIGKILL); it stays a zombie.
     */
    public void kill()
    {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /**
     * @return the state letter of {@code /proc/<pid>/stat} ({@code 'Z'}: zombie), or 0 when there is no such process.
     */
    public static char state(final long pid)
    {
        try
        {
            final String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            return stat.charAt(stat.lastIndexOf(')') + 2);
        }
        catch (final NoSuchFileException gone)
        {
            return 0;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read the state of pid " + pid, ex);
        }
    }

    public boolean isZombie()
    {
        return state(pid) == 'Z';
    }

    public String stdout() throws IOException
    {
        return Files.readString(stdout);
    }

    public String stderr() throws IOException
    {
        return Files.readString(stderr);
    }

    /**
     * Waits until the JVM (or a JVM it started with inherited output) has printed a line starting with {@code prefix}.
     *
     * @return the rest of that line.
     */
    public String awaitLine(final String prefix, final Duration timeout) throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0)
        {
            for (final String line : stdout().split("\n"))
            {
                if (line.startsWith(prefix))
                {
                    return line.substring(prefix.length());
                }
            }
            if (state(pid) == 0 || isZombie())
            {
                fail("pid " + pid + " ended before printing \"" + prefix + "\"\nstdout:\n" + stdout() + "\nstderr:\n" +
                    stderr());
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        fail("pid " + pid + " did not print \"" + prefix + "\" within " + timeout + "\nstdout:\n" + stdout() +
            "\nstderr:\n" + stderr());
        return null;
    }

    /**
     * Kills the JVM if it still runs and ends its parent, so that init reaps the zombie.
     */
    @Override
    public void close() throws InterruptedException
    {
        kill();
        sleeper.destroyForcibly();
        if (!sleeper.waitFor(30, TimeUnit.SECONDS))
        {
            fail("the parent of pid " + pid + " (pid " + sleeper.pid() + ") did not end");
        }
    }
}
