package io.mmipc.bench.topic;

import io.mmipc.bench.support.PeerJvm;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A subscriber JVM of the topic benchmarks, started through {@link PeerJvm}: subscribes, announces
 * {@link PeerJvm#READY}, then either receives as fast as it can ({@code sink}) or answers each
 * message with one of the same size ({@code echo}). It checksums every byte it receives and exits
 * (code 3) on a message that was not the payload sent. With more subscribers than cores an empty
 * poll yields, so the benchmark's publisher is not starved. Args: contender, sink|echo, directory, size.
 */
public final class TopicPeer
{
    private TopicPeer()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final FanOut contender = FanOut.valueOf(args[0]);
        final boolean echo = args[1].equals("echo");
        final Path dir = Paths.get(args[2]);
        final int size = Integer.parseInt(args[3]);
        final FanOutLink link = contender.open(dir, size, false);
        final String consumer = "TopicPeer " + args[1] + " over " + contender;
        PeerJvm.signalReady();
        int idle = 0;
        while (true)
        {
            final int got = link.poll(echo ? 1 : 256);
            if (got == 0)
            {
                if (++idle > 100)
                {
                    Thread.yield();
                }
                else
                {
                    Thread.onSpinWait();
                }
                continue;
            }
            idle = 0;
            link.received().exitIfCorrupted(consumer);
            if (echo)
            {
                while (!link.offer())
                {
                    Thread.onSpinWait();
                }
            }
        }
    }
}
