package io.mmipc.examples.topic;

import io.mmipc.IpcContext;
import io.mmipc.JvmProcess;
import io.mmipc.SharedBarrier;
import io.mmipc.Topic;
import io.mmipc.codec.Codecs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A price ticker fanned out to several processes: one publisher, three screens, and every screen
 * sees every tick in order. Python has no fan-out primitive; the usual workaround is one
 * {@code Queue} per subscriber and a loop that puts each tick on all of them:
 * <pre>
 * queues = [multiprocessing.Queue() for _ in range(3)]
 * for tick in ticks:
 *     for q in queues: q.put(tick)
 * </pre>
 * A {@link Topic} does it with one write per tick, read by every subscriber where it lies.
 */
public final class PriceTicker
{
    static final String[] SYMBOLS = {"ACME", "INIT", "GLOB"};
    static final int TICKS = 12;
    static final String CLOSE = "<market closed>";

    /** A screen process: subscribes, says it is ready, then prints every tick until the close. */
    static void screen(final Topic<String> ticker, final SharedBarrier ready, final int screenId) throws Exception
    {
        try (Topic.Subscription<String> ticks = ticker.subscribe())
        {
            ready.await();
            while (true)
            {
                final String tick = ticks.take();
                if (tick.equals(CLOSE))
                {
                    break;
                }
                System.out.println("Screen " + screenId + " got " + tick);
            }
            System.out.println("Screen " + screenId + " saw " + ticks.received() + " messages, missed " +
                ticks.missed());
        }
    }

    static String tick(final int i)
    {
        return SYMBOLS[i % SYMBOLS.length] + " " + String.format(Locale.ROOT, "%.2f", 100 + i * 0.25);
    }

    public static void main(final String[] args) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final Topic<String> ticker = ctx.topic("ticker", Codecs.utf8());
            final SharedBarrier ready = ctx.barrier("ready", 4); // three screens and the exchange

            final List<JvmProcess> screens = new ArrayList<>();
            for (int i = 1; i <= 3; i++)
            {
                final int screenId = i;
                screens.add(JvmProcess.of(() -> screen(ticker, ready, screenId)).start());
            }

            ready.await(); // every screen has subscribed: none misses the first tick
            try (Topic.Publisher<String> exchange = ticker.publisher())
            {
                for (int i = 0; i < TICKS; i++)
                {
                    exchange.put(tick(i));
                }
                exchange.put(CLOSE);
            }
            for (final JvmProcess screen : screens)
            {
                screen.join();
            }
        }
    }
}
