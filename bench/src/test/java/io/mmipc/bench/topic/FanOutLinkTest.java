package io.mmipc.bench.topic;

import io.mmipc.IpcContext;
import io.mmipc.bench.support.Payload;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every fan-out contender delivers each request to every subscriber and each reply back, whole
 * and checksummed; in one JVM (the benchmarks do the same across several).
 */
class FanOutLinkTest
{
    private static final int SIZE = 100;

    @ParameterizedTest
    @EnumSource(FanOut.class)
    @Timeout(60)
    void everySubscriberChecksumsEveryRequestAndThePublisherEveryReply(final FanOut contender) throws Exception
    {
        try (IpcContext ctx = IpcContext.create())
        {
            final Path dir = ctx.directory();
            try (AutoCloseable prepared = contender.prepare(dir, SIZE);
                 FanOutLink publisher = contender.open(dir, SIZE, true);
                 FanOutLink first = contender.open(dir, SIZE, false);
                 FanOutLink second = contender.open(dir, SIZE, false))
            {
                for (int i = 0; i < 3; i++)
                {
                    publisher.send();
                    first.receive(1);
                    second.receive(1);
                    first.send();
                    second.send();
                    publisher.receive(2);
                }
                final long one = Payload.checksum(Payload.create(SIZE));
                for (final FanOutLink subscriber : new FanOutLink[] {first, second})
                {
                    assertEquals(3, subscriber.received().messages());
                    assertEquals(0, subscriber.received().corrupted());
                    assertEquals(3 * one, subscriber.received().sum());
                    assertEquals(0, subscriber.lapped());
                }
                assertEquals(6, publisher.received().messages());
                assertEquals(6 * one, publisher.received().sum());
            }
        }
    }
}
