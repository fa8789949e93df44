package io.mmipc.bench.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line of the queue diagnostics ({@link SendReceiveSplit}, {@link TwoThreadStream}):
 * every argument checked by name, so a wrong one is a message with the value and its bounds,
 * not a stack trace from deep in a run.
 */
final class DiagnosticArgs
{
    private static final long MAX_SECONDS = 3600;
    private static final List<Transport> RINGS =
        List.of(Transport.MMIPC_ZERO_COPY, Transport.MMIPC_CODEC, Transport.AGRONA_RAW);

    private final String usage;
    private final String[] args;

    /**
     * @param usage the program's usage line, repeated in every refusal.
     */
    DiagnosticArgs(final String usage, final String[] args, final int count)
    {
        this.usage = usage;
        this.args = args.clone();
        if (args.length != count)
        {
            throw refused(count + " arguments expected, got " + args.length);
        }
    }

    /**
     * @return argument {@code index}, a whole number from {@code min} to {@code max}.
     */
    int count(final int index, final String name, final int min, final int max)
    {
        final int value;
        try
        {
            value = Integer.parseInt(args[index]);
        }
        catch (final NumberFormatException ex)
        {
            throw refused(name + " must be a whole number, got \"" + args[index] + "\"");
        }
        if (value < min || value > max)
        {
            throw refused(name + " must be from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    /**
     * @return argument {@code index} in seconds (over 0, at most an hour), as nanoseconds.
     */
    long seconds(final int index, final String name)
    {
        final double value;
        try
        {
            value = Double.parseDouble(args[index]);
        }
        catch (final NumberFormatException ex)
        {
            throw refused(name + " must be a number of seconds, got \"" + args[index] + "\"");
        }
        if (!(value > 0 && value <= MAX_SECONDS))
        {
            throw refused(name + " must be over 0 and at most " + MAX_SECONDS + " seconds, got " + args[index]);
        }
        return (long)(value * 1e9);
    }

    /**
     * @return argument {@code index}: one or more ring {@link Transport} names, comma-separated.
     *         {@link Transport#OS_PIPE} is refused: a FIFO's open waits for its other side, which
     *         these programs open after it, in the same thread or after a latch. So are the
     *         uncounted contenders: counting is fixed once per JVM.
     */
    List<Transport> transports(final int index)
    {
        final List<Transport> transports = new ArrayList<>();
        for (final String name : args[index].split(",", -1))
        {
            final Transport transport;
            try
            {
                transport = Transport.valueOf(name.trim().toUpperCase(Locale.ROOT));
            }
            catch (final IllegalArgumentException ex)
            {
                throw refused("unknown transport \"" + name + "\"; rings: " + RINGS);
            }
            if (!transport.counting())
            {
                throw refused("transport " + transport + " turns counting off for its whole JVM, which these " +
                    "programs share between transports: run the JVM with -Dmmipc.counters=false instead");
            }
            if (!RINGS.contains(transport))
            {
                throw refused("transport " + transport + " is not a ring (its open blocks until the other side " +
                    "opens); rings: " + RINGS);
            }
            transports.add(transport);
        }
        return transports;
    }

    private IllegalArgumentException refused(final String detail)
    {
        return new IllegalArgumentException(detail + "\nusage: " + usage);
    }
}
