package io.mmipc.internal.wait;

import java.util.concurrent.TimeUnit;

/**
 * Two sides exchanging numbered requests and replies through {@link WakeFile}, every wait
 * bounded: the first wait of a side also covers the other side's start. A wait that ends only at
 * its deadline is a failure even when the data is there then: with sleeps that only a wake-up or
 * the deadline ends, that is a lost wake-up.
 */
final class PingPong
{
    static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);
    static final long FIRST_WAIT_NANOS = TimeUnit.SECONDS.toNanos(120);
    /** A check period that never cuts a sleep short: the sleeps here end by wake-ups alone. */
    static final long NO_CHECKS = TimeUnit.HOURS.toNanos(1);

    private PingPong()
    {
    }

    /**
     * Sends requests 1..rounds, each after the reply to the one before.
     *
     * @return null, or what went wrong.
     */
    static String ping(final WakeFile file, final Waiter waiter, final int rounds)
    {
        for (long round = 1; round <= rounds; round++)
        {
            file.putPingData(round);
            file.ping.signal();
            final long expected = WakeFile.reply(round);
            waiter.begin(round == 1 ? FIRST_WAIT_NANOS : WAIT_NANOS, false, NO_CHECKS, file.pong);
            try
            {
                long got;
                while ((got = file.pongData()) != expected)
                {
                    if (got != WakeFile.reply(round - 1) && !(round == 1 && got == 0))
                    {
                        return "ping: round " + round + " read reply " + got + ", expected " + expected;
                    }
                    if (waiter.idle() == Waiter.TIMED_OUT)
                    {
                        return "ping: no reply to round " + round + " (a lost wake-up?) " + file.pong;
                    }
                }
                if (waiter.remainingNanos() <= 0)
                {
                    return "ping: the reply to round " + round + " was seen only at the deadline (a lost wake-up) " +
                        file.pong;
                }
            }
            finally
            {
                waiter.end();
            }
        }
        return null;
    }

    /**
     * Replies to requests 1..rounds.
     *
     * @return null, or what went wrong.
     */
    static String pong(final WakeFile file, final Waiter waiter, final int rounds)
    {
        for (long round = 1; round <= rounds; round++)
        {
            waiter.begin(round == 1 ? FIRST_WAIT_NANOS : WAIT_NANOS, false, NO_CHECKS, file.ping);
            try
            {
                long got;
                while ((got = file.pingData()) != round)
                {
                    if (got != round - 1)
                    {
                        return "pong: round " + round + " read request " + got;
                    }
                    if (waiter.idle() == Waiter.TIMED_OUT)
                    {
                        return "pong: no request " + round + " (a lost wake-up?) " + file.ping;
                    }
                }
                if (waiter.remainingNanos() <= 0)
                {
                    return "pong: request " + round + " was seen only at the deadline (a lost wake-up) " + file.ping;
                }
            }
            finally
            {
                waiter.end();
            }
            file.putPongData(WakeFile.reply(round));
            file.pong.signal();
        }
        return null;
    }
}
