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

    @Test
    void localWorkersOfANetworkContextMapOverNetworkPipes() throws Exception
    {
        final int port = LoopbackNetworkTest.freeUdpPort();
        try (IpcContext home = IpcContext.builder().root(root).network(NetworkOptions.node("127.0.0.1", port)
            .secret(LoopbackNetworkTest.SECRET).peerTimeout(LoopbackNetworkTest.PEER_TIMEOUT)).build();
            Pool pool = home.pool(PoolOptions.defaults().processes(2).jvmOptions("-XX:TieredStopAtLevel=1", "-Xmx128m")))
        {
            final List<Integer> in = IntStream.range(0, 50).boxed().collect(Collectors.toList());
            assertEquals(in.stream().map(NetworkPoolTest::square).collect(Collectors.toList()),
                pool.map(NetworkPoolTest::square, in));
        }
    }
}
