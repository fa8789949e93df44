package io.mmipc.bench.peers;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.mmipc.bench.support.PeerJvm;
import io.mmipc.bench.support.Tally;

/**
 * The other JVM of {@link AeronIpcBenchmark}: subscribes to the request stream over the media
 * driver the benchmark JVM runs, checksums every byte of every message, and either drops it
 * ("sink") or sends it back on the reply stream ("echo"). It polls in a busy loop, as the other
 * contenders' peers do, and exits (code 3) if a message was not the payload sent.
 */
public final class AeronPeer
{
    private AeronPeer()
    {
    }

    public static void main(final String[] args)
    {
        final String dir = args[0];
        final boolean echo = args[1].equals("echo");
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir));
             Subscription requests = aeron.addSubscription(AeronIpcBenchmark.CHANNEL, AeronIpcBenchmark.REQUESTS);
             ExclusivePublication replies = echo ?
                 aeron.addExclusivePublication(AeronIpcBenchmark.CHANNEL, AeronIpcBenchmark.REPLIES) : null)
        {
            final Tally received = new Tally(AeronIpcBenchmark.SIZE);
            final FragmentHandler handler = echo ?
                (buffer, offset, length, header) ->
                {
                    received.add(buffer, offset, length);
                    while (replies.offer(buffer, offset, length) < 0)
                    {
                        Thread.onSpinWait();
                    }
                } :
                (buffer, offset, length, header) -> received.add(buffer, offset, length);
            final String consumer = "AeronPeer " + args[1];
            PeerJvm.signalReady();
            while (!Thread.currentThread().isInterrupted())
            {
                if (requests.poll(handler, 64) == 0)
                {
                    Thread.onSpinWait();
                }
                received.exitIfCorrupted(consumer);
            }
        }
    }
}
