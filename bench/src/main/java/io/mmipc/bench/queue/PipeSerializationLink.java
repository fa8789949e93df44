package io.mmipc.bench.queue;

import io.mmipc.bench.support.Payload;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Java-serialized byte arrays over an OS pipe (a named FIFO between the two JVMs): the baseline of
 * Python's {@code multiprocessing.Queue}, which pickles each object and writes it to a pipe. Each
 * message is serialized on its own ({@code writeUnshared}, then {@code reset}) and flushed, one
 * {@code write} system call per message, as Python's feeder thread does.
 */
final class PipeSerializationLink extends Link
{
    private final byte[] message;
    private final ObjectOutputStream out;
    private final ObjectInputStream in;
    private final BufferedInputStream buffered;

    PipeSerializationLink(final Path fifo, final int size, final boolean send) throws IOException
    {
        super(size);
        this.message = Payload.create(size);
        if (send)
        {
            out = new ObjectOutputStream(new BufferedOutputStream(new FileOutputStream(fifo.toFile()), 1 << 16));
            out.flush();
            in = null;
            buffered = null;
        }
        else
        {
            buffered = new BufferedInputStream(new FileInputStream(fifo.toFile()), 1 << 16);
            in = new ObjectInputStream(buffered);
            out = null;
        }
    }

    static void mkfifo(final Path fifo) throws IOException
    {
        try
        {
            final Process process = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString()).inheritIO().start();
            if (process.waitFor() != 0)
            {
                throw new IOException("mkfifo " + fifo + " failed with exit code " + process.exitValue());
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted in mkfifo " + fifo, ex);
        }
    }

    /**
     * Writes one message; blocks (in the kernel) while the pipe is full, so it never says no.
     */
    @Override
    public boolean offer()
    {
        try
        {
            out.writeUnshared(message);
            out.reset();
            out.flush();
            return true;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public int poll(final int limit)
    {
        try
        {
            int count = 0;
            while (count < limit && (count == 0 || buffered.available() > 0))
            {
                final byte[] got = (byte[])in.readUnshared();
                received.add(got);
                count++;
            }
            return count;
        }
        catch (final IOException | ClassNotFoundException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close()
    {
        try
        {
            if (out != null)
            {
                out.close();
            }
            if (in != null)
            {
                in.close();
            }
        }
        catch (final IOException ignore)
        {
            // the peer is gone already
        }
    }
}
