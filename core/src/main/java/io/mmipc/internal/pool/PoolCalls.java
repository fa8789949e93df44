package io.mmipc.internal.pool;

import io.mmipc.IpcContext;
import io.mmipc.PoolOptions;
import io.mmipc.RemoteBiFunction;
import io.mmipc.RemoteCallable;
import io.mmipc.RemoteFunction;
import io.mmipc.PoolTaskException;
import io.mmipc.Task;
import io.mmipc.codec.SerialFilter;
import io.mmipc.internal.spi.TransportContext;
import io.mmipc.internal.FilteredSerialization;
import io.mmipc.internal.launch.TaskCodec;

import java.io.IOException;
import java.io.NotSerializableException;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The calls of {@link io.mmipc.Pool}, turned into batches for the {@link Dispatcher}.
 */
public final class PoolCalls
{
    private final Dispatcher dispatcher;
    private final SerialFilter filter;
    private final int processes;
    private final AtomicLong batchIds = new AtomicLong();

    public PoolCalls(final IpcContext ctx, final TransportContext transport, final PoolOptions options,
        final SerialFilter filter)
    {
        this.filter = filter;
        this.processes = options.workers();
        this.dispatcher = new Dispatcher(ctx, transport, options, filter, initializer(options.initializer()));
    }

    /**
     * @return the initializer serialized for the workers, checked against their allow-list here; null for none.
     * @throws IllegalArgumentException naming what in it cannot be sent, and how to fix it.
     */
    private byte[] initializer(final Task task)
    {
        if (task == null)
        {
            return null;
        }
        try
        {
            return Messages.write(task, filter);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("the pool's initializer cannot be sent to a worker: " +
                why(task, ex, true), ex);
        }
    }

    public List<Long> workerPids()
    {
        return dispatcher.workerPids();
    }

    public String state()
    {
        return dispatcher.state().name().toLowerCase();
    }

