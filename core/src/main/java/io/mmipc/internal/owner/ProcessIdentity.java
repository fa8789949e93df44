package io.mmipc.internal.owner;

import java.time.Instant;

/**
 * A process as every process on the host recognises it: pid plus start time in epoch
 * milliseconds. The one encoding of "who" in mmipc: shared files name processes through it
 * (directly in headers and markers, through a {@link ParticipantRegistry} token in 64-bit owner
 * words), and {@link #isAlive()} is the one liveness check.
 * <p>
 * The start time guards against pid reuse: a pid that runs but started at another time is a
 * different process. A zombie (exited, not yet reaped by its parent) is dead, although
 * {@link ProcessHandle#isAlive()} says otherwise: on Linux the state is read from
 * {@code /proc/<pid>/stat} ({@link ProcStat}). In containers whose PID 1 reaps slowly every dead
 * process is a zombie for a while, so this is the normal case there, not a corner.
 */
public record ProcessIdentity(long pid, long startMillis)
{
    /** Start time recorded when the platform cannot tell it. Such a process is judged by its pid alone. */
    public static final long UNKNOWN_START = 0L;

    private static final ProcessIdentity CURRENT = new ProcessIdentity(ProcessHandle.current().pid(),
        ProcStat.startMillisOf(ProcessHandle.current().pid()));

    public static ProcessIdentity current()
    {
        return CURRENT;
    }

    /**
     * @return the identity of the running process {@code pid}, with {@link #UNKNOWN_START} when it is gone.
     */
    public static ProcessIdentity of(final long pid)
    {
        return new ProcessIdentity(pid, ProcStat.startMillisOf(pid));
    }

    public static ProcessIdentity of(final ProcessHandle handle)
    {
        return of(handle.pid());
    }

    /**
     * @return true when a process with this pid runs (is not a zombie) and started at the recorded time.
     */
    public boolean isAlive()
    {
        return isAlive(pid, startMillis);
    }

    /**
     * The liveness check of the whole code base.
     *
     * @param startMillis the recorded start time, or {@link #UNKNOWN_START} to judge by the pid alone.
     * @return true when {@code pid} runs, is not a zombie and, when a start time is given, started then.
     */
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
        return ProcStat.isAlive(pid, startMillis);
    }

    @Override
    public String toString()
    {
        return "pid " + pid + " (started " + (startMillis == UNKNOWN_START ? "?" : Instant.ofEpochMilli(startMillis)) + ")";
    }
}
