package io.mmipc.bench.wake;

import io.mmipc.IpcContext;
import io.mmipc.bench.support.PeerJvm;

import java.nio.file.Path;

/**
 * One trial of a request/response suite: a fresh context directory, the channel, the peer JVM
 * ({@link ExchangePeer}) and the benchmark's side, and the CPU-share watch on that peer. The
 * benchmark classes hold one from {@code @Setup(Level.Trial)} to {@code @TearDown(Level.Trial)}.
 */
final class ExchangeTrial implements AutoCloseable
{
    private final ExchangeContender contender;
    private final IpcContext ctx;
    private final PeerJvm peer;
    private final Exchange link;

    ExchangeTrial(final ExchangeContender contender, final int size) throws Exception
    {
        this.contender = contender;
        this.ctx = IpcContext.create();
        final Path dir = ctx.directory();
        PeerJvm started = null;
        try
        {
            contender.prepare(dir, size);
            started = PeerJvm.start(ExchangePeer.class, contender.name(), dir.toString(), String.valueOf(size));
            this.link = contender.open(dir, size, true);
        }
        catch (final Exception | Error ex)
        {
            if (started != null)
            {
                started.close();
            }
            ctx.close();
            throw ex;
        }
        this.peer = started;
        CpuShare.watch(contender.name(), peer.pid());
    }

    /**
     * Sends one request and waits for its reply.
     *
     * @return the sum of the replies' checksums so far.
     */
    long roundTrip() throws Exception
    {
        link.send();
        link.receive();
        return link.received().sum();
    }

    /**
     * Checks that the peer lives and every reply was intact, then stops the peer and removes the
     * directory.
     */
    @Override
    public void close()
    {
        try
        {
            peer.checkAlive();
            link.received().checkIntact(getClass().getSimpleName() + " over " + contender);
        }
        finally
        {
            peer.close();
            link.close();
            ctx.close();
        }
    }
}
