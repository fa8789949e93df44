package io.mmipc.internal.owner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The one liveness check: a process is alive while it runs under the pid and start time recorded
 * for it; a zombie (still in {@code /proc}, state {@code Z}) is dead.
 */
@Timeout(60)
class ProcessIdentityTest
{
    @Test
    void thisProcessIsAliveUnderItsStartTimeAndNoOtherOne()
    {
        final ProcessIdentity self = ProcessIdentity.current();
        assertEquals(ProcessHandle.current().pid(), self.pid());
        assertTrue(self.isAlive());
        assertTrue(ProcessIdentity.isAlive(self.pid(), ProcessIdentity.UNKNOWN_START));
        assertFalse(ProcessIdentity.isAlive(self.pid(), self.startMillis() - 1000), "an earlier process with this pid");
        assertFalse(ProcessIdentity.isAlive(0, ProcessIdentity.UNKNOWN_START));
        assertFalse(ProcessIdentity.isAlive(-5, ProcessIdentity.UNKNOWN_START));
    }

    @Test
    void aReapedProcessIsDead() throws Exception
    {
        final Process process = new ProcessBuilder("sleep", "30").start();
        try
        {
            final ProcessIdentity running = ProcessIdentity.of(process.pid());
            assertTrue(running.isAlive());
            assertNotEquals(ProcessIdentity.UNKNOWN_START, running.startMillis());
            process.destroyForcibly();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS));
            assertFalse(running.isAlive());
        }
        finally
        {
            process.destroyForcibly();
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aZombieIsDead() throws Exception
    {
        // The short sleep exits after sh has exec'd the long one, which never reaps: it stays a zombie.
        // (A child that exits before the exec may be reaped by sh itself.)
        final Process parent = new ProcessBuilder("sh", "-c", "sleep 1 & echo $!; exec sleep 60").start();
        try
        {
            final long pid;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.US_ASCII)))
            {
                pid = Long.parseLong(out.readLine().trim());
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (procState(pid) != 'Z')
            {
                assertTrue(System.nanoTime() < deadline, "pid " + pid + " did not become a zombie: " + procState(pid));
                Thread.sleep(5); // polling the kernel's view, with a deadline
            }
            assertFalse(ProcessIdentity.isAlive(pid, ProcessIdentity.UNKNOWN_START));
            assertEquals(ProcessIdentity.UNKNOWN_START, ProcessIdentity.of(pid).startMillis());
        }
        finally
        {
            parent.destroyForcibly(); // the zombie goes to init, which reaps it
            assertTrue(parent.waitFor(20, TimeUnit.SECONDS));
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
}
