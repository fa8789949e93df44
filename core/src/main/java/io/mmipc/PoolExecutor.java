package io.mmipc;

import io.mmipc.internal.pool.PoolCalls;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Pool} as an {@link ExecutorService}: Python's {@code concurrent.futures.ProcessPoolExecutor}.
 * <pre>{@code
 * try (IpcContext ctx = IpcContext.create(); PoolExecutor executor = ctx.pool(4).asExecutorService()) {
 *     Future<Boolean> prime = executor.submit(() -> isPrime(112272535095293L));
 *     List<Future<Long>> all = executor.invokeAll(List.of(task1, task2));   // List<RemoteCallable<Long>>
 * }
 * }</pre>
 * Tasks run in the pool's worker JVMs, so they must be serializable: a lambda written where a
 * {@code PoolExecutor} (not a plain {@code ExecutorService}) is called becomes a
 * {@link RemoteCallable} or {@link RemoteRunnable}, which are; any {@link Callable} or
 * {@link Runnable} whose class is {@link Serializable} is taken as well. Anything else is refused
 * at once with an {@link IllegalArgumentException} that names its class; a task whose captured
 * values the workers cannot read fails its future with a {@link PoolTaskException} naming them.
 * <p>
 * What a future fails with, as the cause of its {@link ExecutionException}: a
 * {@link PoolTaskException} when the task threw (its cause carries the remote stack trace); a
 * {@link WorkerDiedException} when its worker died (kill -9, a crash) while holding it, the others
 * unaffected; a {@link PoolInitializerException} when the pool is broken.
 * <p>
 * Cancelling never interrupts a running task ({@code cancel(true)} is {@code cancel(false)}): a
 * task no worker was sent yet never runs; one already sent runs to its end and its result is
 * dropped. {@link #shutdownNow()} is the way to stop running tasks: it kills the workers.
 */
public final class PoolExecutor implements ExecutorService, AutoCloseable
{
    private final Pool pool;
    private final PoolCalls calls;

    PoolExecutor(final Pool pool, final PoolCalls calls)
    {
        this.pool = pool;
        this.calls = calls;
    }

    /**
     * @return the pool this executor runs on.
     */
    public Pool pool()
    {
        return pool;
    }

    /**
     * Runs {@code task} in a worker JVM: {@code executor.submit(() -> work(a, b))}.
     *
     * @throws RejectedExecutionException after {@link #shutdown()}.
     */
    public <T> CompletableFuture<T> submit(final RemoteCallable<T> task)
    {
        return submitRemote(Objects.requireNonNull(task, "task"), task);
    }

    /**
     * @throws IllegalArgumentException when {@code task}'s class is not {@link Serializable}.
     */
    @Override
    public <T> CompletableFuture<T> submit(final Callable<T> task)
    {
        return submitRemote(remote(task), task);
    }

    /**
     * Runs {@code task} in a worker JVM; the future's value is null.
     */
    public CompletableFuture<?> submit(final RemoteRunnable task)
    {
        return submit((Runnable)task);
    }

    @Override
    public CompletableFuture<?> submit(final Runnable task)
    {
        return submitRemote(remote(task), task);
    }

    /**
     * @param result the future's value once {@code task} has run; it stays in this JVM.
     */
    @Override
    public <T> CompletableFuture<T> submit(final Runnable task, final T result)
    {
        final CompletableFuture<?> ran = submit(task);
        final CompletableFuture<T> done = new CompletableFuture<>();
        ran.whenComplete((ignored, failure) ->
        {
            if (failure == null)
            {
                done.complete(result);
            }
            else
            {
                done.completeExceptionally(failure);
            }
        });
        done.whenComplete((ignored, failure) ->
        {
            if (done.isCancelled())
            {
                ran.cancel(false);
            }
        });
        return done;
    }

    /**
     * Runs {@code command} in a worker JVM; a failure is logged, as nobody waits for it.
     */
    public void execute(final RemoteRunnable command)
    {
        execute((Runnable)command);
    }

    @Override
    public void execute(final Runnable command)
    {
        submit(command).whenComplete((ignored, failure) ->
        {
            if (failure != null && !(failure instanceof CancellationException))
            {
                ProcessLogging.logger().warning(() -> "a task given to " + pool + " by execute() failed: " + failure);
            }
        });
    }

    /**
     * Runs every task and waits until all are done (or failed); the futures are in the tasks' order.
     * A worker that dies fails only the futures of the tasks it held.
     *
     * @throws IllegalArgumentException before anything runs, when a task is not serializable.
     */
    @Override
    public <T> List<Future<T>> invokeAll(final Collection<? extends Callable<T>> tasks) throws InterruptedException
    {
        return all(tasks, Long.MAX_VALUE);
    }

    /**
     * As {@link #invokeAll(Collection)}; the tasks not done when {@code timeout} ends are cancelled.
     */
    @Override
    public <T> List<Future<T>> invokeAll(
        final Collection<? extends Callable<T>> tasks, final long timeout, final TimeUnit unit)
        throws InterruptedException
    {
        return all(tasks, System.nanoTime() + unit.toNanos(timeout));
    }

    /**
     * Runs every task and returns the first successful result; the others are cancelled.
     *
     * @throws ExecutionException when every task failed (the cause is the last failure).
     */
    @Override
    public <T> T invokeAny(final Collection<? extends Callable<T>> tasks)
        throws InterruptedException, ExecutionException
    {
        try
        {
            return any(tasks, Long.MAX_VALUE);
        }
        catch (final TimeoutException cannot)
        {
            throw new IllegalStateException("invokeAny without a timeout timed out", cannot);
        }
    }

    @Override
    public <T> T invokeAny(final Collection<? extends Callable<T>> tasks, final long timeout, final TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        return any(tasks, System.nanoTime() + unit.toNanos(timeout));
    }

    /**
     * Python's {@code shutdown(wait=False)}: takes no more tasks; those submitted run to their end,
     * then the workers stop. {@link #awaitTermination} waits for that.
     */
    @Override
    public void shutdown()
    {
        calls.close();
    }

    /**
     * Python's {@code shutdown(cancel_futures=True)}, and more: kills the workers now. The futures
     * of tasks running (or sent to a worker) fail with a {@link CancellationException}; those no
     * worker was sent are cancelled too and returned, each as a {@link Runnable} that would run
     * it here (a {@link Callable} wrapped), in submission order.
     */
    @Override
    public List<Runnable> shutdownNow()
    {
        return calls.terminateAndDrain();
    }

    @Override
    public boolean isShutdown()
    {
        return calls.isShutdown();
    }

    /**
     * @return whether the pool has stopped and every worker JVM has ended.
     */
    @Override
    public boolean isTerminated()
    {
        return calls.isTerminated();
    }

    @Override
    public boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        final long millis = unit.toMillis(timeout);
        return calls.awaitTermination(millis == 0 && timeout > 0 ? 1 : millis);
    }

    /**
     * Python's {@code with ProcessPoolExecutor() as executor:} ending: {@link Pool#close()}, which
     * lets the submitted tasks finish and waits for the workers to end.
     */
    @Override
    public void close()
    {
        pool.close();
    }

    @Override
    public String toString()
    {
        return "<PoolExecutor of " + pool + ">";
    }

    private <T> CompletableFuture<T> submitRemote(final RemoteCallable<T> task, final Object original)
    {
        try
        {
            return calls.submitTask(task, unsent(original));
        }
        catch (final IllegalStateException closed)
        {
            throw new RejectedExecutionException(pool + " takes no more tasks: " + closed.getMessage(), closed);
        }
    }

    private <T> List<CompletableFuture<T>> submitAll(final Collection<? extends Callable<T>> tasks)
    {
        final List<RemoteCallable<T>> remote = new ArrayList<>(tasks.size());
        for (final Callable<T> task : tasks)
        {
            remote.add(remote(task)); // all checked before any runs
        }
        final List<CompletableFuture<T>> futures = new ArrayList<>(tasks.size());
        int i = 0;
        for (final Callable<T> task : tasks)
        {
            try
            {
                futures.add(submitRemote(remote.get(i++), task));
            }
            catch (final RejectedExecutionException ex)
            {
                futures.forEach(f -> f.cancel(false));
                throw ex;
            }
        }
        return futures;
    }

    private <T> List<Future<T>> all(final Collection<? extends Callable<T>> tasks, final long deadline)
        throws InterruptedException
    {
        final List<CompletableFuture<T>> futures = submitAll(tasks);
        try
        {
            for (final CompletableFuture<T> future : futures)
            {
                awaitQuietly(future, deadline);
            }
        }
        catch (final InterruptedException | TimeoutException ex)
        {
            futures.forEach(f -> f.cancel(false));
            if (ex instanceof InterruptedException interrupted)
            {
                throw interrupted;
            }
        }
        return new ArrayList<>(futures);
    }

    private <T> T any(final Collection<? extends Callable<T>> tasks, final long deadline)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        if (tasks.isEmpty())
        {
            throw new IllegalArgumentException("invokeAny needs at least one task");
        }
        final List<CompletableFuture<T>> futures = submitAll(tasks);
        final CompletableFuture<T> first = new CompletableFuture<>();
        final AtomicInteger left = new AtomicInteger(futures.size());
        for (final CompletableFuture<T> future : futures)
        {
            future.whenComplete((result, failure) ->
            {
                if (failure == null)
                {
                    first.complete(result);
                }
                else if (left.decrementAndGet() == 0)
                {
                    first.completeExceptionally(failure);
                }
            });
        }
        try
        {
            return deadline == Long.MAX_VALUE ? first.get() : first.get(remaining(deadline), TimeUnit.NANOSECONDS);
        }
        finally
        {
            futures.forEach(f -> f.cancel(false));
        }
    }

    /**
     * Waits for {@code future} to be done, however it ends.
     */
    private static void awaitQuietly(final CompletableFuture<?> future, final long deadline)
        throws InterruptedException, TimeoutException
    {
        try
        {
            if (deadline == Long.MAX_VALUE)
            {
                future.get();
            }
            else
            {
                future.get(remaining(deadline), TimeUnit.NANOSECONDS);
            }
        }
        catch (final ExecutionException | CancellationException done)
        {
            // a failed or cancelled task is done too: its future tells the caller
        }
    }

    private static long remaining(final long deadline)
    {
        return Math.max(0, deadline - System.nanoTime());
    }

    @SuppressWarnings("unchecked")
    private static <T> RemoteCallable<T> remote(final Callable<T> task)
    {
        Objects.requireNonNull(task, "task");
        if (task instanceof RemoteCallable)
        {
            return (RemoteCallable<T>)task;
        }
        requireSerializable(task, "Callable", "RemoteCallable");
        return task::call;
    }

    private static RemoteCallable<Object> remote(final Runnable task)
    {
        Objects.requireNonNull(task, "task");
        requireSerializable(task, "Runnable", "RemoteRunnable");
        return () ->
        {
            task.run();
            return null;
        };
    }

    private static void requireSerializable(final Object task, final String kind, final String remoteKind)
    {
        if (!(task instanceof Serializable))
        {
            throw new IllegalArgumentException("a " + kind + " given to a PoolExecutor runs in a worker JVM, so it " +
                "must be Serializable, and " + task.getClass().getName() + " is not: write it as a lambda where the " +
                "executor's type is PoolExecutor (it becomes a " + remoteKind + "), cast it to " + remoteKind +
                ", or make its class Serializable");
        }
    }

    /**
     * @return what {@link #shutdownNow()} hands back for {@code task} when no worker was sent it.
     */
    private static Runnable unsent(final Object task)
    {
        if (task instanceof Runnable runnable)
        {
            return runnable;
        }
        final Callable<?> callable = (Callable<?>)task;
        return () ->
        {
            try
            {
                callable.call();
            }
            catch (final RuntimeException ex)
            {
                throw ex;
            }
            catch (final Exception ex)
            {
                throw new CompletionException(ex);
            }
        };
    }
}
