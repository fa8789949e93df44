package io.mmipc.internal.dir;

import java.time.Instant;
import java.util.Optional;

/**
 * A process as other processes can recognise it: pid plus start time in epoch milliseconds.
 * <p>
 * The start time guards against pid reuse: a pid that is alive but started at another time is
 * a different process. Linux derives the start time from boot time plus jiffies, so every JVM
 * reads the same value for the same process.
 */
public record ProcessIdentity(long pid, long startMillis)
{
    /** Start time recorded when the platform cannot tell it. Such a process is judged by its pid alone. */
    public static final long UNKNOWN_START = 0L;

    private static final ProcessIdentity CURRENT = of(ProcessHandle.current());

    public static ProcessIdentity current()
    {
        return CURRENT;
    }

    public static ProcessIdentity of(final ProcessHandle handle)
    {
        return new ProcessIdentity(handle.pid(), startMillisOf(handle));
    }

    /**
     * @return true when a process with this pid runs and started at the recorded time.
     */
    public boolean isAlive()
    {
        return isAlive(pid, startMillis);
    }

    public static boolean isAlive(final long pid, final long startMillis)
    {
        if (pid <= 0)
        {
            return false;
        }
        if (pid == CURRENT.pid)
        {
            return startMillis == UNKNOWN_START || startMillis == CURRENT.startMillis;
        }
        final Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive())
        {
            return false;
        }
        if (startMillis == UNKNOWN_START)
        {
            return true;
        }
        final long actual = startMillisOf(handle.get());
        return actual == UNKNOWN_START || actual == startMillis;
    }

    private static long startMillisOf(final ProcessHandle handle)
    {
        return handle.info().startInstant().map(Instant::toEpochMilli).orElse(UNKNOWN_START);
    }

    @Override
    public String toString()
    {
        return "pid " + pid + " (started " + (startMillis == UNKNOWN_START ? "?" : Instant.ofEpochMilli(startMillis)) + ")";
    }
}
