package io.mmipc.internal.pool;

import io.mmipc.internal.wait.WakeFile;
import io.mmipc.EndOfStreamException;
import io.mmipc.Idle;
import io.mmipc.IpcContext;
import io.mmipc.PoolInitializerException;
import io.mmipc.PoolOptions;
import io.mmipc.PoolTaskException;
import io.mmipc.WorkerDiedException;
import io.mmipc.internal.jfr.MmipcEvents;
import io.mmipc.codec.SerialFilter;
import io.mmipc.ProcessLogging;
import io.mmipc.internal.counters.CounterSet;
import io.mmipc.internal.counters.Counters;
import io.mmipc.internal.counters.ProcessCounters;
import io.mmipc.internal.file.SharedFiles;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.spi.ArrivalSignal;
import io.mmipc.internal.wait.Waiter;
import io.mmipc.internal.wait.WakeWord;

import java.io.IOException;
import java.io.UncheckedIOException;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool's one thread in the parent: hands batches to workers through each worker's own pipe,
 * collects their replies, and watches them. Because every batch goes to a known worker, the batches
 * a dead worker held are known, fail at once, and the worker is replaced: a pool never hangs on a
 * dead worker (Python's does: its workers share one task queue). Between rounds that found nothing
 * to do it waits through a {@link Waiter} on the pool's wake word ({@link PoolWake}), which replies,
 * calls, {@code close()} and {@code terminate()} signal.
 * <p>
 * With an initializer, a worker gets no batch before it reported {@link Messages.Ready}; the pool's
 * start waits for every first worker's. One that reports {@link Messages.InitFailed}, or dies
 * before it is ready, breaks the pool: see {@link PoolOptions#initializer}.
 */
final class Dispatcher implements Runnable
{
    private static final AtomicInteger POOLS = new AtomicInteger();

    enum State
    {
        RUNNING, CLOSING, TERMINATING, DONE
    }

    private final Counters counters;
    private final PoolOptions options;
    private final SerialFilter filter;
    private final String poolName;
    private final WorkerSlot[] workers;
    private final ConcurrentLinkedDeque<Job> pending = new ConcurrentLinkedDeque<>();
    private final Waiter waiter = new Waiter(Idle.backoff().get()); // used by the dispatcher thread only
    private final WakeFile wake;
    private final Thread thread;
    private final InitGate init;
    private final WorkerStarts starts;
    // Workers that closed their pipe and still run (exiting): joined before the pool reports it stopped.
    private final List<WorkerSlot> exiting = new ArrayList<>();
    /** Whether a new worker may have batches at once: true when the pool has no initializer. */
    private final boolean ready;
    private volatile State state = State.RUNNING;
    private int nextWorker;

    /**
     * Starts the workers; with an initializer, returns once each has run it.
     *
     * @param transport   the context's transport view: which transport starts workers on other nodes.
     * @param initializer the serialized initializer {@link io.mmipc.Task}, or null.
     * @throws PoolInitializerException when a worker's initializer did not complete.
     */
    Dispatcher(final IpcContext ctx, final TransportContext transport, final PoolOptions options,
        final SerialFilter filter, final byte[] initializer)
    {
        this.options = options;
        this.filter = filter;
        this.ready = initializer == null;
        this.poolName = "pool-" + ProcessHandle.current().pid() + "-" + POOLS.incrementAndGet();
        this.init = new InitGate(poolName);
        this.workers = new WorkerSlot[options.workers()];
        try
        {
            this.wake = PoolWake.create(ctx.directory(), poolName);
            this.counters = ProcessCounters.open(ctx.directory(), SharedFiles.OWNER_ONLY, CounterSet.POOL,
                wake.path().getFileName().toString()); // named as the pool's file, which stat lists
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the wake file of " + poolName + " in " + ctx.directory() +
                ": " + ex.getMessage(), ex);
        }
        WorkerStarts made = null;
        try
        {
            made = new WorkerStarts(ctx, transport, options, poolName, filter.patterns(), wake.path().toString(),
                initializer);
            this.starts = made;
            for (int i = 0; i < workers.length; i++)
            {
                workers[i] = startWorker(i);
            }
        }
        catch (final RuntimeException | Error ex)
        {
            stopAll(true);
            if (made != null)
            {
                made.close();
            }
            removeWake();
            throw ex;
        }
        this.thread = new Thread(this, "mmipc-" + poolName);
        thread.setDaemon(true);
        thread.start();
        if (initializer != null)
        {
            init.await(() ->
            {
                terminate();
                try
                {
                    thread.join();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    void submit(final Job job)
    {
        if (state != State.RUNNING)
        {
            throw new IllegalStateException("the pool is " + (state == State.CLOSING ? "closed" : "terminated"));
        }
        final PoolInitializerException failure = init.broken();
        if (failure != null)
        {
            job.result.completeExceptionally(failure);
            return;
        }
        pending.add(job);
        wake.signal();
    }

    /**
     * Stops the pool now, as {@link #terminate()} does, and hands back the calls no worker was sent.
     */
    List<Job> terminateAndDrain()
    {
        // Closing first: the dispatcher takes no more work and only sends what is pending, never fails it
        // (terminating does), so each job is either sent by the dispatcher thread or taken here.
        close();
        final List<Job> unsent = new ArrayList<>();
        Job job;
        while ((job = pending.pollFirst()) != null)
        {
            unsent.add(job);
        }
        terminate();
        return unsent;
    }

    State state()
    {
        return state;
    }

    void close()
    {
        if (state == State.RUNNING)
        {
            state = State.CLOSING;
        }
        wake.signal();
    }

    void terminate()
    {
        if (state != State.DONE)
        {
            state = State.TERMINATING;
        }
        wake.signal();
    }

    void join() throws InterruptedException
    {
        thread.join();
    }

    boolean join(final long timeoutMillis) throws InterruptedException
    {
        thread.join(timeoutMillis);
        return !thread.isAlive();
    }

    synchronized List<Long> workerPids()
    {
        final List<Long> pids = new ArrayList<>();
        for (final WorkerSlot w : workers)
        {
            if (w != null && w.process.pid() > 0 && w.process.isAlive())
            {
                pids.add(w.process.pid());
            }
        }
        return pids;
    }

    @Override
    public void run()
    {
        final WakeWord word = wake.enterWait();
        waiter.begin(Waiter.FOREVER, false, word);
        try
        {
            while (true)
            {
                final State now = state;
                if (now == State.TERMINATING)
                {
                    // Cancel first: the workers about to be killed must not fail their batches as deaths.
                    final CancellationException cancelled = new CancellationException("the pool was terminated");
                    failPending(cancelled);
                    WorkerSlot.failInFlight(workers, cancelled);
                    stopAll(true);
                    break;
                }
                int work = 0;
                exiting.removeIf(w -> !w.process.isAlive());
                for (int i = 0; i < workers.length; i++)
                {
                    work += service(i, now);
                }
                work += init.broken() == null ? dispatch() : failPending(init.broken());
                if (now == State.CLOSING && pending.isEmpty() && WorkerSlot.noneInFlight(workers))
                {
                    stopAll(false);
                    break;
                }
                if (work > 0)
                {
                    // Busy: the next wait starts from its first, shortest sleep.
                    waiter.end();
                    waiter.begin(Waiter.FOREVER, false, word);
                }
                else
                {
                    waiter.idle();
                }
            }
        }
        catch (final RuntimeException | Error ex)
        {
            ProcessLogging.logger().severe(() -> poolName + " dispatcher failed: " + ex);
            stopAll(true);
            failPending(ex);
            WorkerSlot.failInFlight(workers, ex);
        }
        finally
        {
            init.stopped();
            starts.close();
            waiter.end();
            wake.exitWait();
            removeWake();
            state = State.DONE;
        }
    }

    private void removeWake()
    {
        counters.release();
        wake.close();
        try
        {
            Files.deleteIfExists(wake.path());
        }
        catch (final IOException ex)
        {
            // the context removes its directory anyway
            ProcessLogging.logger().warning(() -> "cannot remove " + wake.path() + ": " + ex);
        }
    }

    /**
     * Reads a worker's replies, and replaces it when it has ended.
     */
    private int service(final int slot, final State now)
    {
        final WorkerSlot w = workers[slot];
        if (w == null)
        {
            return 0; // emptied when the pool broke: nothing replaces a worker then
        }
        // Liveness first: a worker seen dead has written all it ever will, so draining after is complete.
        final boolean alive = w.process.isAlive();
        int work = 0;
        boolean ended = false;
        try
        {
            byte[] reply;
            while ((reply = w.end.recv(0, TimeUnit.NANOSECONDS)) != null)
            {
                final Object message;
                try
                {
                    message = Messages.read(reply, filter);
                }
                catch (final IllegalStateException unreadable)
                {
                    // Replies come in order: this one answers the oldest batch the worker holds.
                    final Job job = w.inFlight.pollFirst();
                    if (job != null)
                    {
                        job.result.completeExceptionally(unreadable);
                    }
                    continue;
                }
                handle(w, message);
                work++;
            }
        }
        catch (final EndOfStreamException eof)
        {
            ended = true;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (!alive || ended)
        {
            if (!w.retiring) // ended unannounced, outside stopAll: a death
            {
                MmipcEvents.workerDied(poolName, w.process.name() + w.process.where(), w.process.pid(),
                    w.process.exitCode().orElse(-1),
                    w.inFlight.size());
            }
            if (!w.ready && init.broken() == null)
            {
                final int code = w.exitCode(alive);
                final String died = "died" + (code >= 0 ? " with exit code " + code : "") + " before its initializer returned";
                breakPool(w, died, new WorkerDiedException(w.describe() + " " + died, code));
            }
            if (now == State.RUNNING && !w.retiring)
            {
                counters.getAndAdd(CounterSet.WORKER_DEATHS, 1); // running workers end only by retiring, or dying
            }
            retire(w, alive);
            if (alive)
            {
                exiting.add(w);
            }
            if (init.broken() == null && (now == State.RUNNING || (now == State.CLOSING && !pending.isEmpty())))
            {
                synchronized (this)
                {
                    workers[slot] = startWorker(slot);
                }
                counters.getAndAdd(CounterSet.WORKER_REPLACEMENTS, 1);
            }
            else
            {
                synchronized (this)
                {
                    workers[slot] = null;
                }
            }
            work++;
        }
        return work;
    }

    private void handle(final WorkerSlot w, final Object message)
    {
        if (message instanceof Messages.Retiring)
        {
            w.retiring = true;
            return;
        }
        if (message instanceof Messages.Ready && !w.ready)
        {
            w.ready = true;
            if (allReady())
            {
                init.allReady();
            }
            return;
        }
        if (message instanceof Messages.InitFailed failed && !w.ready)
        {
            w.retiring = true; // its last message: it exits
            if (init.broken() == null)
            {
                breakPool(w, "failed: " + failed.failure().className() +
                    (failed.failure().message() == null ? "" : ": " + failed.failure().message()),
                    failed.failure().toException());
            }
            return;
        }
        final Job job = w.inFlight.pollFirst();
        if (message instanceof Messages.Unreadable unreadable && job != null)
        {
            // Replies come in order: the batch it could not read is the oldest it holds.
            final int index = job.single ? -1 : job.firstIndex;
            counters.getAndAdd(CounterSet.TASKS_FAILED, 1);
            job.result.completeExceptionally(new PoolTaskException(
                (job.single ? "the task" : "the batch from item " + index) + " could not be read by " +
                w.describe() + ": " + unreadable.failure().message(),
                index, unreadable.failure().toException()));
        }
        else if (message instanceof Messages.Done done && job != null && job.id == done.id())
        {
            counters.getAndAdd(CounterSet.TASKS_DONE, done.results().size());
            job.result.complete(done.results());
        }
        else if (message instanceof Messages.Failed failed && job != null && job.id == failed.id())
        {
            if (failed.fatal())
            {
                // Its last message: it reads no more, so nothing more goes to it, and retire() re-sends
                // the batches it holds to other workers instead of failing them as a death.
                w.retiring = true;
            }
            final int index = job.single ? -1 : job.firstIndex + failed.index();
            counters.getAndAdd(CounterSet.TASKS_FAILED, 1);
            job.result.completeExceptionally(new PoolTaskException(
                (job.single ? "the task" : "the task for item " + index) + " failed in " + w.describe() + ": " +
                failed.failure().className() +
                (failed.failure().message() == null ? "" : ": " + failed.failure().message()),
                index, failed.failure().toException()));
        }
        else
        {
            throw new IllegalStateException(w.process.name() + " sent " + message + " while " +
                (job == null ? "holding no batch" : "holding batch " + job.id));
        }
    }

    /**
     * Fails what a gone worker still held, and lets its pipe go.
     */
    private void retire(final WorkerSlot w, final boolean stillRunning)
    {
        if (w.retiring)
        {
            // It announced its retirement after its last batch: what it still holds it never read.
            Job unread;
            while ((unread = w.inFlight.pollLast()) != null)
            {
                pending.addFirst(unread);
            }
        }
        if (!w.inFlight.isEmpty())
        {
            final int code = w.exitCode(stillRunning);
            final WorkerDiedException died = new WorkerDiedException(w.describe() + " died" +
                (code >= 0 ? " with exit code " + code : "") + " while it held this task; it was replaced", code);
            Job job;
            while ((job = w.inFlight.pollFirst()) != null)
            {
                counters.getAndAdd(CounterSet.TASKS_FAILED, 1);
                job.result.completeExceptionally(died);
            }
        }
        w.release();
    }

    private boolean allReady()
    {
        for (final WorkerSlot w : workers)
        {
            if (w == null || !w.ready)
            {
                return false;
            }
        }
        return true;
    }

    private void breakPool(final WorkerSlot w, final String what, final RuntimeException cause)
    {
        failPending(init.breakWith(w, what, cause));
    }

    private int failPending(final Throwable cause)
    {
        int failed = 0;
        Job job;
        while ((job = pending.pollFirst()) != null)
        {
            job.result.completeExceptionally(cause);
            failed++;
        }
        return failed;
    }

    /**
     * Hands waiting batches to workers with room, round robin.
     */
    private int dispatch()
    {
        int work = 0;
        for (int n = 0; n < workers.length && !pending.isEmpty(); n++)
        {
            final WorkerSlot w = workers[nextWorker];
            nextWorker = (nextWorker + 1) % workers.length;
            if (w == null || w.retiring || !w.ready || w.process.knownDead() ||
                w.inFlight.size() >= options.prefetch() ||
                (options.maxTasksPerChild() > 0 && w.sent >= options.maxTasksPerChild()))
            {
                continue; // a worker gets no more batches than it will run before it retires
            }
            final Job job = pending.pollFirst();
            if (job == null)
            {
                break;
            }
            if (job.result.isDone())
            {
                continue; // its call already failed or was cancelled: nobody waits for it
            }
            try
            {
                // Without waiting: a worker whose JVM has not yet connected a network pipe takes nothing now.
                if (!w.end.send(job.message, 0, TimeUnit.NANOSECONDS))
                {
                    pending.addFirst(job);
                    continue;
                }
                w.inFlight.addLast(job);
                w.sent++;
                work++;
            }
            catch (final EndOfStreamException workerGone)
            {
                pending.addFirst(job); // not delivered: the next live worker gets it
            }
            catch (final InterruptedException ex)
            {
                pending.addFirst(job);
                Thread.currentThread().interrupt();
            }
        }
        return work;
    }

    private void stopAll(final boolean kill)
    {
        for (final WorkerSlot w : exiting)
        {
            if (kill)
            {
                w.process.kill();
            }
        }
        for (final WorkerSlot w : workers)
        {
            if (w != null)
            {
                w.stop(kill);
            }
        }
        for (final WorkerSlot w : workers)
        {
            if (w == null)
            {
                continue;
            }
            w.awaitExit();
            retire(w, false);
        }
        for (final WorkerSlot w : exiting)
        {
            w.awaitExit();
        }
        exiting.clear();
    }

    private WorkerSlot startWorker(final int slot)
    {
        final WorkerSlot worker = starts.start(slot, ready);
        if (worker.end instanceof ArrivalSignal arrival)
        {
            arrival.onArrival(wake::signal); // a reply over the network signals no wake word of its own
        }
        return worker;
    }
}
