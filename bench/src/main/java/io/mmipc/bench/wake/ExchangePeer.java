package io.mmipc.bench.wake;

import io.mmipc.bench.support.PeerJvm;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The peer JVM of the request/response suites: for each request it receives (every byte
 * checksummed), it sends a reply of the same size, until it is stopped; it exits (code 3) if a
 * request was not the payload sent. Args: contender, directory, message size.
 */
public final class ExchangePeer
{
    private ExchangePeer()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final ExchangeContender contender = ExchangeContender.valueOf(args[0]);
        final Path dir = Paths.get(args[1]);
        final int size = Integer.parseInt(args[2]);
        final String consumer = "ExchangePeer over " + contender;
        try (Exchange link = contender.serve(dir, size, PeerJvm::signalReady))
        {
            while (true)
            {
                link.receive();
                link.received().exitIfCorrupted(consumer);
                link.send();
            }
        }
    }
}
