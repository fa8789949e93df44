package io.mmipc.chronicle;

import net.openhft.chronicle.core.time.TimeProvider;

import java.time.Clock;

/**
 * The queue's time source, which remembers the last time it gave. Chronicle reads the time once
 * per append, under the queue's write lock, to pick the roll cycle; the appender stamps the
 * message with that same reading ({@link LogMessageDescriptor}) instead of reading the clock a
 * second time (which costs a fifth of an append).
 * <p>
 * The field is plain: the appending thread reads its own write. Another thread of this process
 * that asks the queue for its cycle at the same moment may leave its own reading there, which is
 * as recent: a message's time is the time its append ran, to the millisecond.
 */
final class AppendClock implements TimeProvider
{
    private final Clock clock;
    private long last;

    /**
     * @param clock the clock to read, or null for {@link System#currentTimeMillis()}.
     */
    AppendClock(final Clock clock)
    {
        this.clock = clock;
    }

    @Override
    public long currentTimeMillis()
    {
        final long now = clock != null ? clock.millis() : System.currentTimeMillis();
        last = now;
        return now;
    }

    /**
     * @return the time last read, by the append in progress on this thread.
     */
    long lastMillis()
    {
        return last;
    }
}
