package io.mmipc.internal.owner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Optional;

/**
 * Process state and start time from Linux's {@code /proc/<pid>/stat}; {@link ProcessHandle} where
 * there is no {@code /proc}. One read answers both questions, and unlike {@code ProcessHandle}
 * it tells a zombie ({@code Z}) or a dying process ({@code X}) from a live one.
 * <p>
 * The start time is computed as the JDK computes {@code ProcessHandle.Info.startInstant()} on
 * Linux (boot time from {@code /proc/stat} plus start ticks), checked once against the JDK's own
 * value for this process, so files written by either way agree.
 */
final class ProcStat
{
    private static final Path PROC = Paths.get("/proc");
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux x86_64 and aarch64
    private static final long BOOT_MILLIS = bootMillis();
    /** False where /proc is missing or its start times disagree with the JDK's: the JDK decides then. */
    private static final boolean USABLE = checkUsable();

    private ProcStat()
    {
    }

    /**
     * @return the start time in epoch ms of the running, non-zombie process {@code pid}, or
     *         {@link ProcessIdentity#UNKNOWN_START} when it is gone or the platform cannot tell.
     */
    static long startMillisOf(final long pid)
    {
        if (USABLE)
        {
            final long[] stat = read(pid);
            return stat == null || stat[0] == 0 ? ProcessIdentity.UNKNOWN_START : stat[1];
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(h -> h.info().startInstant())
            .map(Instant::toEpochMilli).orElse(ProcessIdentity.UNKNOWN_START);
    }

    static boolean isAlive(final long pid, final long startMillis)
    {
        if (USABLE)
        {
            final long[] stat = read(pid);
            if (stat == null || stat[0] == 0)
            {
                return false;
            }
            return startMillis == ProcessIdentity.UNKNOWN_START || stat[1] == startMillis;
        }
        final Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive())
        {
            return false;
        }
        if (startMillis == ProcessIdentity.UNKNOWN_START)
        {
            return true;
        }
        final long actual = handle.get().info().startInstant().map(Instant::toEpochMilli)
            .orElse(ProcessIdentity.UNKNOWN_START);
        return actual == ProcessIdentity.UNKNOWN_START || actual == startMillis;
    }

    /**
     * @return {running (1) or not (0), start epoch ms}, or null when there is no such process.
     */
    static long[] read(final long pid)
    {
        final String line;
        try
        {
            line = new String(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("stat")),
                StandardCharsets.US_ASCII);
        }
        catch (final NoSuchFileException gone)
        {
            return null;
        }
        catch (final IOException | SecurityException ex)
        {
            return null; // vanished between the directory look-up and the read
        }
        return parse(line, BOOT_MILLIS);
    }

    /**
     * Parses one {@code stat} line. The command name (field 2) is in parentheses and may hold
     * spaces and parentheses itself, so fields are counted from the last {@code ')'}.
     */
    static long[] parse(final String line, final long bootMillis)
    {
        final int close = line.lastIndexOf(')');
        if (close < 0 || close + 2 >= line.length())
        {
            return null;
        }
        final String[] fields = line.substring(close + 2).trim().split(" ");
        if (fields.length < 20 || fields[0].isEmpty())
        {
            return null;
        }
        final char state = fields[0].charAt(0);
        final boolean running = state != 'Z' && state != 'X' && state != 'x';
        final long ticks;
        try
        {
            ticks = Long.parseLong(fields[19]); // field 22: start time in clock ticks after boot
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
        return new long[] {running ? 1 : 0, bootMillis + (ticks * 1000) / TICKS_PER_SECOND};
    }

    private static long bootMillis()
    {
        try
        {
            for (final String line : Files.readAllLines(PROC.resolve("stat"), StandardCharsets.US_ASCII))
            {
                if (line.startsWith("btime "))
                {
                    return Long.parseLong(line.substring(6).trim()) * 1000;
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // no /proc: the JDK decides
        }
        return -1;
    }

    private static boolean checkUsable()
    {
        if (BOOT_MILLIS < 0)
        {
            return false;
        }
        final long[] self = read(ProcessHandle.current().pid());
        final long jdk = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
        return self != null && self[0] == 1 && (jdk == -1 || jdk == self[1]);
    }

    static boolean usable()
    {
        return USABLE;
    }
}
