package io.mmipc.bench.queue;

import io.mmipc.bench.support.PeerJvm;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The peer JVM of the queue benchmarks, started through {@link PeerJvm}. It busy-spins (one
 * spinning thread here, one in the benchmark: the two cores of a small machine).
 * <ul>
 *   <li>{@code sink}: receives everything on channel {@code in} as fast as it can;</li>
 *   <li>{@code echo}: for each message received on {@code in}, sends one of the same size on {@code out}.</li>
 * </ul>
 * Either way it checksums every byte it receives, and exits (code 3) if a message was not the
 * payload sent.
 * Args: transport, sink|echo, directory, message size, in [, out]. It announces
 * {@link PeerJvm#READY} before it opens its links, because opening an OS pipe waits for the other
 * side; the benchmark opens its side in the same order.
 */
public final class QueuePeer
{
    private QueuePeer()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Transport transport = Transport.valueOf(args[0]);
        transport.applyCounting(); // as the benchmark JVM does
        final String mode = args[1];
        final Path dir = Paths.get(args[2]);
        final int size = Integer.parseInt(args[3]);
        PeerJvm.signalReady();
        final Link in = transport.open(dir, args[4], size, false);
        final String consumer = "QueuePeer " + mode + " over " + transport;
        if (mode.equals("sink"))
        {
            while (true)
            {
                if (in.poll(256) == 0)
                {
                    Thread.onSpinWait();
                }
                in.received().exitIfCorrupted(consumer);
            }
        }
        final Link out = transport.open(dir, args[5], size, true);
        while (true)
        {
            in.receive();
            in.received().exitIfCorrupted(consumer);
            out.send();
        }
    }
}
