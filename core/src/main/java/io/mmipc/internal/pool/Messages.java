package io.mmipc.internal.pool;

import io.mmipc.RemoteFunction;
import io.mmipc.RemoteTaskException;
import io.mmipc.codec.SerialFilter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
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

    /** Worker to parent: the argument at {@code index} threw; the rest of the batch was not run. */
    record Failed(long id, int index, RemoteTaskException.Failure failure) implements Serializable
    {
    }

    /** Parent to worker: finish and exit. */
    record Stop() implements Serializable
    {
    }

    /** Worker to parent: it reached its task limit and exits after this message. */
    record Retiring(int tasksDone) implements Serializable
    {
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
     * @throws IllegalStateException naming the refused class, when the message holds one outside the allow-list.
     */
    static Object read(final byte[] message, final SerialFilter filter)
    {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(message)))
        {
            in.setObjectInputFilter(filter.toObjectInputFilter());
            return in.readObject();
        }
        catch (final InvalidClassException ex)
        {
            throw new IllegalStateException("a pool message holds a class outside the allow-list: " + ex.getMessage() +
                " (PoolOptions.allowPackage / allowClass)", ex);
        }
        catch (final IOException | ClassNotFoundException ex)
        {
            throw new IllegalStateException("cannot read a pool message of " + message.length + " bytes: " + ex, ex);
        }
    }
}
