package io.mmipc.internal.pool;

import io.mmipc.RemoteFunction;
import io.mmipc.RemoteTaskException;
import io.mmipc.codec.SerialFilter;
import io.mmipc.internal.FilteredSerialization;
import io.mmipc.internal.launch.TaskCodec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What crosses a pool worker's pipe: one Java-serialized record per message, read through the
 * pool's allow-list (fixed when the pool starts: bytes in a shared file are input like any other).
 */
final class Messages
{
    private Messages()
    {
    }

    /** Parent to worker: run {@code fn} on each argument. */
    record Batch(long id, RemoteFunction<Object, Object> fn, List<Object> args) implements Serializable
    {
    }

    /** Worker to parent: every argument's result, in order. */
    record Done(long id, List<Object> results) implements Serializable
    {
    }

    /**
     * Worker to parent: the argument at {@code index} threw; the rest of the batch was not run. When
     * {@code fatal} (see {@link #isFatal}) this is the worker's last message: it reads nothing more
     * and exits, so the batches it still holds were never read.
     */
    record Failed(long id, int index, RemoteTaskException.Failure failure, boolean fatal) implements Serializable
    {
    }

    /** Worker to parent: it could not read the oldest batch it was sent (named in the failure); it goes on. */
    record Unreadable(RemoteTaskException.Failure failure) implements Serializable
    {
    }

    /** Parent to worker: finish and exit. */
    record Stop() implements Serializable
    {
    }

    /** Worker to parent: its initializer returned; it reads batches now. */
    record Ready() implements Serializable
    {
    }

    /** Worker to parent: its initializer threw; this is its last message, it exits without reading. */
    record InitFailed(RemoteTaskException.Failure failure) implements Serializable
    {
    }

    /** Worker to parent: it reached its task limit and exits after this message. */
    record Retiring(int tasksDone) implements Serializable
    {
    }

    /**
     * The one rule for which task failures a worker must not survive: every
     * {@link VirtualMachineError} ({@link OutOfMemoryError}, {@link StackOverflowError},
     * {@link InternalError}, {@link UnknownError}). After one the JVM's state cannot be trusted: the
     * heap may be exhausted again by the next task, and a stack overflow or an asynchronous error can
     * strike inside a JDK lock or class initializer and leave it broken. A {@link LinkageError} is
     * not fatal: the JVM is sound, and restarting a worker for a missing class would only repeat it.
     */
    static boolean isFatal(final Throwable t)
    {
        return t instanceof VirtualMachineError;
    }

    static byte[] write(final Object message)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(message);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot serialize a pool message: " + ex.getMessage(), ex);
        }
        return bytes.toByteArray();
    }

    /**
     * Serializes a message whose receiver reads it through {@code filter}, checking its classes here.
     *
     * @throws FilteredSerialization.RefusedException naming a class the receiver would refuse.
     * @throws IOException when a value is not serializable.
     */
    static byte[] write(final Object message, final SerialFilter filter) throws IOException
    {
        return FilteredSerialization.write(message, filter);
    }

    /**
     * @throws IllegalStateException naming the refused class (or bound), when the message holds one
     *         outside the allow-list, and how to admit it.
     */
    static Object read(final byte[] message, final SerialFilter filter)
    {
        try
        {
            return FilteredSerialization.read(message, filter.checker(message.length));
        }
        catch (final FilteredSerialization.RefusedException ex)
        {
            throw new IllegalStateException("a pool message of " + message.length + " bytes was refused: " +
                ex.getMessage() + (ex.refusedClass() == null ? "" : "; admit it with " +
                TaskCodec.admitHint("PoolOptions", ex)), ex);
        }
        catch (final IOException | ClassNotFoundException ex)
        {
            throw new IllegalStateException("cannot read a pool message of " + message.length + " bytes: " + ex, ex);
        }
    }
}
