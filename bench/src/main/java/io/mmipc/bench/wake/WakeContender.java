package io.mmipc.bench.wake;

import io.mmipc.internal.wait.Futex;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The contenders of the wake benchmarks: how two JVMs wake each other for a request and its
 * reply. The benchmark JVM {@link #prepare}s the channel before its peer starts; both then
 * {@link #open} their side.
 */
public enum WakeContender
{
    /** One byte each way over blocking OS pipes: the kernel-wake floor. */
    OS_PIPE
    {
        @Override
        void prepare(final Path dir) throws IOException, InterruptedException
        {
            PipeLink.mkfifos(dir);
        }

        @Override
        WakeLink open(final Path dir, final boolean benchmarkSide) throws IOException
        {
            return new PipeLink(dir, benchmarkSide);
        }
    },
    /** mmipc's waiter with wake words: spin, yield, then a futex sleep until signalled. */
    MMIPC_FUTEX
    {
        @Override
        WakeLink open(final Path dir, final boolean benchmarkSide) throws IOException
        {
            if (!Futex.loadNow())
            {
                throw new IllegalStateException("no futex here: " + Futex.status());
            }
            return new WordLink(dir, true);
        }
    },
    /** mmipc's waiter without wake words: spin, yield, then parks growing to 1 ms (before issue 13). */
    MMIPC_BACKOFF
    {
        @Override
        WakeLink open(final Path dir, final boolean benchmarkSide) throws IOException
        {
            return new WordLink(dir, false);
        }
    },
    /** Both sides busy-spin on one mapped long: the floor of the machine. */
    SPIN
    {
        @Override
        WakeLink open(final Path dir, final boolean benchmarkSide) throws IOException
        {
            return new SpinLink(dir);
        }
    };

    /**
     * Makes the channel's files, in the benchmark JVM, before the peer starts.
     */
    void prepare(final Path dir) throws IOException, InterruptedException
    {
        WordLink.open(dir).close();
    }

    abstract WakeLink open(Path dir, boolean benchmarkSide) throws IOException;
}
