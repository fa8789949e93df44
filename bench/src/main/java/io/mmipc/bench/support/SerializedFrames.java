package io.mmipc.bench.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;

/**
 * What Python's {@code multiprocessing.Queue} does to every object, done the Java way: serialize
 * it on its own (as {@code pickle.dumps} does), send a length and the bytes over a byte stream (an
 * OS pipe or a socket), flush; the reader reads the length and the bytes and deserializes them.
 */
public final class SerializedFrames
{
    private final DataOutputStream out;
    private final DataInputStream in;
    private final ByteArrayOutputStream scratch = new ByteArrayOutputStream(256);

    public SerializedFrames(final InputStream in, final OutputStream out)
    {
        this.in = in == null ? null : new DataInputStream(new BufferedInputStream(in, 1 << 16));
        this.out = out == null ? null : new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    }

    public void write(final Object value) throws IOException
    {
        scratch.reset();
        try (ObjectOutputStream oos = new ObjectOutputStream(scratch))
        {
            oos.writeObject(value);
        }
        out.writeInt(scratch.size());
        scratch.writeTo(out);
        out.flush();
    }

    /**
     * @return the next object, or null at end of stream.
     */
    public Object read() throws IOException, ClassNotFoundException
    {
        final int length;
        try
        {
            length = in.readInt();
        }
        catch (final java.io.EOFException end)
        {
            return null;
        }
        final byte[] bytes = new byte[length];
        in.readFully(bytes);
        try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(bytes)))
        {
            return ois.readObject();
        }
    }
}