    @SuppressWarnings("unchecked")
    public <T, R> CompletableFuture<List<R>> mapAsync(
        final RemoteFunction<? super T, ? extends R> fn, final Iterable<? extends T> items, final int chunksize)
    {
        final List<Object> all = new ArrayList<>();
        items.forEach(all::add);
        final int size = chunksize > 0 ? chunksize : defaultChunksize(all.size());
        final List<CompletableFuture<List<Object>>> parts = new ArrayList<>();
        for (int start = 0; start < all.size(); start += size)
        {
            final CompletableFuture<List<Object>> part =
                submit(fn, all.subList(start, Math.min(all.size(), start + size)), start, false);
            parts.add(part);
            if (part.isCompletedExceptionally())
            {
                break; // refused at submission: the call fails, the rest need not go
            }
        }
        final CompletableFuture<Void> everyPart = CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new));
        for (final CompletableFuture<List<Object>> part : parts)
        {
            // Python's map fails as soon as one chunk fails: so does this, and the chunks not yet
            // handed to a worker are dropped.
            part.whenComplete((r, failure) ->
            {
                if (failure != null)
                {
                    parts.forEach(other -> other.cancel(false));
                }
            });
        }
        final CompletableFuture<List<R>> result = new CompletableFuture<>();
        final int count = all.size();
        everyPart.whenComplete((ignored, failure) ->
        {
            if (failure == null)
            {
                result.complete(collect(parts, count));
            }
        });
        for (final CompletableFuture<List<Object>> part : parts)
        {
            part.whenComplete((r, failure) ->
            {
                if (failure != null && !(failure instanceof java.util.concurrent.CancellationException))
                {
                    result.completeExceptionally(failure);
                }
            });
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static <R> List<R> collect(final List<CompletableFuture<List<Object>>> parts, final int size)
    {
        {
            final List<R> results = new ArrayList<>(size);
            for (final CompletableFuture<List<Object>> part : parts)
            {
                for (final Object r : part.join())
                {
                    results.add((R)r);
                }
            }
            return results;
        }
    }

    public <T, R> Iterator<R> imap(
        final RemoteFunction<? super T, ? extends R> fn, final Iterable<? extends T> items, final int chunksize,
        final boolean ordered)
    {
        if (chunksize < 1)
        {
            throw new IllegalArgumentException("chunksize must be at least 1, got " + chunksize);
        }
        return new Results<>(fn, items.iterator(), chunksize, ordered);
    }

    public <A, B, R> List<R> starmap(
        final RemoteBiFunction<? super A, ? super B, ? extends R> fn,
        final Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs)
    {
        final List<Map.Entry<A, B>> args = new ArrayList<>();
        for (final Map.Entry<? extends A, ? extends B> pair : pairs)
        {
            // Map.entry()'s class is not serializable: carry the pair in one that is.
            args.add(new AbstractMap.SimpleImmutableEntry<>(pair.getKey(), pair.getValue()));
        }
        final RemoteFunction<Map.Entry<A, B>, R> spread = pair -> fn.apply(pair.getKey(), pair.getValue());
        return join(mapAsync(spread, args, 0));
    }

    @SuppressWarnings("unchecked")
    public <T, R> CompletableFuture<R> applyAsync(final RemoteFunction<? super T, ? extends R> fn, final T arg)
    {
        final List<Object> args = new ArrayList<>(1);
        args.add(arg);
        return submit(fn, args, 0, true).thenApply(results -> (R)results.get(0));
    }

    public static <R> RemoteFunction<Object, R> asFunction(final RemoteCallable<? extends R> task)
    {
        return ignored -> task.call();
    }

    /**
     * One task for {@link io.mmipc.PoolExecutor}: cancelling the returned future cancels its batch, so
     * a task not yet sent to a worker never runs (one already sent runs to its end, unseen).
     *
     * @param unsent what {@link #terminateAndDrain} hands back for this task when no worker was sent it.
     */
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> submitTask(final RemoteCallable<? extends R> task, final Runnable unsent)
    {
        final List<Object> args = new ArrayList<>(1);
        args.add(null);
        final CompletableFuture<List<Object>> part = submit(asFunction(task), args, 0, true, unsent);
        final CompletableFuture<R> result = new CompletableFuture<>();
        part.whenComplete((results, failure) ->
        {
            if (failure == null)
            {
                result.complete((R)results.get(0));
            }
            else
            {
                result.completeExceptionally(failure);
            }
        });
        result.whenComplete((r, failure) ->
        {
            if (result.isCancelled())
            {
                part.cancel(false);
            }
        });
        return result;
    }

    /**
     * Terminates the pool and cancels the calls no worker was sent.
     *
     * @return the {@code unsent} of each such call of {@link #submitTask}, in submission order.
     */
    public List<Runnable> terminateAndDrain()
    {
        final List<Runnable> unsent = new ArrayList<>();
        for (final Job job : dispatcher.terminateAndDrain())
        {
            if (job.result.cancel(false) && job.unsent != null)
            {
                unsent.add(job.unsent);
            }
        }
        return unsent;
    }

    /**
     * @return whether the pool takes no more work: closed or terminated.
     */
    public boolean isShutdown()
    {
        return dispatcher.state() != Dispatcher.State.RUNNING;
    }

    public boolean isTerminated()
    {
        return dispatcher.state() == Dispatcher.State.DONE;
    }

    /**
     * @return whether the pool's workers all ended within {@code millis}.
     */
    public boolean awaitTermination(final long millis) throws InterruptedException
    {
        return millis <= 0 ? isTerminated() : dispatcher.join(millis);
    }

    public void close()
    {
        dispatcher.close();
    }

    public void terminate()
    {
        dispatcher.terminate();
    }

    public void join()
    {
        if (dispatcher.state() == Dispatcher.State.RUNNING)
        {
            throw new IllegalStateException("join() needs close() or terminate() first: the pool still takes work");
        }
        try
        {
            dispatcher.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining the pool", ex);
        }
    }

    /**
     * Waits for {@code future} and rethrows what failed it as it is (a {@link io.mmipc.PoolTaskException},
     * a {@link io.mmipc.WorkerDiedException} ...), not wrapped.
     */
    public static <R> R join(final CompletableFuture<R> future)
    {
        try
        {
            return future.get();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the pool", ex);
        }
        catch (final ExecutionException ex)
        {
            final Throwable cause = ex.getCause();
            if (cause instanceof RuntimeException runtime)
            {
                throw runtime;
            }
            if (cause instanceof Error error)
            {
                throw error;
            }
            throw new CompletionException(cause);
        }
    }

    /**
     * Python's default: {@code divmod(len, processes * 4)}, rounded up.
     */
    int defaultChunksize(final int items)
    {
        final int share = processes * 4;
        return Math.max(1, (items + share - 1) / share);
    }

    @SuppressWarnings("unchecked")
    private CompletableFuture<List<Object>> submit(
        final RemoteFunction<?, ?> fn, final List<Object> args, final int firstIndex, final boolean single)
    {
        return submit(fn, args, firstIndex, single, null);
    }

    @SuppressWarnings("unchecked")
    private CompletableFuture<List<Object>> submit(
        final RemoteFunction<?, ?> fn, final List<Object> args, final int firstIndex, final boolean single,
        final Runnable unsent)
    {
        final long id = batchIds.incrementAndGet();
        final byte[] message;
        try
        {
            // Checked here against the workers' allow-list: a refusal fails this call, not a worker.
            message = Messages.write(new Messages.Batch(id, (RemoteFunction<Object, Object>)fn, new ArrayList<>(args)),
                filter);
        }
        catch (final IOException ex)
        {
            return CompletableFuture.failedFuture(cannotSend(fn, args, firstIndex, single, ex));
        }
        final Job job = new Job(id, message, firstIndex, single, unsent);
        dispatcher.submit(job);
        return job.result;
    }

    /**
     * Says which part of a batch cannot be sent (the function or which item), why, and how to fix it.
     */
    private PoolTaskException cannotSend(
        final RemoteFunction<?, ?> fn, final List<Object> args, final int firstIndex, final boolean single,
        final IOException whole)
    {
        String what = "the function";
        int index = -1;
        IOException failure = failure(fn);
        for (int i = 0; failure == null && i < args.size(); i++)
        {
            failure = failure(args.get(i));
            if (failure != null)
            {
                index = single ? -1 : firstIndex + i;
                what = (single ? "the task's argument, a " : "the argument for item " + index + ", a ") +
                    className(args.get(i)) + ",";
            }
        }
        if (failure == null)
        {
            failure = whole; // only the whole batch fails (say, a value that refers to the function)
            what = "the batch from item " + firstIndex;
        }
        return new PoolTaskException(what + " cannot be sent to a worker: " + why(fn, failure, what.equals("the function")),
            index, failure);
    }

    /**
     * @param function whether {@code failure} is the function's own (or the initializer's), not a value's.
     * @return why {@code value} cannot be sent, and how to fix it.
     */
    private static String why(final Object value, final IOException failure, final boolean function)
    {
        final String why;
        final java.lang.invoke.SerializedLambda lambda = TaskCodec.serializedLambda(value);
        if (failure instanceof FilteredSerialization.RefusedException refused && lambda != null &&
            function && lambda.getCapturingClass().replace('/', '.').equals(refused.refusedClass()))
        {
            why = "it is a lambda written in " + refused.refusedClass() + " (" + lambda.getImplMethodName() +
                "), a class this pool's workers do not admit; admit it with " + TaskCodec.admitHint("PoolOptions", refused);
        }
        else if (failure instanceof FilteredSerialization.RefusedException refused)
        {
            why = "it holds " + refused.refusedClass() + ", which this pool's workers do not admit; admit it with " +
                TaskCodec.admitHint("PoolOptions", refused);
        }
        else if (failure instanceof NotSerializableException notSerializable && function)
        {
            why = TaskCodec.describe(value, notSerializable.getMessage());
        }
        else if (failure instanceof NotSerializableException notSerializable)
        {
            why = "it holds a " + notSerializable.getMessage() + ", which is not Serializable";
        }
        else
        {
            why = failure.toString();
        }
        return why;
    }

    private IOException failure(final Object value)
    {
        try
        {
            Messages.write(value, filter);
            return null;
        }
        catch (final IOException ex)
        {
            return ex;
        }
    }

    private static String className(final Object value)
    {
        return value == null ? "null" : value.getClass().getName();
    }

    /**
     * imap's iterator: keeps a few batches ahead of the caller.
     */
    private final class Results<T, R> implements Iterator<R>
    {
        private final RemoteFunction<? super T, ? extends R> fn;
        private final Iterator<? extends T> source;
        private final int chunksize;
        private final boolean ordered;
        private final int window = processes * 2;
        private final ArrayDeque<CompletableFuture<List<Object>>> submitted = new ArrayDeque<>();
        private final LinkedBlockingQueue<CompletableFuture<List<Object>>> finished = new LinkedBlockingQueue<>();
        private int outstanding;
        private int submittedItems;
        private Iterator<Object> current;

        Results(
            final RemoteFunction<? super T, ? extends R> fn,
            final Iterator<? extends T> source,
            final int chunksize,
            final boolean ordered)
        {
            this.fn = fn;
            this.source = source;
            this.chunksize = chunksize;
            this.ordered = ordered;
            fill();
        }

        private void fill()
        {
            while (outstanding < window && source.hasNext())
            {
                final List<Object> chunk = new ArrayList<>(chunksize);
                while (chunk.size() < chunksize && source.hasNext())
                {
                    chunk.add(source.next());
                }
                final CompletableFuture<List<Object>> part = submit(fn, chunk, submittedItems, false);
                submittedItems += chunk.size();
                outstanding++;
                if (ordered)
                {
                    submitted.addLast(part);
                }
                else
                {
                    part.whenComplete((r, t) -> finished.add(part));
                }
            }
        }

        @Override
        public boolean hasNext()
        {
            while (current == null || !current.hasNext())
            {
                if (outstanding == 0)
                {
                    return false;
                }
                final CompletableFuture<List<Object>> next;
                try
                {
                    next = ordered ? submitted.pollFirst() : finished.take();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the pool", ex);
                }
                outstanding--;
                current = join(next).iterator();
                fill();
            }
            return true;
        }

        @Override
        @SuppressWarnings("unchecked")
        public R next()
        {
            if (!hasNext())
            {
                throw new NoSuchElementException();
            }
            return (R)current.next();
        }
    }
}
