package io.mmipc.bench.queue;

import io.mmipc.IpcContext;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a JMH benchmark: a diagnostic for the state a one-to-one stream settles in. A receiving
 * thread polls up to 256 messages at a time as fast as it can while this thread sends 64-byte
 * messages for {@code seconds}; it prints the rate and how many messages each poll that found any
 * took: a receiver a ring's length behind takes hundreds, one that chases its sender a few. Each
 * round runs every transport named, alternating in one JVM (threads, not processes: the cache lines
 * travel between cores the same way).
 * <pre>
 * java -cp bench/target/benchmarks.jar io.mmipc.bench.queue.TwoThreadStream 5 1.5 AGRONA_RAW,MMIPC_ZERO_COPY
 * </pre>
 */
public final class TwoThreadStream
{
    private static final int SIZE = 64;
    private static final int POLL_LIMIT = 256;
    static final String USAGE = "TwoThreadStream ROUNDS SECONDS TRANSPORT[,TRANSPORT...]";

    private TwoThreadStream()
    {
    }

    /**
     * @param args rounds, seconds per transport and round, comma-separated {@link Transport}s.
     */
    public static void main(final String[] args) throws Exception
    {
        final DiagnosticArgs parsed = new DiagnosticArgs(USAGE, args, 3);
        final int rounds = parsed.count(0, "rounds", 1, 1000);
        final long nanos = parsed.seconds(1, "seconds");
        final List<Transport> transports = parsed.transports(2);
        for (int r = 1; r <= rounds; r++)
        {
            final StringBuilder line = new StringBuilder("round " + r);
            for (final Transport transport : transports)
            {
                line.append("  ").append(transport).append(' ').append(run(transport, nanos));
            }
            System.out.println(line);
        }
    }

    private static String run(final Transport transport, final long nanos) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final Path dir = ctx.directory();
            transport.prepare(dir, "stream", SIZE);
            final AtomicBoolean stop = new AtomicBoolean();
            final AtomicLong received = new AtomicLong();
            final long[] polls = new long[2]; // found nothing, found some; read after join
            final CountDownLatch opened = new CountDownLatch(1);
            final Thread receiver = new Thread(() ->
            {
                try (Link in = transport.open(dir, "stream", SIZE, false))
                {
                    opened.countDown();
                    long messages = 0;
                    while (!stop.get())
                    {
                        final int got = in.poll(POLL_LIMIT);
                        if (got == 0)
                        {
                            polls[0]++;
                            Thread.onSpinWait();
                        }
                        else
                        {
                            polls[1]++;
                            messages += got;
                            received.lazySet(messages);
                        }
                    }
                    in.received().checkIntact("TwoThreadStream " + transport);
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(ex);
                }
            }, "stream-receiver");
            receiver.start();
            opened.await();
            try (Link out = transport.open(dir, "stream", SIZE, true))
            {
                final long start = System.nanoTime();
                final long end = start + nanos;
                long firstCount = -1;
                long firstTime = 0;
                long now = start;
                int sends = 0;
                while (now < end)
                {
                    while (!out.offer())
                    {
                        Thread.onSpinWait();
                    }
                    if ((++sends & 1023) == 0)
                    {
                        now = System.nanoTime();
                        if (firstCount < 0 && now >= start + nanos / 3)
                        {
                            firstCount = received.get();
                            firstTime = now;
                        }
                    }
                }
                final long lastCount = received.get();
                final long lastTime = System.nanoTime();
                stop.set(true);
                receiver.join();
                return String.format("%.2f M msg/s (%.1f per poll that found any, %.0f%% of polls found none)",
                    (lastCount - firstCount) * 1e3 / (lastTime - firstTime),
                    received.get() / (double)Math.max(1, polls[1]),
                    100.0 * polls[0] / Math.max(1, polls[0] + polls[1]));
            }
        }
    }
}
