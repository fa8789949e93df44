package io.mmipc.bench.wake;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * One byte each way over blocking OS pipes (two named FIFOs), no serialization: each side sleeps
 * in {@code read} and the kernel wakes it when the other side writes. The kernel-wake floor: what
 * a futex-based wait can hope for.
 */
final class PipeLink extends WakeLink
{
    private final FileOutputStream out;
    private final FileInputStream in;

    /**
     * Opens the FIFOs in the order that the other side opens them (an open of a FIFO waits for
     * its other end): the benchmark side writes "request", the peer reads it first.
     */
    PipeLink(final Path dir, final boolean benchmarkSide) throws IOException
    {
        final Path request = dir.resolve("request.fifo");
        final Path reply = dir.resolve("reply.fifo");
        if (benchmarkSide)
        {
            out = new FileOutputStream(request.toFile());
            in = new FileInputStream(reply.toFile());
        }
        else
        {
            in = new FileInputStream(request.toFile());
            out = new FileOutputStream(reply.toFile());
        }
    }

    static void mkfifos(final Path dir) throws IOException, InterruptedException
    {
        for (final String name : new String[] {"request.fifo", "reply.fifo"})
        {
            final Process process = new ProcessBuilder("mkfifo", "-m", "600", dir.resolve(name).toString())
                .inheritIO().start();
            if (process.waitFor() != 0)
            {
                throw new IOException("mkfifo " + dir.resolve(name) + " failed with exit code " + process.exitValue());
            }
        }
    }

    @Override
    long request(final long round)
    {
        try
        {
            out.write((int)round);
            final int got = in.read();
            if (got != (int)(round + 1) % 256)
            {
                throw new IllegalStateException("reply to round " + round + " was " + got);
            }
            return got;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    void serve(final long round)
    {
        try
        {
            final int got = in.read();
            if (got != (int)(round % 256))
            {
                throw new IllegalStateException("request " + round + " read as " + got);
            }
            out.write(got + 1);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close()
    {
        try
        {
            out.close();
            in.close();
        }
        catch (final IOException ignore)
        {
            // the other side is gone already
        }
    }
}
