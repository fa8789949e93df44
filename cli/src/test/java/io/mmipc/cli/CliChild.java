package io.mmipc.cli;

import io.mmipc.IpcContext;
import io.mmipc.MessageQueue;
import io.mmipc.SharedEvent;
import io.mmipc.SharedInt;
import io.mmipc.SharedLock;
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
     * Makes the contexts named ({@code name} or {@code name:persistent}) and holds them.
     */
    private static void create(final Path root, final List<String> names) throws InterruptedException
    {
        final List<IpcContext> contexts = new ArrayList<>();
        try
        {
            for (final String spec : names)
            {
                final String[] parts = spec.split(":");
                contexts.add(IpcContext.builder().root(root).name(parts[0])
                    .persistent(parts.length > 1 && parts[1].equals("persistent")).build());
            }
            final SharedEvent stop = contexts.get(0).event("stop");
            ready(contexts.get(0).directory().toString());
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

    private static void ready(final String what)
    {
        System.out.println(READY + what + " " + ProcessHandle.current().pid());
        System.out.flush();
    }
}
