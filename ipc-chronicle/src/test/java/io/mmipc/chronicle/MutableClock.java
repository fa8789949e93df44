package io.mmipc.chronicle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand, to roll files without waiting. */
final class MutableClock extends Clock
{
    private final AtomicLong millis;

    MutableClock(final long startMillis)
    {
        millis = new AtomicLong(startMillis);
    }

    void advance(final Duration by)
    {
        millis.addAndGet(by.toMillis());
    }

    @Override
    public long millis()
    {
        return millis.get();
    }

    @Override
    public ZoneId getZone()
    {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone)
    {
        return this;
    }

    @Override
    public Instant instant()
    {
        return Instant.ofEpochMilli(millis());
    }
}
