package io.mmipc;

import java.time.Duration;

/**
 * How often a {@link DurableLog} starts a new file. Cycles are aligned to UTC; retention deletes
 * whole files, so the cycle is also the unit of retention.
 */
public enum LogRollCycle
{
    FIVE_MINUTELY(Duration.ofMinutes(5)),
    HOURLY(Duration.ofHours(1)),
    /** The default: one file a day. */
    DAILY(Duration.ofDays(1)),
    WEEKLY(Duration.ofDays(7));

    private final Duration length;

    LogRollCycle(final Duration length)
    {
        this.length = length;
    }

    public Duration length()
    {
        return length;
    }
}
