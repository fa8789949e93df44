package io.mmipc.bench.topic;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Aeron IPC: requests on one stream that every subscriber's image reads (the slowest subscriber
 * governs the publisher, as in mmipc's BLOCK policy), replies on another stream. The media driver
 * runs embedded in the benchmark JVM with a backoff idle strategy, its directory inside the
 * benchmark's context directory (under {@code /dev/shm}).
 */
final class AeronIpcLink extends FanOutLink
{
    static final String CHANNEL = "aeron:ipc";
    static final int REQUESTS = 2001;
    static final int REPLIES = 2002;

    private final Aeron aeron;
    private final Publication out;
    private final Subscription in;
    private final UnsafeBuffer message;
    private final FragmentHandler onMessage = (buffer, offset, length, header) -> received.add(buffer, offset, length);

    AeronIpcLink(final Path dir, final int size, final boolean publisher)
    {
        super(size);
        this.aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir(dir)));
        if (publisher)
        {
            this.out = aeron.addExclusivePublication(CHANNEL, REQUESTS);
            this.in = aeron.addSubscription(CHANNEL, REPLIES);
        }
        else
        {
            this.in = aeron.addSubscription(CHANNEL, REQUESTS);
            this.out = aeron.addPublication(CHANNEL, REPLIES);
            awaitConnected();
        }
        this.message = new UnsafeBuffer(ByteBuffer.allocateDirect(size));
        message.putBytes(0, payload);
    }

    static String aeronDir(final Path dir)
    {
        return dir.resolve("aeron").toString();
    }

    /**
     * @return a media driver for the run, closed at tear-down.
     */
    static MediaDriver launchDriver(final Path dir)
    {
        return MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(aeronDir(dir))
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 10, 1_000, 1_000_000))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }

    private void awaitConnected()
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!in.isConnected() || !out.isConnected())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("Aeron subscriber did not connect within 30 s");
            }
            Thread.onSpinWait();
        }
    }

    @Override
    boolean offer()
    {
        return out.offer(message, 0, size) > 0;
    }

    @Override
    int poll(final int limit)
    {
        return in.poll(onMessage, limit);
    }

    @Override
    public void close()
    {
        aeron.close();
    }
}
