package io.mmipc;

import io.mmipc.codec.SerialFilter;
import io.mmipc.internal.pool.PoolCalls;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A pool of worker JVMs: Python's {@code multiprocessing.Pool}.
 * <pre>{@code
 * try (IpcContext ctx = IpcContext.create(); Pool pool = ctx.pool(3)) {
 *     List<Integer> squares = pool.map(n -> n * n, List.of(1, 2, 3, 4, 5));   // [1, 4, 9, 16, 25]
 *     CompletableFuture<Integer> f = pool.applyAsync(() -> longTask(7));
 *     f.get(10, TimeUnit.SECONDS);
 * }
 * }</pre>
 * Workers are started once and fed through shared-memory pipes, one per worker, in batches
 * ({@code chunksize} items each). A task's exception fails the call with a
 * {@link PoolTaskException} whose cause carries the remote type, message and stack trace; the
 * pool stays usable. A worker that dies (kill -9, {@code System.exit}, a crash) fails the
 * batches it held with {@link WorkerDiedException} at once and is replaced: no call ever waits
 * on a dead worker. Large arguments and results (megabytes) go through the pipes' spill files.
 * <p>
 * A task that throws a {@link VirtualMachineError} ({@link OutOfMemoryError},
 * {@link StackOverflowError}, {@link InternalError}) fails its own call with a
 * {@link PoolTaskException} whose cause names that error, and costs its worker: the worker reports
 * the error as fatal and exits, the pool sends it nothing more, the batches it had been sent but
 * had not read go to other workers, and a fresh worker takes its place. Other calls, even ones
 * submitted right after, never fail because of it. A {@link LinkageError} is an ordinary task
 * failure: the worker stays. Give workers the heap they need with
 * {@link PoolOptions#jvmOptions} ({@code -Xmx}).
 * <p>
 * Functions, arguments and results are Java-serialized and read through an allow-list: the JDK's
 * value classes, mmipc's, the package of the class that created the pool, and
 * {@link PoolOptions#allowPackage}/{@link PoolOptions#allowClass}. What the workers would refuse
 * is refused when it is submitted: the call fails with a {@link PoolTaskException} that names the
 * function or the item, the refused class and the call that admits it; no worker is involved.
 * <p>
 * {@link PoolOptions#initializer} runs a task in each worker before its first (Python's
 * {@code initializer}); {@link #asExecutorService()} is the pool as an {@link java.util.concurrent.ExecutorService}
 * (Python's {@code ProcessPoolExecutor}).
 * <p>
 * Where it lives: the Pool is in core and runs on the {@link Pipe}s of whatever transport is on
 * the class path (ipc-agrona), where its tests run.
 */
public final class Pool implements AutoCloseable
{
    private final PoolCalls calls;
    private final int processes;
    private final PoolExecutor executor;

    Pool(final IpcContext ctx, final PoolOptions options, final Class<?> creator)
    {
        SerialFilter filter = SerialFilter.defaults();
        final String pkg = creator.getPackageName();
        if (!pkg.isEmpty() && !pkg.startsWith("java."))
        {
            filter = filter.allowPattern(pkg + ".**");
        }
        for (final String pattern : options.allowPatterns())
        {
            filter = filter.allowPattern(pattern);
        }
        this.calls = new PoolCalls(ctx, ctx.transportContext, options, filter);
        this.processes = options.workers();
        this.executor = new PoolExecutor(this, calls);
    }

    /**
     * This pool as an {@link java.util.concurrent.ExecutorService}: Python's
     * {@code ProcessPoolExecutor}. Its {@code shutdown} and {@code close} are this pool's; there is
     * one per pool.
     */
    public PoolExecutor asExecutorService()
    {
        return executor;
    }

    /**
     * @return the number of worker JVMs, on this host and on other nodes.
     */
    public int processes()
    {
        return processes;
    }

    /**
     * @return the pids of the workers alive now.
     */
    public List<Long> workerPids()
    {
        return calls.workerPids();
    }

    /**
     * Python's {@code pool.map(f, items)}: the results in the order of the items.
     *
     * @throws PoolTaskException when a task threw (the first failing item's).
     * @throws WorkerDiedException when a worker died holding a batch.
     */
    public <T, R> List<R> map(final RemoteFunction<? super T, ? extends R> fn, final Iterable<? extends T> items)
    {
        return map(fn, items, 0);
    }

    /**
     * @param chunksize items per batch; 0 picks Python's default (a quarter of an even share per worker).
     */
    public <T, R> List<R> map(
        final RemoteFunction<? super T, ? extends R> fn, final Iterable<? extends T> items, final int chunksize)
    {
        return PoolCalls.join(mapAsync(fn, items, chunksize));
    }

    /**
     * Python's {@code map_async}: the results' list when every batch is done.
     */
    public <T, R> CompletableFuture<List<R>> mapAsync(
        final RemoteFunction<? super T, ? extends R> fn, final Iterable<? extends T> items, final int chunksize)
    {
        return calls.mapAsync(fn, items, chunksize);
    }

    /**
     * Python's {@code imap}: results in order, each as soon as it and those before it are done;
     * items are submitted a few batches ahead of the iteration.
     */
    public <T, R> Iterator<R> imap(
        final RemoteFunction<? super T, ? extends R> fn, final Iterable<? extends T> items, final int chunksize)
    {
        return calls.imap(fn, items, chunksize, true);
    }

    public <T, R> Iterator<R> imap(final RemoteFunction<? super T, ? extends R> fn, final Iterable<? extends T> items)
    {
        return imap(fn, items, 1);
    }

    /**
     * Python's {@code imap_unordered}: results as batches finish.
     */
    public <T, R> Iterator<R> imapUnordered(
        final RemoteFunction<? super T, ? extends R> fn, final Iterable<? extends T> items, final int chunksize)
    {
        return calls.imap(fn, items, chunksize, false);
    }

    public <T, R> Iterator<R> imapUnordered(
        final RemoteFunction<? super T, ? extends R> fn, final Iterable<? extends T> items)
    {
        return imapUnordered(fn, items, 1);
    }

    /**
     * Python's {@code starmap(f, [(a, b), ...])}, for two-argument functions.
     */
    public <A, B, R> List<R> starmap(
        final RemoteBiFunction<? super A, ? super B, ? extends R> fn,
        final Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs)
    {
        return calls.starmap(fn, pairs);
    }

    /**
     * Python's {@code apply_async(f, (arg,))}: {@code callback} and {@code error_callback} are the
     * future's {@code thenAccept} and {@code exceptionally}.
     */
    public <T, R> CompletableFuture<R> applyAsync(final RemoteFunction<? super T, ? extends R> fn, final T arg)
    {
        return calls.applyAsync(fn, arg);
    }

    /**
     * {@code apply_async} for a task that captures its own arguments: {@code pool.applyAsync(() -> f(a, b))}.
     */
    public <R> CompletableFuture<R> applyAsync(final RemoteCallable<? extends R> task)
    {
        return calls.applyAsync(PoolCalls.asFunction(task), null);
    }

    /**
     * Python's {@code apply}: runs one task in a worker and waits for its result.
     */
    public <R> R apply(final RemoteCallable<? extends R> task)
    {
        return PoolCalls.join(applyAsync(task));
    }

    /**
     * Python's {@code close()} followed by {@code join()}: takes no more work, lets what was
     * submitted finish, stops the workers and waits for them.
     */
    @Override
    public void close()
    {
        calls.close();
        join();
    }

    /**
     * Python's {@code terminate()}: kills the workers now; what was not done fails with a
     * {@link java.util.concurrent.CancellationException}.
     */
    public void terminate()
    {
        calls.terminate();
        join();
    }

    /**
     * Waits for the workers to end after {@link #close()} or {@link #terminate()}.
     *
     * @throws IllegalStateException while the pool still takes work (as Python's join does).
     */
    public void join()
    {
        calls.join();
    }

    @Override
    public String toString()
    {
        return "<Pool processes=" + processes + " state=" + calls.state() + ">";
    }
}
