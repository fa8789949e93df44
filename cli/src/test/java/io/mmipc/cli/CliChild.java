package io.mmipc.cli;

import io.mmipc.IpcContext;
import io.mmipc.MessageQueue;
import io.mmipc.QueueOptions;
import io.mmipc.SharedEvent;
import io.mmipc.SharedInt;
import io.mmipc.SharedLock;
import io.mmipc.Topic;
import io.mmipc.DurableLog;
import io.mmipc.DurableLogConfig;
import io.mmipc.LogAppender;
import io.mmipc.LogTailer;
import io.mmipc.codec.Codecs;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVMs whose contexts the tool looks at: {@code main(scenario, args...)}. Each prints
 * {@code READY} and what the test needs, then waits for the event {@code stop} in its first
 * context, or for {@code kill -9}.
 */
public final class CliChild
{
    public static final String READY = "READY ";

    private static volatile long sink;

    private CliChild()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        switch (args[0])
        {
            case "hold" -> hold(Paths.get(args[1]), args[2]);
            case "create" -> create(Paths.get(args[1]), List.of(args).subList(2, args.length));
            case "join" -> join(Paths.get(args[1]), args[2]);
            case "churn" -> churn(Paths.get(args[1]), args[2]);
            case "subscribe" -> subscribe(Paths.get(args[1]), args[2]);
            case "log" -> log(Paths.get(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("no scenario " + args[0]);
        }
    }

    /**
     * Makes context {@code name}, holds its lock "lock", leaves three messages in its queue "jobs"
     * and sets its value "counter" to 42.
     */
    private static void hold(final Path root, final String name) throws InterruptedException
    {
        try (IpcContext ctx = IpcContext.builder().root(root).name(name).build())
        {
            final SharedLock lock = ctx.lock("lock");
            lock.lock();
            final MessageQueue<String> jobs = ctx.queue("jobs", Codecs.utf8());
            for (int i = 1; i <= 3; i++)
            {
                jobs.put("job-" + i);
            }
            final SharedInt counter = ctx.intValue("counter", 0);
            counter.set(42);
            ready(ctx.directory().toString());
            ctx.event("stop").await();
            lock.unlock();
        }
    }

    /**
     * Makes the contexts ({@code name}: a named context, which lives until removed;
     * {@code label:private}: a private context, whose directory name the ready line reports as
     * {@code label=dir}) and holds them.
     */
    private static void create(final Path root, final List<String> names) throws InterruptedException
    {
        final List<IpcContext> contexts = new ArrayList<>();
        final StringBuilder labels = new StringBuilder();
        try
        {
            for (final String spec : names)
            {
                final String[] parts = spec.split(":");
                final boolean isPrivate = parts.length > 1 && parts[1].equals("private");
                final IpcContext ctx = isPrivate ? IpcContext.builder().root(root).build() :
                    IpcContext.builder().root(root).name(parts[0]).build();
                contexts.add(ctx);
                labels.append(labels.length() == 0 ? "" : ",").append(parts[0]).append('=')
                    .append(ctx.directory().getFileName());
            }
            final SharedEvent stop = contexts.get(0).event("stop");
            ready(contexts.get(0).directory() + " " + labels);
            stop.await();
        }
        finally
        {
            contexts.forEach(IpcContext::close);
        }
    }

    /**
     * Joins the context in {@code dir} and holds its lock "shared" (so it is a live participant
     * there), and makes a context {@code name} of its own beside it.
     */
    private static void join(final Path dir, final String name) throws InterruptedException
    {
        try (IpcContext joined = IpcContext.open(dir);
             IpcContext own = IpcContext.builder().root(dir.getParent()).name(name).build())
        {
            final SharedLock lock = joined.lock("shared");
            lock.lock();
            ready(own.directory().toString());
            own.event("stop").await();
            lock.unlock();
        }
    }

    /**
     * Makes context {@code name} with a small one-to-one queue "churn" that a producer thread
     * fills and a consumer thread drains without end: message n is {@link #churnMessage(long)}.
     */
    private static void churn(final Path root, final String name) throws Exception
    {
        try (IpcContext ctx = IpcContext.builder().root(root).name(name).build())
        {
            final MessageQueue<String> queue = ctx.queue("churn", Codecs.utf8(),
                QueueOptions.defaults().capacity(1024).oneToOne(true));
            final Thread consumer = new Thread(() ->
            {
                try
                {
                    long expected = 0;
                    while (true)
                    {
                        final String message = queue.take();
                        if (!message.equals(churnMessage(expected++)))
                        {
                            throw new IllegalStateException("got " + message + " for " + (expected - 1));
                        }
                        // Slower than the producer, so the ring stays full and every slot is reused at once.
                        for (int k = 0; k < 2_000; k++)
                        {
                            sink += message.hashCode() ^ k;
                        }
                    }
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }, "churn-consumer");
            consumer.setDaemon(true);
            consumer.start();
            final Thread producer = new Thread(() ->
            {
                try
                {
                    for (long n = 0; ; n++)
                    {
                        queue.put(churnMessage(n));
                    }
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }, "churn-producer");
            producer.setDaemon(true);
            producer.start();
            ready(ctx.directory().toString());
            ctx.event("stop").await();
        }
    }

    /**
     * Makes context {@code name} with a topic "news", subscribes to it (the subscriber slot is
     * this process's) and reads the one message the test publishes after the ready line.
     */
    private static void subscribe(final Path root, final String name) throws Exception
    {
        try (IpcContext ctx = IpcContext.builder().root(root).name(name).build();
             Topic<String> news = ctx.topic("news", Codecs.utf8());
             Topic.Subscription<String> subscription = news.subscribe())
        {
            ready(ctx.directory().toString());
            System.out.println("GOT " + subscription.take());
            System.out.flush();
            ctx.event("stop").await();
        }
    }

    /**
     * @return message {@code n} of the churn: its number and a check derived from it, padded so
     *         that records vary in length.
     */
    public static String churnMessage(final long n)
    {
        return n + ":" + ((n * 2654435761L) & 0xFFFF) + ":" + "x".repeat((int)(n % 17));
    }

    /**
     * Appends {@code appends} messages to the durable log in {@code dir}, has the named tailer
     * "billing" read and acknowledge the first {@code acked}, then holds the tailer until the test
     * kills this JVM.
     */
    private static void log(final Path dir, final int appends, final int acked) throws Exception
    {
        try (DurableLog log = DurableLog.open(DurableLogConfig.builder(dir).build());
            LogAppender appender = log.appender();
            LogTailer billing = log.tailer("billing"))
        {
            long last = -1;
            for (int i = 0; i < appends; i++)
            {
                last = appender.append("m" + i, Codecs.utf8());
            }
            for (int i = 0; i < acked; i++)
            {
                if (billing.poll(Codecs.utf8()) == null)
                {
                    throw new IllegalStateException("message " + i + " of " + dir + " not there");
                }
            }
            billing.ack();
            ready(Long.toString(last));
            new java.util.concurrent.CountDownLatch(1).await();
        }
    }

    private static void ready(final String what)
    {
        System.out.println(READY + what + " " + ProcessHandle.current().pid());
        System.out.flush();
    }
}
