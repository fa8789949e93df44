package io.mmipc.bench.queue;

import io.mmipc.IpcContext;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Not a JMH benchmark: a diagnostic for the per-message cost of each side of a one-to-one ring,
 * without cross-core traffic. One thread sends {@code batch} messages of 64 B, then receives them,
 * timing the two halves apart; each round runs every transport named for {@code seconds} (the
 * first third warms up), alternating in one JVM so that a drift of the machine hits all alike. JMH's
 * {@link QueueCountingCostBenchmark} runs the same loop with one contender per fork.
 * <pre>
 * java -cp bench/target/benchmarks.jar io.mmipc.bench.queue.SendReceiveSplit 9 1 64 AGRONA_RAW,MMIPC_ZERO_COPY
 * </pre>
 * Add {@code -Dmmipc.counters=false} to the JVM for the uncounted queue.
 */
public final class SendReceiveSplit
{
    private static final int SIZE = 64;

    private SendReceiveSplit()
    {
    }

    /**
     * @param args rounds, seconds per transport and round, batch, comma-separated {@link Transport}s.
     */
    public static void main(final String[] args) throws Exception
    {
        final int rounds = Integer.parseInt(args[0]);
        final long nanos = (long)(Double.parseDouble(args[1]) * 1e9);
        final int batch = Integer.parseInt(args[2]);
        final String[] names = args[3].split(",");
        final double[][][] results = new double[names.length][3][rounds]; // total, send, receive
        for (int r = 0; r < rounds; r++)
        {
            final StringBuilder line = new StringBuilder("round " + (r + 1));
            for (int t = 0; t < names.length; t++)
            {
                final double[] split = run(Transport.valueOf(names[t]), nanos, batch);
                for (int k = 0; k < 3; k++)
                {
                    results[t][k][r] = split[k];
                }
                line.append(String.format("  %s %.2f ns (send %.2f, receive %.2f)",
                    names[t], split[0], split[1], split[2]));
            }
            System.out.println(line);
        }
        for (int t = 0; t < names.length; t++)
        {
            System.out.printf("%s median ns/msg %.2f, send %.2f, receive %.2f%n",
                names[t], median(results[t][0]), median(results[t][1]), median(results[t][2]));
        }
    }

    private static double[] run(final Transport transport, final long nanos, final int batch) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final Path dir = ctx.directory();
            transport.prepare(dir, "split", SIZE);
            final Link in = transport.open(dir, "split", SIZE, false);
            final Link out = transport.open(dir, "split", SIZE, true);
            try
            {
                final long start = System.nanoTime();
                final long warm = start + nanos / 3;
                long messages = 0;
                long sendNanos = 0;
                long receiveNanos = 0;
                long now;
                while ((now = System.nanoTime()) < start + nanos)
                {
                    for (int i = 0; i < batch; i++)
                    {
                        if (!out.offer())
                        {
                            throw new IllegalStateException(
                                transport + ": the ring refused message " + i + " of a batch");
                        }
                    }
                    final long sent = System.nanoTime();
                    int received = 0;
                    while (received < batch)
                    {
                        received += in.poll(batch - received);
                    }
                    if (now >= warm)
                    {
                        sendNanos += sent - now;
                        receiveNanos += System.nanoTime() - sent;
                        messages += batch;
                    }
                }
                in.received().checkIntact("SendReceiveSplit " + transport);
                final double perMessage = 1.0 / messages;
                return new double[]{
                    (sendNanos + receiveNanos) * perMessage, sendNanos * perMessage, receiveNanos * perMessage};
            }
            finally
            {
                out.close();
                in.close();
            }
        }
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
