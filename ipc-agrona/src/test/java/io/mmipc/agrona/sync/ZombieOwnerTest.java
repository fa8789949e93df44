package io.mmipc.agrona.sync;

import io.mmipc.IpcContext;
import io.mmipc.SharedLock;
import io.mmipc.test.Children;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A lock holder killed under a parent that does not reap it stays a zombie: still in
 * {@code /proc}, still "alive" to a check that only asks whether the pid exists. The next acquirer
 * must see it as dead and take the lock over. This is the normal case in containers whose PID 1
 * reaps slowly.
 */
@EnabledOnOs(OS.LINUX)
class ZombieOwnerTest
{
    private static final Duration START = Duration.ofSeconds(120);
    /** Generous for a loaded two-core machine; the takeover itself needs about ten milliseconds of polling. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path root;

    @Test
    @Timeout(180)
    void aLockHolderKilledUnderAParentThatDoesNotReapIsTakenOver() throws Exception
    {
        try (IpcContext ctx = IpcContext.create(root))
        {
            final SharedLock lock = ctx.lock("lock");
            final List<String> java = Children.launcher(SyncChild.class, "hold-lock", ctx.directory().toString(),
                "lock").command();
            final Path output = Files.createTempFile(root, "holder", ".out");
            // The holder's parent is `sh`, which becomes `sleep`: it never waits for its children.
            final Process sleep = new ProcessBuilder("sh", "-c", shellQuoted(java) + " & exec sleep 600")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try
            {
                final long deadline = System.nanoTime() + START.toNanos();
                while (!lock.isLocked())
                {
                    assertTrue(System.nanoTime() < deadline && sleep.isAlive(),
                        () -> "the holder did not take the lock within " + START + ":\n" + read(output));
                    TimeUnit.MILLISECONDS.sleep(10);
                }
                final long pid = lock.ownerPid();
                final ProcessHandle holder = ProcessHandle.of(pid).orElseThrow();
                assertEquals(sleep.pid(), holder.parent().map(ProcessHandle::pid).orElse(-1L),
                    "the holder's parent is the sleep that never reaps");
                assertFalse(lock.tryLock(50, TimeUnit.MILLISECONDS), "a live owner keeps its lock");

                holder.destroyForcibly(); // SIGKILL
                awaitZombie(pid);
                assertTrue(lock.isLocked(), "the dead holder's word is still there");

                assertTrue(lock.tryLock(BOUND.toMillis(), TimeUnit.MILLISECONDS),
                    "the zombie's lock is taken over within " + BOUND);
                assertTrue(lock.previousOwnerDied(), "and the new holder is told the owner died");
                assertEquals('Z', procState(pid), "the holder was still a zombie when its lock was taken over");
                lock.unlock();
                assertTrue(lock.tryLock());
                assertFalse(lock.previousOwnerDied(), "the next ordinary holder is not told again");
                lock.unlock();
            }
            finally
            {
                sleep.children().forEach(ProcessHandle::destroyForcibly); // a holder left running by a failure
                sleep.destroyForcibly(); // the zombie goes to init, which reaps it
                assertTrue(sleep.waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS));
            }
        }
    }

    private static void awaitZombie(final long pid) throws Exception
    {
        final long deadline = System.nanoTime() + BOUND.toNanos();
        char state;
        while ((state = procState(pid)) != 'Z')
        {
            assertTrue(System.nanoTime() < deadline, "pid " + pid + " did not become a zombie (state " + state + ")");
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    /**
     * @return the state letter of {@code /proc/<pid>/stat}, or '?' when there is none.
     */
    private static char procState(final long pid) throws IOException
    {
        try
        {
            final String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        }
        catch (final NoSuchFileException gone)
        {
            return '?';
        }
    }

    private static String shellQuoted(final List<String> command)
    {
        return command.stream().map(arg -> "'" + arg.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            return "(cannot read " + file + ": " + ex + ")";
        }
    }
}
