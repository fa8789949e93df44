package io.mmipc.agrona.sync;

import io.mmipc.IpcContext;
import io.mmipc.SharedCondition;
import io.mmipc.SharedEvent;
import io.mmipc.SharedInt;
import io.mmipc.SharedLock;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * The child JVMs of {@link WakeAcrossJvmsTest}: {@code main(scenario, dir, args...)}. Each blocks in
 * one primitive's wait (bounded: a lost wake-up fails it instead of hanging), prints what the
 * parent checks and exits with 0, or throws.
 */
public final class WakeChild
{
    private static final long BOUND_SECONDS = 60;

    private WakeChild()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Path dir = Paths.get(args[1]);
        try (IpcContext ctx = IpcContext.open(dir))
        {
            System.out.println("waiting");
            System.out.flush();
            switch (args[0])
            {
                case "lock" -> check(ctx.lock("lock").tryLock(BOUND_SECONDS, TimeUnit.SECONDS), "lock");
                case "rlock" -> check(ctx.rlock("lock").tryLock(BOUND_SECONDS, TimeUnit.SECONDS), "rlock");
                case "semaphore" -> check(ctx.semaphore("sem", 0).tryAcquire(BOUND_SECONDS, TimeUnit.SECONDS), "permit");
                case "event" -> check(ctx.event("event").await(BOUND_SECONDS, TimeUnit.SECONDS), "event");
                case "barrier" -> ctx.barrier("two", 2).await(BOUND_SECONDS, TimeUnit.SECONDS);
                case "condition" -> awaitCondition(ctx);
                case "locked-increments" -> lockedIncrements(ctx, Integer.parseInt(args[2]));
                case "event-relay" -> eventRelay(ctx, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
            }
        }
        System.out.println("woken");
    }

    private static void check(final boolean done, final String what)
    {
        if (!done)
        {
            throw new IllegalStateException("no " + what + " within " + BOUND_SECONDS + " s: a lost wake-up");
        }
    }

    private static void awaitCondition(final IpcContext ctx) throws InterruptedException
    {
        final SharedLock lock = ctx.lock("lock");
        final SharedCondition cond = ctx.condition("cond", lock);
        final SharedInt flag = ctx.intValue("flag", 0);
        lock.lock();
        try
        {
            check(cond.await(() -> flag.get() == 1, BOUND_SECONDS, TimeUnit.SECONDS), "notify");
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Many short lock waits: each increment under the lock, each lock bounded.
     */
    private static void lockedIncrements(final IpcContext ctx, final int count) throws InterruptedException
    {
        final SharedLock lock = ctx.lock("lock");
        final SharedInt counter = ctx.intValue("counter", 0);
        for (int i = 0; i < count; i++)
        {
            check(lock.tryLock(BOUND_SECONDS, TimeUnit.SECONDS), "lock at increment " + i);
            try
            {
                counter.set(counter.get() + 1);
            }
            finally
            {
                lock.unlock();
            }
        }
    }

    /**
     * Two players hand a sequence back and forth through two events: player {@code me} waits for
     * event "e{me}" to carry the value it expects, writes the next value and sets the other's event.
     */
    private static void eventRelay(final IpcContext ctx, final int me, final int rounds) throws InterruptedException
    {
        final SharedEvent mine = ctx.event("e" + me);
        final SharedEvent other = ctx.event("e" + (1 - me));
        final SharedInt value = ctx.intValue("value", 0);
        for (int round = 0; round < rounds; round++)
        {
            final int expected = 2 * round + me;
            check(mine.await(BOUND_SECONDS, TimeUnit.SECONDS), "relay " + expected);
            mine.clear();
            if (value.get() != expected)
            {
                throw new IllegalStateException("player " + me + " expected " + expected + ", read " + value.get());
            }
            value.set(expected + 1);
            other.set();
        }
    }
}
