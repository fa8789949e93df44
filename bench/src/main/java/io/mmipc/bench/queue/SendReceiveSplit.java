package io.mmipc.bench.queue;

import io.mmipc.IpcContext;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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
    /** The smallest ring of the benchmarks holds this many 64-byte messages and more. */
    private static final int MAX_BATCH = 1024;
    static final String USAGE = "SendReceiveSplit ROUNDS SECONDS BATCH TRANSPORT[,TRANSPORT...]";

    private SendReceiveSplit()
    {
    }

    /**
     * @param args rounds, seconds per transport and round, batch, comma-separated {@link Transport}s.
     */
    public static void main(final String[] args) throws Exception
    {
        final DiagnosticArgs parsed = new DiagnosticArgs(USAGE, args, 4);
        final int rounds = parsed.count(0, "rounds", 1, 1000);
        final long nanos = parsed.seconds(1, "seconds");
        final int batch = parsed.count(2, "batch", 1, MAX_BATCH);
        final List<Transport> transports = parsed.transports(3);
        final double[][][] results = new double[transports.size()][3][rounds]; // total, send, receive
        for (int r = 0; r < rounds; r++)
        {
            final StringBuilder line = new StringBuilder("round " + (r + 1));
            for (int t = 0; t < transports.size(); t++)
            {
                final double[] split = run(transports.get(t), nanos, batch);
                for (int k = 0; k < 3; k++)
                {
                    results[t][k][r] = split[k];
                }
                line.append(String.format("  %s %.2f ns (send %.2f, receive %.2f)",
                    transports.get(t), split[0], split[1], split[2]));
            }
            System.out.println(line);
        }
        for (int t = 0; t < transports.size(); t++)
        {
            System.out.printf("%s median ns/msg %.2f, send %.2f, receive %.2f%n",
                transports.get(t), median(results[t][0]), median(results[t][1]), median(results[t][2]));
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
