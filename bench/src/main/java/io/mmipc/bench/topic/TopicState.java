package io.mmipc.bench.topic;

import io.mmipc.IpcContext;
import io.mmipc.bench.support.PeerJvm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What both topic benchmarks set up per trial: a context directory, the contender's files or
 * driver, the benchmark JVM's side, and one peer JVM per subscriber, each subscribed before the
 * first message is published.
 */
final class TopicState implements AutoCloseable
{
    final IpcContext ctx;
    final AutoCloseable prepared;
    final FanOutLink link;
    final List<PeerJvm> peers = new ArrayList<>();

    TopicState(final FanOut contender, final int subscribers, final int size, final String mode) throws Exception
    {
        ctx = IpcContext.create();
        final Path dir = ctx.directory();
        prepared = contender.prepare(dir, size);
        link = contender.open(dir, size, true); // in this thread: it owns the mapping
        for (int i = 0; i < subscribers; i++)
        {
            peers.add(PeerJvm.start(TopicPeer.class, contender.name(), mode, dir.toString(), String.valueOf(size)));
        }
        link.watch(peers);
    }

    @Override
    public void close() throws Exception
    {
        try
        {
            peers.forEach(PeerJvm::checkAlive);
        }
        finally
        {
            peers.forEach(PeerJvm::close);
            link.close();
            prepared.close();
            ctx.close();
        }
    }
}
