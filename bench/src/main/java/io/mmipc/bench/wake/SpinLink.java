package io.mmipc.bench.wake;

import io.mmipc.internal.file.SharedFile;
import org.agrona.concurrent.AtomicBuffer;

import java.io.IOException;
import java.nio.file.Path;

import static io.mmipc.bench.wake.WakeFileDescriptor.PING_PONG_OFFSET;

/**
 * Both sides busy-spin on one mapped long: the benchmark stores {@code 2r - 1}, the peer answers
 * {@code 2r}. No system call, no idle strategy: the floor of the machine (its core-to-core round
 * trip), at the price of one core per side.
 */
final class SpinLink extends WakeLink
{
    private final SharedFile file;
    private final AtomicBuffer body;

    SpinLink(final Path dir) throws IOException
    {
        this.file = WordLink.open(dir);
        this.body = file.body();
    }

    @Override
    long request(final long round)
    {
        body.putLongRelease(PING_PONG_OFFSET, 2 * round - 1);
        final long expected = 2 * round;
        long got;
        while ((got = body.getLongVolatile(PING_PONG_OFFSET)) != expected)
        {
            if (got != expected - 1)
            {
                throw new IllegalStateException("round " + round + ": read " + got + ", expected " + expected);
            }
            Thread.onSpinWait();
        }
        return got;
    }

    @Override
    void serve(final long round)
    {
        final long expected = 2 * round - 1;
        while (body.getLongVolatile(PING_PONG_OFFSET) != expected)
        {
            Thread.onSpinWait();
        }
        body.putLongRelease(PING_PONG_OFFSET, expected + 1);
    }

    @Override
    public void close()
    {
        file.close();
    }
}
