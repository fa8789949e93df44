package io.mmipc.bench.wake;

import io.mmipc.bench.support.PeerJvm;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A producer JVM of {@link FanInThroughputBenchmark}: sends its payload as fast as the channel
 * takes it, until it is stopped. Args: contender, directory, message size.
 */
public final class FanInProducer
{
    private FanInProducer()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final FanInContender contender = FanInContender.valueOf(args[0]);
        final Path dir = Paths.get(args[1]);
        final int size = Integer.parseInt(args[2]);
        final FanInContender.Producer producer = contender.producer(dir, size);
        PeerJvm.signalReady();
        while (true)
        {
            producer.send();
        }
    }
}
