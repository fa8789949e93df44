package io.mmipc.bench.wake;

import io.mmipc.bench.support.PeerJvm;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The peer JVM of the wake benchmarks: serves requests 1, 2, 3... until it is stopped. Args:
 * contender, directory. It announces {@link PeerJvm#READY} before it opens its side, because an
 * OS pipe's open waits for the other side.
 */
public final class WakePeer
{
    private WakePeer()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final WakeContender contender = WakeContender.valueOf(args[0]);
        final Path dir = Paths.get(args[1]);
        PeerJvm.signalReady();
        try (WakeLink link = contender.open(dir, false))
        {
            for (long round = 1; ; round++)
            {
                link.serve(round);
            }
        }
    }
}
