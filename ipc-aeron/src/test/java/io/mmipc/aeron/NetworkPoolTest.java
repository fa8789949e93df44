package io.mmipc.aeron;

import io.mmipc.IpcContext;
import io.mmipc.NetworkOptions;
import io.mmipc.Pool;
import io.mmipc.PoolOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A {@link Pool} in a network context: each worker's pipe is a network pipe.
 */
@Timeout(180)
class NetworkPoolTest
{
    @TempDir
    Path root;

    static int square(final int x)
    {
        return x * x;
    }

    private IpcContext home() throws java.io.IOException
    {
        return IpcContext.builder().root(root).network(NetworkOptions.node("127.0.0.1", LoopbackNetworkTest.freeUdpPort())
            .secret(LoopbackNetworkTest.SECRET).peerTimeout(LoopbackNetworkTest.PEER_TIMEOUT)).build();
    }

    private static PoolOptions localWorkers(final int count)
    {
        return PoolOptions.defaults().processes(count).jvmOptions("-XX:TieredStopAtLevel=1", "-Xmx128m");
    }

    /**
     * Applies one at a time: each reply comes over the network, which signals no wake word of its
     * own, so the dispatcher must be woken by the arrival signal, not by the end of its sleep slice.
     * Prints the mean time per apply (no assertion on time).
     */
    @Test
    void oneAtATimeAppliesOverNetworkPipesAllComeBack() throws Exception
    {
        try (IpcContext home = home(); Pool pool = home.pool(localWorkers(1)))
        {
            assertEquals(4, pool.applyAsync(NetworkPoolTest::square, 2).get(60, TimeUnit.SECONDS));
            final int applies = 200;
            final long start = System.nanoTime();
            for (int i = 0; i < applies; i++)
            {
                assertEquals(i * i, pool.applyAsync(NetworkPoolTest::square, i).get(30, TimeUnit.SECONDS));
            }
            System.out.printf("network pool, one local worker: %.1f us per apply (%d applies)%n",
                (System.nanoTime() - start) / 1e3 / applies, applies);
        }
    }

    @Test
    void localWorkersOfANetworkContextMapOverNetworkPipes() throws Exception
    {
        try (IpcContext home = home(); Pool pool = home.pool(localWorkers(2)))
        {
            final List<Integer> in = IntStream.range(0, 50).boxed().collect(Collectors.toList());
            assertEquals(in.stream().map(NetworkPoolTest::square).collect(Collectors.toList()),
                pool.map(NetworkPoolTest::square, in));
        }
    }
}
