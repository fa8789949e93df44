package io.mmipc;

import io.mmipc.internal.owner.ProcessIdentity;

import java.time.Instant;
import java.util.Optional;

/**
 * A process as Python's {@code multiprocessing.current_process()} and {@code parent_process()} name
 * it: name and pid, plus the start time that tells it from a later process with the same pid.
 * {@link JvmProcess#currentProcess()} and {@link JvmProcess#parentProcess()} return one.
 *
 * @param name        the name given at launch ({@link JvmProcess#name(String)}), {@code "MainProcess"}
 *                    for a JVM that mmipc did not start.
 * @param pid         the operating system's process id.
 * @param startMillis when the process started, epoch milliseconds; 0 when the platform cannot tell.
 */
public record ProcessInfo(String name, long pid, long startMillis)
{
    /**
     * @return the start time, empty when the platform cannot tell it.
     */
    public Optional<Instant> startTime()
    {
        return startMillis == ProcessIdentity.UNKNOWN_START ? Optional.empty() :
            Optional.of(Instant.ofEpochMilli(startMillis));
    }

    /**
     * @return true while this very process runs (a zombie, or a later process with the same pid, is not it).
     */
    public boolean isAlive()
    {
        return ProcessIdentity.isAlive(pid, startMillis);
    }
}
