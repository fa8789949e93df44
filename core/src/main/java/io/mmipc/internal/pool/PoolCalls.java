package io.mmipc.internal.pool;

import io.mmipc.IpcContext;
import io.mmipc.PoolOptions;
import io.mmipc.RemoteBiFunction;
import io.mmipc.RemoteCallable;
import io.mmipc.RemoteFunction;
import io.mmipc.PoolTaskException;
import io.mmipc.codec.SerialFilter;
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

    public PoolCalls(final IpcContext ctx, final PoolOptions options, final SerialFilter filter)
    {
        this.filter = filter;
        this.processes = options.processes();
        this.dispatcher = new Dispatcher(ctx, options, filter);
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
        final Job job = new Job(id, message, firstIndex, single);
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
        final String why;
        final java.lang.invoke.SerializedLambda lambda = TaskCodec.serializedLambda(fn);
        if (failure instanceof FilteredSerialization.RefusedException refused && lambda != null &&
            what.equals("the function") && lambda.getCapturingClass().replace('/', '.').equals(refused.refusedClass()))
        {
            why = "it is a lambda written in " + refused.refusedClass() + " (" + lambda.getImplMethodName() +
                "), a class this pool's workers do not admit; admit it with " + TaskCodec.admitHint("PoolOptions", refused);
        }
        else if (failure instanceof FilteredSerialization.RefusedException refused)
        {
            why = "it holds " + refused.refusedClass() + ", which this pool's workers do not admit; admit it with " +
                TaskCodec.admitHint("PoolOptions", refused);
        }
        else if (failure instanceof NotSerializableException notSerializable && what.equals("the function"))
        {
            why = TaskCodec.describe(fn, notSerializable.getMessage());
        }
        else if (failure instanceof NotSerializableException notSerializable)
        {
            why = "it holds a " + notSerializable.getMessage() + ", which is not Serializable";
        }
        else
        {
            why = failure.toString();
        }
        return new PoolTaskException(what + " cannot be sent to a worker: " + why, index, failure);
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
