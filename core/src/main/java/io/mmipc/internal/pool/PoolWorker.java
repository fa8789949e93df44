package io.mmipc.internal.pool;

import io.mmipc.internal.wait.WakeFile;
import io.mmipc.EndOfStreamException;
import io.mmipc.PipeEnd;
import io.mmipc.RemoteTaskException;
import io.mmipc.Task;
import io.mmipc.codec.SerialFilter;
import io.mmipc.internal.FilteredSerialization;
import io.mmipc.internal.launch.TaskCodec;
import io.mmipc.internal.wait.Futex;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * A pool worker's life, in its own JVM: run the pool's initializer, if any, and report
 * {@link Messages.Ready} (or {@link Messages.InitFailed} and exit); read a batch from its pipe, run the function on every
 * argument, send the results (or the first failure) back; exit on {@link Messages.Stop}, when the
 * parent's end closes, or after its task limit. Each reply signals the pool's wake word
 * ({@link PoolWake}), so a dispatcher asleep in the kernel wakes for it.
 */
final class PoolWorker implements Task
{
    private static final long serialVersionUID = 1L;

    private final PipeEnd<byte[]> end;
    private final List<String> allowPatterns;
    private final int maxTasks;
    private final String wakePath;
    private final byte[] initializer;
    private transient WakeFile wake;

    /**
     * @param wakePath    the pool's wake file, or null for a worker on another node than its pool.
     * @param initializer the pool's initializer {@link Task}, serialized and read here through the
     *                    pool's allow-list as a batch is; null for none.
     */
    PoolWorker(
        final PipeEnd<byte[]> end,
        final List<String> allowPatterns,
        final int maxTasks,
        final String wakePath,
        final byte[] initializer)
    {
        this.end = end;
        this.allowPatterns = List.copyOf(allowPatterns);
        this.maxTasks = maxTasks;
        this.wakePath = wakePath;
        this.initializer = initializer;
    }

    static SerialFilter filter(final List<String> patterns)
    {
        SerialFilter filter = SerialFilter.defaults();
        for (final String pattern : patterns)
        {
            filter = filter.allowPattern(pattern);
        }
        return filter;
    }

    @Override
    public void run() throws Exception
    {
        if (wakePath == null)
        {
            // On another node (its agent started it): the dispatcher re-polls within a wait slice.
            if (initialize())
            {
                serve();
            }
            return;
        }
        Futex.ready(); // starts loading the futex now, so that the first replies can wake a sleeping dispatcher
        try (WakeFile opened = PoolWake.open(Paths.get(wakePath)))
        {
            wake = opened;
            if (initialize())
            {
                serve();
            }
        }
    }

    /**
     * @return whether the initializer (if any) returned; when it did not, the parent was told why
     *         and this worker's end is closed.
     */
    private boolean initialize() throws InterruptedException
    {
        if (initializer == null)
        {
            return true;
        }
        try
        {
            ((Task)Messages.read(initializer, filter(allowPatterns))).run();
        }
        catch (final Throwable t)
        {
            reply(Messages.write(new Messages.InitFailed(RemoteTaskException.describe(t))));
            end.close();
            return false;
        }
        reply(Messages.write(new Messages.Ready()));
        return true;
    }

    private void serve() throws Exception
    {
        final SerialFilter filter = filter(allowPatterns);
        int batches = 0;
        while (true)
        {
            final byte[] bytes;
            try
            {
                bytes = end.recv();
            }
            catch (final EndOfStreamException parentGone)
            {
                return;
            }
            final Object message;
            try
            {
                message = Messages.read(bytes, filter);
            }
            catch (final IllegalStateException refused)
            {
                // The parent checks what it sends, so this is rare (a bound such as depth): say so, and go on.
                reply(Messages.write(new Messages.Unreadable(RemoteTaskException.describe(refused))));
                continue;
            }
            if (message instanceof Messages.Stop)
            {
                end.close();
                return;
            }
            final Messages.Batch batch = (Messages.Batch)message;
            final Throwable fatal = runBatch(batch, filter);
            batches++;
            if (fatal != null)
            {
                // The failure is reported as fatal, so the parent sends nothing more and re-sends what this
                // worker holds unread; a JVM that ran out of memory is not fit for more work.
                end.close();
                System.exit(1);
            }
            if (maxTasks > 0 && batches >= maxTasks)
            {
                reply(Messages.write(new Messages.Retiring(batches)));
                end.close();
                return;
            }
        }
    }

    /**
     * @return a virtual-machine error that the worker must not survive, after reporting it.
     */
    private Throwable runBatch(final Messages.Batch batch, final SerialFilter filter) throws InterruptedException
    {
        final List<Object> results = new ArrayList<>(batch.args().size());
        Object reply;
        Throwable fatal = null;
        int index = 0;
        try
        {
            for (; index < batch.args().size(); index++)
            {
                results.add(batch.fn().apply(batch.args().get(index)));
            }
            reply = new Messages.Done(batch.id(), results);
        }
        catch (final Throwable t)
        {
            results.clear(); // what the batch made so far is garbage now: room to describe the failure
            fatal = Messages.isFatal(t) ? t : null;
            reply = new Messages.Failed(batch.id(), index, RemoteTaskException.describe(t), fatal != null);
        }
        byte[] out;
        try
        {
            // Checked against the allow-list the parent reads with, so a refused result names its class here.
            out = Messages.write(reply, filter);
        }
        catch (final FilteredSerialization.RefusedException refused)
        {
            out = Messages.write(new Messages.Failed(batch.id(), 0, RemoteTaskException.describe(
                new IllegalStateException("a result cannot be sent back: it holds " + refused.refusedClass() +
                    ", which the pool's allow-list does not admit; admit it with " +
                    TaskCodec.admitHint("PoolOptions", refused), refused)), false));
        }
        catch (final IOException | RuntimeException notSerializable)
        {
            out = Messages.write(new Messages.Failed(batch.id(), 0, RemoteTaskException.describe(
                new IllegalStateException("a result cannot be sent back: " + notSerializable.getMessage() +
                    (notSerializable instanceof java.io.NotSerializableException ? " is not Serializable" : ""),
                    notSerializable)), false));
        }
        reply(out);
        return fatal;
    }

    private void reply(final byte[] message) throws InterruptedException
    {
        end.send(message);
        if (wake != null)
        {
            wake.signal();
        }
    }
}
