package io.mmipc.agrona.sync;

import io.mmipc.IpcContext;
import io.mmipc.SharedBarrier;
import io.mmipc.SharedCondition;
import io.mmipc.SharedEvent;
import io.mmipc.SharedInt;
import io.mmipc.SharedIntArray;
import io.mmipc.SharedLock;
import io.mmipc.SharedRLock;
import io.mmipc.SharedSemaphore;
import io.mmipc.codec.Codec;
import io.mmipc.codec.Codecs;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.Serializable;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The child JVMs of the cross-process tests: {@code main(scenario, args...)}. Shared objects
 * arrive either as serialized handles (base64 of Java serialization, as a task would carry them)
 * or by name in a directory. A child prints what the parent checks and exits with 0, or throws.
 */
public final class SyncChild
{
    private SyncChild()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        switch (args[0])
        {
            case "locked-increments" -> lockedIncrements(decode(args[1]), Integer.parseInt(args[2]));
            case "cas-increments" -> casIncrements(Paths.get(args[1]), Integer.parseInt(args[2]));
            case "event-waiter" -> eventWaiter(decode(args[1]));
            case "barrier-rounds" -> barrierRounds(Paths.get(args[1]), Integer.parseInt(args[2]));
            case "condition-turns" -> conditionTurns(Paths.get(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]));
            case "hold-lock" -> holdLock(Paths.get(args[1]), args[2]);
            case "hold-permit" -> holdPermit(Paths.get(args[1]));
            case "wait-at-barrier" -> waitAtBarrier(Paths.get(args[1]));
            case "wait-on-condition" -> waitOnCondition(Paths.get(args[1]));
            case "use-every-handle" -> useEveryHandle(decode(args[1]));
            default -> throw new IllegalArgumentException("no scenario " + args[0]);
        }
    }

    /**
     * @return the base64 of {@code objects} serialized: shared objects become handles.
     */
    static String encode(final Object... objects)
    {
        final Codec<Serializable> codec = Codecs.java();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = codec.encode((Serializable)List.of(objects), buffer, 0);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @SuppressWarnings("unchecked")
    static List<Object> decode(final String base64)
    {
        final byte[] bytes = Base64.getDecoder().decode(base64);
        return (List<Object>)Codecs.<Serializable>java().decode(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    /** Read-modify-write that only the lock keeps right. */
    private static void lockedIncrements(final List<Object> objects, final int count) throws InterruptedException
    {
        final SharedLock lock = (SharedLock)objects.get(0);
        final SharedInt counter = (SharedInt)objects.get(1);
        startTogether((SharedEvent)objects.get(2));
        for (int i = 0; i < count; i++)
        {
            lock.lock();
            try
            {
                counter.set(counter.get() + 1);
            }
            finally
            {
                lock.unlock();
            }
        }
        System.out.println("done " + count);
    }

    /**
     * Says it is ready and waits for the parent's start signal, so that all children run at once.
     */
    private static void startTogether(final SharedEvent start) throws InterruptedException
    {
        System.out.println("ready");
        System.out.flush();
        if (!start.await(120, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("no start signal");
        }
    }

    private static void casIncrements(final Path dir, final int count) throws InterruptedException
    {
        try (IpcContext ctx = IpcContext.open(dir))
        {
            final SharedInt counter = ctx.intValue("counter", 0);
            startTogether(ctx.event("start"));
            for (int i = 0; i < count; i++)
            {
                counter.incrementAndGet();
            }
        }
        System.out.println("done " + count);
    }

    private static void eventWaiter(final List<Object> objects) throws InterruptedException
    {
        final SharedEvent event = (SharedEvent)objects.get(0);
        System.out.println("waiting");
        System.out.flush();
        System.out.println("woke " + event.await(60, TimeUnit.SECONDS));
    }

    /**
     * Each round: count the arrival, wait at the barrier, then check that the whole round arrived
     * and that no party is two rounds ahead; the last to arrive counts the trip of its round.
     */
    private static void barrierRounds(final Path dir, final int rounds) throws Exception
    {
        try (IpcContext ctx = IpcContext.open(dir))
        {
            final SharedBarrier barrier = ctx.barrier("rounds", 3);
            final SharedInt arrivals = ctx.intValue("arrivals", 0);
            final SharedIntArray trips = ctx.intArray("trips", rounds);
            for (int round = 0; round < rounds; round++)
            {
                arrivals.incrementAndGet();
                final int index = barrier.await(60, TimeUnit.SECONDS);
                final int seen = arrivals.get();
                if (seen < 3 * (round + 1) || seen > 3 * (round + 2))
                {
                    System.out.println("WRONG round " + round + " saw " + seen + " arrivals");
                }
                if (index == 0)
                {
                    trips.incrementAndGet(round);
                }
            }
        }
        System.out.println("done");
    }

    /**
     * Takes turns with the other players: waits on the condition until the turn is its own, plays
     * it, signals everyone.
     */
    private static void conditionTurns(final Path dir, final int me, final int turns) throws InterruptedException
    {
        try (IpcContext ctx = IpcContext.open(dir))
        {
            final SharedLock lock = ctx.lock("table");
            final SharedCondition changed = ctx.condition("turn-changed", lock);
            final SharedInt turn = ctx.intValue("turn", 0);
            for (int i = 0; i < turns; i++)
            {
                lock.lock();
                try
                {
                    if (!changed.await(() -> turn.get() % 2 == me, 60, TimeUnit.SECONDS))
                    {
                        throw new IllegalStateException("player " + me + " never got turn " + i);
                    }
                    turn.incrementAndGet();
                    changed.signalAll();
                }
                finally
                {
                    lock.unlock();
                }
            }
        }
        System.out.println("done");
    }

    private static void holdLock(final Path dir, final String kind) throws InterruptedException
    {
        final IpcContext ctx = IpcContext.open(dir);
        if (kind.equals("rlock"))
        {
            final SharedRLock lock = ctx.rlock("lock");
            lock.lock();
            lock.lock();
            lock.lock();
            System.out.println("locked " + lock.getHoldCount());
        }
        else
        {
            ctx.lock("lock").lock();
            System.out.println("locked");
        }
        System.out.flush();
        sleepUntilKilled();
    }

    private static void holdPermit(final Path dir) throws InterruptedException
    {
        final SharedSemaphore sem = IpcContext.open(dir).semaphore("sem", 2);
        sem.acquire();
        System.out.println("acquired");
        System.out.flush();
        sleepUntilKilled();
    }

    private static void waitAtBarrier(final Path dir) throws Exception
    {
        final SharedBarrier barrier = IpcContext.open(dir).barrier("three", 3);
        System.out.println("arriving");
        System.out.flush();
        barrier.await();
        System.out.println("UNEXPECTED: the barrier tripped");
    }

    /**
     * Re-opens one object of every kind from its handle and changes each a little.
     */
    private static void useEveryHandle(final List<Object> objects) throws Exception
    {
        ((SharedInt)objects.get(0)).addAndGet(1);
        ((io.mmipc.SharedLong)objects.get(1)).addAndGet(2);
        ((io.mmipc.SharedDouble)objects.get(2)).addAndGet(0.5);
        ((io.mmipc.SharedBoolean)objects.get(3)).set(true);
        ((SharedIntArray)objects.get(4)).incrementAndGet(2);
        ((io.mmipc.SharedLongArray)objects.get(5)).incrementAndGet(0);
        ((io.mmipc.SharedDoubleArray)objects.get(6)).addAndGet(1, 0.25);
        final SharedLock lock = (SharedLock)objects.get(7);
        lock.lock();
        lock.unlock();
        final SharedRLock rlock = (SharedRLock)objects.get(8);
        rlock.lock();
        rlock.lock();
        rlock.unlock();
        rlock.unlock();
        ((SharedSemaphore)objects.get(9)).release();
        ((SharedSemaphore)objects.get(10)).acquire();
        ((SharedEvent)objects.get(11)).set();
        final SharedCondition condition = (SharedCondition)objects.get(12);
        condition.lock().lock();
        try
        {
            condition.signalAll();
        }
        finally
        {
            condition.lock().unlock();
        }
        System.out.println("barrier index " + ((SharedBarrier)objects.get(13)).await(60, TimeUnit.SECONDS));
        final SharedRLock valueLock = (SharedRLock)objects.get(14);
        valueLock.lock();
        valueLock.unlock();
        for (final Object object : objects)
        {
            System.out.println("re-opened " + object);
        }
        System.out.println("done");
    }

    private static void waitOnCondition(final Path dir) throws Exception
    {
        final IpcContext ctx = IpcContext.open(dir);
        final SharedLock lock = ctx.lock("lock");
        final SharedCondition condition = ctx.condition("cond", lock);
        lock.lock();
        System.out.println("waiting");
        System.out.flush();
        condition.await();
        System.out.println("UNEXPECTED: woke");
    }

    private static void sleepUntilKilled() throws InterruptedException
    {
        while (true)
        {
            TimeUnit.SECONDS.sleep(60);
        }
    }
}
